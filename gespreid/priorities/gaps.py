"""Gap analysis: pure functions, no database. The views feed them plain data (see analysis.py).

For each requirement of a priority (an area, a minimum level, how many people) we look at who
holds that area at or above the level:

- ``covered``: at least two people, and at least as many as needed;
- ``short``: at least two people, but fewer than needed;
- ``fragile``: exactly one person — it rests on one pair of shoulders;
- ``missing``: nobody.

For every gap: who wants to grow into it (growers), who wants to grow but aims below the level
(``below``, shown with why), who in another school of the board could help (helpers, only when the
caller is allowed to look), and a suggested route: ``train`` when someone wants to grow, else
``share`` when another school has it, else ``hire``. When the leader has recorded a route (``Taken``),
the gap reads ``developing`` ("in ontwikkeling", someone is being trained) or ``shared`` ("gedeeld").
A gap someone is training for (accepted training in a development plan, ``Trainee``) also reads
``developing``, whatever route was recorded.
"""

from dataclasses import dataclass, field

COVERED, SHORT, FRAGILE, MISSING = "covered", "short", "fragile", "missing"
DEVELOPING, SHARED = "developing", "shared"
SEVERITY = {COVERED: 0, SHORT: 1, FRAGILE: 2, MISSING: 3}
TRAIN, SHARE, HIRE = "train", "share", "hire"


@dataclass(frozen=True)
class Need:
    area_id: int
    area_name: str
    min_level: int
    people_needed: int = 1
    area_key: str = ""


@dataclass(frozen=True)
class Holder:
    """One person's entry for an area (this school): level may be None (only a growth wish)."""

    user_id: int
    name: str
    level: int | None = None
    wants_growth: bool = False
    target_level: int | None = None


@dataclass(frozen=True)
class Helper:
    """Someone in another school of the board with this area at some level."""

    user_id: int
    name: str
    school_name: str
    level: int


@dataclass(frozen=True)
class Taken:
    """The route the leader recorded for a gap: train ``person``; ``person`` shares with ``partner``; hire."""

    route: str
    person: str = ""
    partner: str = ""
    note: str = ""


@dataclass(frozen=True)
class Trainee:
    """Someone with accepted training in the area (a POP). ``name`` is empty when the viewer may only count."""

    user_id: int
    name: str = ""


@dataclass
class Gap:
    need: Need
    status: str
    holders: list = field(default_factory=list)  # qualified people, by level then name
    growers: list = field(default_factory=list)
    helpers: list = field(default_factory=list)
    route: str | None = None
    below: list = field(default_factory=list)  # want to grow here, but aim below the level asked
    taken: Taken | None = None
    trainees: list = field(default_factory=list)  # accepted training in the area, not yet at the level

    @property
    def trainee_names(self) -> list[str]:
        return sorted(t.name for t in self.trainees if t.name)

    @property
    def trainees_unnamed(self) -> int:
        return sum(1 for t in self.trainees if not t.name)

    @property
    def shown_status(self) -> str:
        """The status as read: a gap with someone in training is "in ontwikkeling", a shared one "gedeeld"."""
        if self.status != COVERED and self.trainees:
            return DEVELOPING
        if self.status != COVERED and self.taken is not None:
            if self.taken.route == TRAIN:
                return DEVELOPING
            if self.taken.route == SHARE:
                return SHARED
        return self.status

    @property
    def remains(self) -> bool:
        """Still a gap after the planned training and sharing (what a vacancy is for)."""
        return self.is_gap and self.shown_status not in (DEVELOPING, SHARED)

    @property
    def shortfall(self) -> int:
        return max(0, self.need.people_needed - len(self.holders))

    @property
    def covered_count(self) -> int:
        return min(len(self.holders), self.need.people_needed)

    @property
    def is_gap(self) -> bool:
        return self.status != COVERED


def status_for(qualified: int, needed: int) -> str:
    if qualified == 0:
        return MISSING
    if qualified == 1:
        return FRAGILE
    return COVERED if qualified >= needed else SHORT


def suggest_route(status: str, growers, helpers) -> str | None:
    if status == COVERED:
        return None
    if growers:
        return TRAIN
    if helpers:
        return SHARE
    return HIRE


def assess(need: Need, people, helpers=(), taken: Taken | None = None, trainees=()) -> Gap:
    """The gap for one requirement, given everyone's entries for that area, possible helpers and who has
    accepted training in it (those already at the level asked do not make it "in ontwikkeling")."""
    qualified = sorted(
        (p for p in people if p.level is not None and p.level >= need.min_level), key=lambda p: (-p.level, p.name)
    )
    qualified_ids = {p.user_id for p in qualified}
    growers = sorted(
        (
            p
            for p in people
            if p.wants_growth
            and p.user_id not in qualified_ids
            and (p.target_level is None or p.target_level >= need.min_level)
        ),
        key=lambda p: p.name,
    )
    below = sorted(
        (
            p
            for p in people
            if p.wants_growth
            and p.user_id not in qualified_ids
            and p.target_level is not None
            and p.target_level < need.min_level
        ),
        key=lambda p: p.name,
    )
    status = status_for(len(qualified), need.people_needed)
    useful_helpers = (
        []
        if status == COVERED
        else sorted((h for h in helpers if h.level >= need.min_level), key=lambda h: (-h.level, h.name))
    )
    return Gap(
        need,
        status,
        qualified,
        growers,
        useful_helpers,
        suggest_route(status, growers, useful_helpers),
        below,
        taken,
        sorted((t for t in trainees if t.user_id not in qualified_ids), key=lambda t: (t.name == "", t.name)),
    )


def analyse(
    needs,
    people_by_area: dict,
    helpers_by_area: dict | None = None,
    taken: dict | None = None,
    trainees_by_area: dict | None = None,
) -> list[Gap]:
    """One Gap per need. ``people_by_area``: area id -> [Holder]; ``helpers_by_area``: area id -> [Helper];
    ``taken``: area id -> Taken (the routes recorded for this priority); ``trainees_by_area``: area id ->
    [Trainee]."""
    helpers_by_area = helpers_by_area or {}
    taken = taken or {}
    trainees_by_area = trainees_by_area or {}
    return [
        assess(
            n,
            people_by_area.get(n.area_id, ()),
            helpers_by_area.get(n.area_id, ()),
            taken.get(n.area_id),
            trainees_by_area.get(n.area_id, ()),
        )
        for n in needs
    ]


def coverage(gaps) -> float | None:
    """Share of the needed people that are there (0..1); None when nothing is required."""
    needed = sum(g.need.people_needed for g in gaps)
    if not needed:
        return None
    return sum(g.covered_count for g in gaps) / needed


def worst_status(gaps) -> str | None:
    if not gaps:
        return None
    return max((g.status for g in gaps), key=SEVERITY.__getitem__)


@dataclass
class VacancyLine:
    area_id: int
    area_name: str
    min_level: int
    people_short: int
    status: str
    priorities: list = field(default_factory=list)
    growers: int = 0

    @property
    def weight(self) -> tuple:
        return (SEVERITY[self.status], self.people_short, len(self.priorities))


def vacancy_profile(gaps_by_priority: list[tuple[str, list]]) -> list[VacancyLine]:
    """What a new colleague should bring, most needed first: every area with a gap over all priorities that
    remains after the planned training and sharing (``Gap.remains``).

    ``gaps_by_priority``: [(priority title, [Gap, ...]), ...]. Per area the highest level asked, the worst
    status and the largest shortfall; a fragile area is 0 people short (it rests on one: the status says so).
    """
    lines: dict[int, VacancyLine] = {}
    for title, gaps in gaps_by_priority:
        for gap in gaps:
            if not gap.remains:
                continue
            short = gap.shortfall
            line = lines.get(gap.need.area_id)
            if line is None:
                line = lines[gap.need.area_id] = VacancyLine(
                    gap.need.area_id, gap.need.area_name, gap.need.min_level, short, gap.status
                )
            else:
                line.min_level = max(line.min_level, gap.need.min_level)
                line.people_short = max(line.people_short, short)
                if SEVERITY[gap.status] > SEVERITY[line.status]:
                    line.status = gap.status
            line.priorities.append(title)
            line.growers = max(line.growers, len(gap.growers))
    return sorted(lines.values(), key=lambda v: (tuple(-x for x in v.weight), v.area_name))
