"""Team import from CSV or xlsx: check every row, show the problems, write only after confirmation.

Columns (Dutch or English headers, any order, case-insensitive): naam/name, e-mail/email,
functie/function, fte, groep/group ("3", "1/2", "5/6") and bouw (onderbouw, middenbouw, bovenbouw). CSV may use ``;`` (Dutch Excel) or ``,`` and be UTF-8 (with or without
BOM) or Windows-1252/Latin-1. At most ``MAX_ROWS`` rows and ``MAX_BYTES`` bytes per file: a
school team is far smaller; a larger file is refused with a clear message before any row is read
into the database.
"""

import csv
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.forms import parse_bouw, parse_class_group, parse_fte
from gespreid.core.models import Function, Membership

from .invitations import expiry, send_invitation_emails
from .lockout import normalise_email
from .models import Invitation, TeamImport

MAX_ROWS = 1000
MAX_BYTES = 2 * 1024 * 1024

HEADERS = {
    "name": {"naam", "name", "volledige naam", "full name"},
    "email": {"e-mail", "email", "e-mailadres", "emailadres", "mail", "email address", "e-mail address"},
    "function": {"functie", "function", "rol", "role"},
    "fte": {"fte", "wtf", "werktijdfactor"},
    "class_group": {"groep", "group", "groepen", "klas", "class"},
    "bouw": {"bouw", "afdeling", "unit"},
}
REQUIRED = ("name", "email")


def _function_lookup() -> dict[str, str]:
    """Every way to write a function: its code, its Dutch label and its English label."""
    from django.utils.translation import override

    lookup = {}
    for value, label in Function.choices:
        lookup[value.lower()] = value
        with override("nl"):
            lookup[str(label).lower()] = value
        with override("en"):
            lookup[str(label).lower()] = value
    lookup.update(
        {
            "ib'er": Function.INTERNAL_SUPERVISOR,
            "ib": Function.INTERNAL_SUPERVISOR,
            "teacher": Function.TEACHER,
            "directeur": Function.DIRECTOR,
            "adjunct-directeur": Function.DEPUTY,
            "locatieleider": Function.DEPUTY,
            "oa": Function.ASSISTANT,
            "vakleerkracht gym": Function.SUBJECT_TEACHER,
        }
    )
    return lookup


class ImportError_(Exception):
    """The whole file cannot be read; the message says why."""


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(raw: bytes) -> list[list[str]]:
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    try:
        return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as error:
        raise ImportError_(_("Dit CSV-bestand is niet te lezen (%(error)s).") % {"error": error}) from None


def _read_xlsx(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for broken files
        raise ImportError_(_("Dit Excel-bestand is niet te openen. Sla het opnieuw op als .xlsx of als CSV.")) from None
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise ImportError_(_("Dit Excel-bestand heeft geen werkblad."))
    rows = []
    for row in sheet.iter_rows(values_only=True):
        rows.append(["" if cell is None else str(cell) for cell in row])
        if len(rows) > MAX_ROWS + 1:
            break
    workbook.close()
    return rows


_CONTROL = {c: None for c in range(32) if c not in (9,)} | {127: None}


def _clean(rows: list[list[str]]) -> list[list[str]]:
    """Drop control characters (NUL and friends): PostgreSQL refuses them in text and JSON."""
    return [[cell.translate(_CONTROL) for cell in row] for row in rows]


def read_rows(filename: str, raw: bytes) -> list[list[str]]:
    return _clean(_read_rows(filename, raw))


def _read_rows(filename: str, raw: bytes) -> list[list[str]]:
    if not raw.strip():
        raise ImportError_(_("Het bestand is leeg."))
    if len(raw) > MAX_BYTES:
        raise ImportError_(_("Het bestand is te groot (meer dan 2 MB)."))
    if filename.lower().endswith(".xlsx") or raw[:4] == b"PK\x03\x04":
        return _read_xlsx(raw)
    if filename.lower().endswith((".xls", ".ods", ".numbers")):
        raise ImportError_(_("Dit bestandstype kunnen we niet lezen. Gebruik .xlsx of .csv."))
    return _read_csv(raw)


def _columns(header: list[str]) -> dict[str, int]:
    columns, unknown = {}, []
    for index, title in enumerate(header):
        key = title.strip().lower().replace("_", " ")
        if not key:
            continue
        for field, names in HEADERS.items():
            if key in names:
                if field in columns:
                    raise ImportError_(_("De kolom '%(title)s' staat er twee keer in.") % {"title": title.strip()})
                columns[field] = index
                break
        else:
            unknown.append(title.strip())
    if not columns:
        raise ImportError_(
            _(
                "De eerste regel moet de kolomnamen bevatten: naam, e-mail, functie, fte, groep en bouw. "
                "We missen: naam, e-mail."
            )
        )
    if unknown:
        raise ImportError_(
            _("Onbekende kolom: %(columns)s. Gebruik de kolommen naam, e-mail, functie, fte, groep en bouw.")
            % {"columns": ", ".join(f"'{u}'" for u in unknown[:5])}
        )
    missing = [field for field in REQUIRED if field not in columns]
    if missing:
        names = {"name": _("naam"), "email": _("e-mail")}
        raise ImportError_(
            _("De eerste regel moet de kolomnamen bevatten; we missen: %(columns)s.")
            % {"columns": ", ".join(str(names[m]) for m in missing)}
        )
    return columns


def check_rows(school, rows: list[list[str]]) -> tuple[list[dict], list[dict]]:
    """Split the rows of a file into good rows and problems (line number, values, reasons)."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportError_(_("Het bestand is leeg."))
    columns = _columns(rows[0])
    body = rows[1:]
    if not body:
        raise ImportError_(_("Het bestand heeft alleen kolomnamen en nog geen mensen."))
    if len(body) > MAX_ROWS:
        raise ImportError_(
            _(
                "Het bestand heeft %(n)s rijen; per keer kunnen maximaal %(max)s mensen worden ingelezen. Splits het bestand."
            )
            % {"n": f"{len(body)}+" if len(body) > MAX_ROWS + 1 else len(body), "max": MAX_ROWS}
        )
    in_team = set(Membership.objects.filter(school=school, is_active=True).values_list("user__email", flat=True))
    in_team = {e.lower() for e in in_team}
    functions = _function_lookup()
    seen: dict[str, int] = {}
    good, problems = [], []
    for line, row in enumerate(body, start=2):

        def cell(field, row=row):
            index = columns.get(field)
            return row[index].strip() if index is not None and index < len(row) else ""

        values = {field: cell(field) for field in HEADERS}
        reasons = []
        name, email = values["name"], normalise_email(values["email"])
        if not name:
            reasons.append(_("naam ontbreekt"))
        elif len(name) > 150:
            reasons.append(_("naam is langer dan 150 tekens"))
        try:
            validate_email(email)
            if len(email) > 254:
                raise ValidationError("too long")
        except ValidationError:
            reasons.append(_("ongeldig e-mailadres") if email else _("e-mailadres ontbreekt"))
        else:
            if email in seen:
                reasons.append(_("staat dubbel in het bestand (ook op regel %(line)s)") % {"line": seen[email]})
            elif email in in_team:
                reasons.append(_("hoort al bij het team"))
            seen.setdefault(email, line)
        function = Function.TEACHER
        if values["function"]:
            function = functions.get(values["function"].lower())
            if function is None:
                reasons.append(_("onbekende functie '%(value)s'") % {"value": values["function"][:40]})
        fte = Decimal("1.00")
        if "fte" in columns:
            try:
                fte = parse_fte(values["fte"])
            except ValueError as error:
                reasons.append(str(error).rstrip(".").lower())
        class_group = bouw = ""
        try:
            class_group = parse_class_group(values["class_group"])
        except ValueError as error:
            reasons.append(
                _("groep '%(value)s': %(error)s")
                % {"value": values["class_group"][:20], "error": str(error).rstrip(".").lower()}
            )
        try:
            bouw = parse_bouw(values["bouw"])
        except ValueError as error:
            reasons.append(
                _("bouw '%(value)s': %(error)s")
                % {"value": values["bouw"][:20], "error": str(error).rstrip(".").lower()}
            )
        if reasons:
            problems.append({"line": line, "values": values, "reasons": reasons})
        else:
            good.append(
                {
                    "name": name,
                    "email": email,
                    "function": function,
                    "fte": str(fte),
                    "class_group": class_group,
                    "bouw": bouw,
                }
            )
    return good, problems


def prepare_import(actor, school, filename: str, raw: bytes) -> TeamImport:
    """Read and check a file; store the result (nothing is added to the team yet)."""
    good, problems = check_rows(school, read_rows(filename, raw))
    TeamImport.objects.filter(school=school, uploaded_by=actor, confirmed_at__isnull=True).delete()
    return TeamImport.objects.create(
        school=school, uploaded_by=actor, filename=filename[:200], rows=good, problems=problems
    )


def confirm_import(actor, team_import: TeamImport) -> dict:
    """Invite every good row, in one transaction; nobody joins the team before accepting.

    A person with an account (at another school) gets an invitation to accept, like anyone else: no
    school adds someone without their consent, and neither the counts nor the team page say who had
    an account. Accepting creates the account (new person) or adds the membership (existing one).
    Bulk statements: a file at the cap (1,000 people) is a handful of queries, not thousands.
    """
    school = team_import.school
    counts = {"invited": 0, "skipped": 0}
    with transaction.atomic():
        locked = TeamImport.objects.select_for_update().get(pk=team_import.pk)
        if locked.confirmed_at:
            raise ImportError_(_("Deze import is al uitgevoerd."))
        rows = {row["email"]: row for row in locked.rows}
        members = set(
            Membership.objects.filter(school=school, is_active=True, user__email__in=list(rows)).values_list(
                "user__email", flat=True
            )
        )
        open_invites = set(
            Invitation.objects.filter(
                school=school, email__in=list(rows), accepted_at__isnull=True, cancelled_at__isnull=True
            ).values_list("email", flat=True)
        )
        invitations, tokens = [], []
        for email, row in rows.items():
            if email in members or email in open_invites:
                counts["skipped"] += 1  # joined or invited between preview and confirmation
                continue
            token, token_hash = Invitation.new_token()
            invitations.append(
                Invitation(
                    school=school,
                    email=email,
                    name=row["name"],
                    function=row["function"],
                    fte=Decimal(row["fte"]),
                    class_group=row.get("class_group", ""),
                    bouw=row.get("bouw", ""),
                    token_hash=token_hash,
                    invited_by=actor,
                    expires_at=expiry(),
                )
            )
            tokens.append(token)
        Invitation.objects.bulk_create(invitations, batch_size=500)
        counts["invited"] = len(invitations)
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        record(
            actor,
            "accounts.team_import",
            school=school,
            target=locked,
            summary=f"{locked.filename}: {counts['invited']} uitgenodigd",
        )
        pairs = list(zip(invitations, tokens, strict=True))
        send_invitation_emails(pairs)
    return counts
