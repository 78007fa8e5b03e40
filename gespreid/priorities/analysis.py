"""Feed the pure gap analysis (gaps.py) from the database, in a fixed number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from gespreid.core.models import Membership
from gespreid.expertise import search
from gespreid.expertise.models import ExpertiseEntry

from . import gaps
from .models import GapRoute, Priority, Requirement

MAX_HELPERS = 5

_training_sources: list = []


def register_training_source(func) -> None:
    """``func(school, year) -> {area id: [(user id, name, named)]}``: who has accepted training in an area
    (the development app's POPs). ``named`` is whether the owner shared it with the school leader: only then
    does the leader see the name; everyone else sees how many. Called once per analysis (one query each)."""
    if func not in _training_sources:
        _training_sources.append(func)


def trainees_by_area(school, year, show_names: bool) -> dict:
    """area id -> [gaps.Trainee] from every registered source; names only when ``show_names`` and shared."""
    result: dict = {}
    if year is None:
        return result
    for source in _training_sources:
        for area_id, rows in source(school, year).items():
            seen = {t.user_id for t in result.get(area_id, ())}
            for user_id, name, named in rows:
                if user_id not in seen:
                    seen.add(user_id)
                    result.setdefault(area_id, []).append(gaps.Trainee(user_id, name if show_names and named else ""))
    return result


def for_year(school, year):
    """The school's active priorities that run in ``year`` (a priority may span several years)."""
    qs = school.priorities.filter(is_active=True).select_related("owner", "first_year", "last_year")
    if year is None:
        return qs
    return qs.filter(first_year__starts_on__lte=year.starts_on).filter(
        Q(last_year__isnull=True) | Q(last_year__starts_on__gte=year.starts_on)
    )


def with_requirements(priorities):
    return priorities.prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.select_related("area").order_by("area__name"))
    )


def needs_of(priority) -> list[gaps.Need]:
    return [
        gaps.Need(r.area_id, r.area.name, r.min_level, r.people_needed, r.area.key) for r in priority.requirements.all()
    ]


def holders_by_area(school, year, area_ids) -> dict:
    """area id -> [Holder] for the school's active members in ``year`` (one query)."""
    result: dict = {}
    if year is None or not area_ids:
        return result
    active = Membership.objects.filter(school=school, is_active=True, user_id=OuterRef("user_id"))
    rows = (
        ExpertiseEntry.objects.filter(school_year=year, area_id__in=set(area_ids))
        .filter(Exists(active))
        .values_list("area_id", "user_id", "user__name", "level", "wants_growth", "target_level")
    )
    for area_id, user_id, name, level, grow, target in rows:
        result.setdefault(area_id, []).append(gaps.Holder(user_id, name, level, grow, target))
    return result


def helpers_by_area(school, needs) -> dict:
    """area id -> [Helper] from the board's other schools, only when the board allows it (one query)."""
    if not needs or not school.board.allow_cross_school_search:
        return {}
    by_key: dict = {}
    for need in needs:
        by_key.setdefault(need.area_key, []).append(need)
    rows = search.board_entries(school, list(by_key), min_level=min(n.min_level for n in needs)).values_list(
        "area__key", "user_id", "user__name", "school__name", "level"
    )[:500]
    result: dict = {}
    for key, user_id, name, school_name, level in rows:
        for need in by_key.get(key, ()):
            bucket = result.setdefault(need.area_id, [])
            if level >= need.min_level and len(bucket) < MAX_HELPERS:
                bucket.append(gaps.Helper(user_id, name, school_name, level))
    return result


def routes_by_priority(priorities) -> dict:
    """priority id -> {area id -> gaps.Taken} for the routes the leader recorded (one query)."""
    out: dict = {}
    rows = GapRoute.objects.filter(requirement__priority__in=priorities).select_related(
        "requirement", "person", "partner"
    )
    for r in rows:
        partner = r.partner.name if r.partner else r.partner_name
        out.setdefault(r.requirement.priority_id, {})[r.requirement.area_id] = gaps.Taken(
            r.route, r.person.name if r.person else "", partner, r.note
        )
    return out


def analyse(school, year, priorities, with_helpers: bool = False, show_names: bool = False) -> list[tuple]:
    """[(priority, [Gap])] for the given priorities (already with requirements prefetched). ``show_names``:
    the viewer is the school leader, who may see who trains in an area where the owner shared it."""
    priorities = list(priorities)
    needs = {p.id: needs_of(p) for p in priorities}
    all_needs = [n for ns in needs.values() for n in ns]
    people = holders_by_area(school, year, [n.area_id for n in all_needs])
    helpers = helpers_by_area(school, all_needs) if with_helpers else {}
    taken = routes_by_priority(priorities) if priorities else {}
    training = trainees_by_area(school, year, show_names) if all_needs else {}
    return [(p, gaps.analyse(needs[p.id], people, helpers, taken.get(p.id), training)) for p in priorities]


def is_running(priority: Priority, year) -> bool:
    if year is None:
        return priority.is_active
    return (
        priority.is_active
        and priority.first_year.starts_on <= year.starts_on
        and (priority.last_year is None or priority.last_year.starts_on >= year.starts_on)
    )
