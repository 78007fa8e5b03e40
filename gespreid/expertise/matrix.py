"""The team's picture: the matrix (people x areas), the palette per domain and the xlsx export.

Three queries whatever the team size: the people, the areas, the entries (as plain values).
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.utils.html import escape
from django.utils.safestring import SafeString

from .models import Area, ExpertiseEntry, Level

LEVELS = [1, 2, 3, 4]


@dataclass
class Cell:
    level: int | None = None
    grow: bool = False
    target: int | None = None

    @property
    def css(self) -> str:
        return f"l{self.level or 0}{' grow' if self.grow else ''}"


@dataclass
class Person:
    id: int
    name: str
    cells: list = field(default_factory=list)


def areas_for(school, domain_key: str | None = None):
    areas = Area.objects.filter(school=school, retired_at__isnull=True).select_related("domain")
    if domain_key:
        areas = areas.filter(domain__key=domain_key)
    return list(areas)


def team(school):
    return list(school.memberships.filter(is_active=True).order_by("user__name").values_list("user_id", "user__name"))


# How many area columns fit side by side in the beamer view at 1,920 px (its type is 1.4 times the normal
# size: a column is about 50 px, the names about 300 px). With more areas the beamer view shows one domain
# per page.
BEAMER_COLUMNS = 24


@dataclass
class BeamerPages:
    """The beamer view's pages, one per domain that has areas: where this page is and its neighbours."""

    domains: list  # [Domain], in the matrix's order
    current: int  # index into domains

    @property
    def domain(self):
        return self.domains[self.current]

    @property
    def previous(self):
        return self.domains[self.current - 1] if self.current > 0 else None

    @property
    def next(self):
        return self.domains[self.current + 1] if self.current + 1 < len(self.domains) else None

    @property
    def number(self) -> int:
        return self.current + 1


def beamer_pages(areas, domain_key: str | None, max_columns: int = BEAMER_COLUMNS) -> BeamerPages | None:
    """One page per domain when the school's areas do not fit side by side on a beamer, else None (one page).

    ``areas`` are all active areas in the matrix's order; an unknown or empty ``domain_key`` is the first page.
    """
    if len(areas) <= max_columns:
        return None
    domains: list = []
    for area in areas:
        if not domains or domains[-1].id != area.domain_id:
            domains.append(area.domain)
    keys = [d.key for d in domains]
    return BeamerPages(domains, keys.index(domain_key) if domain_key in keys else 0)


def build(school, year, domain_key: str | None = None, areas: list | None = None) -> dict:
    """{'domains': [(domain, span)], 'areas': [...], 'people': [Person]} for the matrix page.

    ``areas`` may be given when the caller already has all active areas (they are filtered to the domain here).
    """
    if areas is None:
        areas = areas_for(school, domain_key)
    elif domain_key:
        areas = [a for a in areas if a.domain.key == domain_key]
    people = team(school)
    index = {a.id: i for i, a in enumerate(areas)}
    by_user: dict[int, list] = {uid: [None] * len(areas) for uid, _ in people}
    if year is not None and areas:
        rows = ExpertiseEntry.objects.filter(school_year=year, area_id__in=list(index)).values_list(
            "user_id", "area_id", "level", "wants_growth", "target_level"
        )
        for uid, area_id, level, grow, target in rows:
            if uid in by_user:
                by_user[uid][index[area_id]] = Cell(level, grow, target)
    empty = Cell()
    persons = [Person(uid, name, [c or empty for c in by_user[uid]]) for uid, name in people]
    domains: list = []
    for area in areas:
        if domains and domains[-1][0].id == area.domain_id:
            domains[-1][1] += 1
        else:
            domains.append([area.domain, 1])
    return {"domains": domains, "areas": areas, "people": persons}


def _cell_html(cell: Cell, grow_label: str) -> str:
    level = str(cell.level) if cell.level else ""
    grow = f'<span class="grow-mark" title="{grow_label}">↑</span>' if cell.grow else ""
    return f'<td class="{cell.css}">{level}{grow}</td>'


def body_html(people, profile_url, grow_label: str = "") -> SafeString:
    """The matrix rows as HTML, built here rather than in the template (thousands of cells through the
    template engine are its slowest part). ``profile_url(user_id)`` gives the link per person.
    Only numbers, fixed class names and escaped names go in.
    """
    cache: dict = {}
    grow_label = escape(grow_label)
    rows = []
    for person in people:
        cells = []
        for cell in person.cells:
            key = (cell.level, cell.grow)
            html = cache.get(key)
            if html is None:
                html = cache[key] = _cell_html(cell, grow_label)
            cells.append(html)
        rows.append(
            f'<tr><th scope="row" class="person"><a href="{escape(profile_url(person.id))}">{escape(person.name)}</a></th>{"".join(cells)}</tr>'
        )
    return SafeString("\n".join(rows))


@dataclass
class PaletteRow:
    area: Area
    counts: list  # people per level 1..4
    growers: int
    previous_advanced: int | None = None  # people at level 3 or 4 the school year before

    @property
    def advanced(self) -> int:
        return self.counts[2] + self.counts[3]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def segments(self) -> list[dict]:
        """Stacked-bar pieces (x, width in % of 100) for the SVG, one per level that has people."""
        total, x, pieces = self.total, 0.0, []
        for level, n in zip(LEVELS, self.counts, strict=True):
            if n and total:
                w = 100 * n / total
                pieces.append({"level": level, "x": round(x, 2), "w": round(w, 2)})
                x += w
        return pieces


def palette(school, year, previous=None) -> list[tuple]:
    """[(domain, [PaletteRow])]: per area how many people at each level and how many want to grow. Counts only.

    With ``previous`` (the school year before) each row also says how many were advanced (3 or 4) then.
    """
    areas = areas_for(school)
    counts = {a.id: [0, 0, 0, 0] for a in areas}
    growers = dict.fromkeys(counts, 0)
    before = dict.fromkeys(counts, 0) if previous is not None else {}
    active = school.memberships.filter(is_active=True).values("user_id")
    if year is not None:
        rows = ExpertiseEntry.objects.filter(
            school_year=year, area_id__in=list(counts), user_id__in=active
        ).values_list("area_id", "level", "wants_growth")
        for area_id, level, grow in rows:
            if level in LEVELS:
                counts[area_id][level - 1] += 1
            if grow:
                growers[area_id] += 1
    if previous is not None:
        rows = ExpertiseEntry.objects.filter(
            school_year=previous, area_id__in=list(counts), user_id__in=active, level__gte=3
        ).values_list("area_id", flat=True)
        for area_id in rows:
            before[area_id] += 1
    result: dict = {}
    for area in areas:
        row = PaletteRow(area, counts[area.id], growers[area.id], before.get(area.id))
        result.setdefault(area.domain, []).append(row)
    return list(result.items())


def export_xlsx(school, year, data: dict, labels: dict) -> bytes:
    """The matrix as an .xlsx workbook (sheet 'Matrix' plus a legend)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from gespreid.core.exports import append_row

    wb = Workbook()
    ws = wb.active
    ws.title = "Matrix"
    append_row(ws, [f"{school.name} · {labels['year']} {year or ''}"])
    ws["A1"].font = Font(bold=True, size=14)
    domain_row = [""]
    for domain, span in data["domains"]:
        domain_row += [domain.name] + [""] * (span - 1)
    append_row(ws, domain_row)
    append_row(ws, [labels["name"]] + [a.name for a in data["areas"]])
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(text_rotation=60 if cell.column > 1 else 0, vertical="bottom")
    fills = {1: "EAF4F0", 2: "BFE0D3", 3: "7FC2A8", 4: "3A9A78"}
    for person in data["people"]:
        append_row(ws, [person.name] + [(f"{c.level or ''}{' ↑' if c.grow else ''}").strip() for c in person.cells])
        for c, cell in zip(person.cells, ws[ws.max_row][1:], strict=False):
            if c.level:
                cell.fill = PatternFill("solid", fgColor=fills[c.level])
            cell.alignment = Alignment(horizontal="center")
    ws.column_dimensions["A"].width = 28
    ws.freeze_panes = "B4"
    legend = wb.create_sheet(labels["legend"])
    for value, label in Level.choices:
        append_row(legend, [value, str(label)])
    append_row(legend, ["↑", labels["grow"]])
    legend.column_dimensions["B"].width = 45
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
