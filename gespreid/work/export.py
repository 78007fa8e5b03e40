"""The werkverdelingsplan as an xlsx workbook (openpyxl): tasks, people and the plan texts."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from gespreid.core.exports import append_row


def plan_workbook(ctx: dict, school) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Taken")[:31]
    append_row(ws, [_("Taak"), _("Uren per persoon"), _("Aantal mensen"), _("Wie"), _("Open plaatsen")])
    for r in ctx["task_rows"]:
        append_row(
            ws,
            [
                r["task"].name,
                float(r["task"].hours_per_person),
                r["task"].headcount,
                ", ".join(a.user.name for a in r["assignments"]),
                r["open"],
            ],
        )
    people = wb.create_sheet(_("Uren per persoon")[:31])
    append_row(
        people,
        [
            _("Naam"),
            _("Fte"),
            _("Jaartaak"),
            _("Lesuren"),
            _("Voorbereiding en nawerk"),
            _("Duurzame inzetbaarheid"),
            _("Professionalisering"),
            _("Taakbudget"),
            _("Rollen"),
            _("Taken"),
            _("Over"),
        ],
    )
    for row in ctx["rows"]:
        s = row.split
        append_row(
            people,
            [
                row.user.name,
                float(s.fte),
                float(s.annual),
                float(s.teaching),
                float(s.preparation),
                float(s.employability),
                float(s.development),
                float(s.tasks),
                float(row.role_hours),
                float(row.task_hours),
                float(row.left),
            ],
        )
    texts = wb.create_sheet(_("Afspraken")[:31])
    plan = ctx["plan"]
    append_row(texts, [_("Werkverdelingsplan"), f"{school.name} {plan.school_year}"])
    append_row(texts, [_("Status"), plan.get_status_display()])
    append_row(texts, [_("Werkdrukmiddelen"), plan.funds_text])
    append_row(texts, [_("Pauzes"), plan.breaks_text])
    append_row(texts, [_("Overige afspraken"), plan.other_text])
    for sheet in (ws, people):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
