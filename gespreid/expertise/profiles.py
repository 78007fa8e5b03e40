"""A person's own profile: save a row, copy last year forward, suggestions from a school leader.

Every write goes through one function here: change + audit entry (+ notification) in one transaction.
Only the person themself writes their entries; a leader's suggestion becomes an entry only when
the person accepts it.
"""

from dataclasses import dataclass
from functools import wraps

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core import audit
from gespreid.core.notify import notify

from .apps import MAIL_KIND
from .models import Area, ExpertiseEntry, Profile, Suggestion

ENTRY_FIELDS = ("level", "acquired", "acquired_note", "acquired_year", "wants_growth", "target_level")


def profile_for(user, school, year, create: bool = False) -> Profile | None:
    if create:
        return Profile.objects.get_or_create(school=school, school_year=year, user=user)[0]
    return Profile.objects.filter(school_year=year, user=user).first()


def profile_write(func):
    """A write to one person's profile: one transaction, the profile row locked first.

    Every function here that changes a profile takes the person's profile lock (``locked_profile``)
    before anything else, so two saves by one person at once wait for each other instead of
    deadlocking; no school-wide row is touched, so colleagues' saves never wait for each other.
    """

    @wraps(func)
    def wrapper(*args, **kwargs):
        with transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def locked_profile(user, school, year) -> Profile:
    profile = profile_for(user, school, year, create=True)
    return Profile.objects.select_for_update().get(pk=profile.pk)


def touch(profile: Profile) -> None:
    """Mark the profile as updated now (counts for 'up to date' in an inventory round)."""
    profile.save(update_fields=["updated_at"])


def entry_is_empty(data: dict) -> bool:
    return not data.get("level") and not data.get("wants_growth")


@profile_write
def save_entry(user, school, year, area: Area, data: dict) -> ExpertiseEntry | None:
    """Create, update or (when level and growth wish are both empty) remove one row of the person's profile."""
    profile = locked_profile(user, school, year)
    values = {f: data.get(f) for f in ENTRY_FIELDS}
    values["acquired"] = values["acquired"] or ""
    values["acquired_note"] = (values["acquired_note"] or "")[:200]
    values["wants_growth"] = bool(values["wants_growth"])
    if not values["wants_growth"]:
        values["target_level"] = None
    if entry_is_empty(values):
        deleted, _n = ExpertiseEntry.objects.filter(school_year=year, user=user, area=area).delete()
        entry = None
        if deleted:
            audit.record(user, "expertise.entry_remove", school=school, target=profile, summary=area.name)
    else:
        entry, _created = ExpertiseEntry.objects.update_or_create(
            school_year=year, user=user, area=area, defaults={"school": school, **values}
        )
        audit.record(user, "expertise.entry_save", school=school, target=entry, summary=area.name)
    touch(profile)
    return entry


@profile_write
def save_settings(user, school, year, qualities: str, visible_to_board: bool, ambition: str = "") -> Profile:
    """The person's own qualities, ambition and sharing choice (nobody else writes them)."""
    profile = locked_profile(user, school, year)
    profile.qualities = qualities[:2000]
    profile.ambition = ambition[:300]
    profile.visible_to_board = visible_to_board
    profile.save(update_fields=["qualities", "ambition", "visible_to_board", "updated_at"])
    audit.record(user, "expertise.profile_save", school=school, target=profile, summary=user.name)
    return profile


@profile_write
def confirm(user, school, year) -> Profile:
    """'Mijn profiel klopt nog': counts as up to date without changing anything."""
    profile = locked_profile(user, school, year)
    touch(profile)
    audit.record(user, "expertise.profile_confirm", school=school, target=profile, summary=user.name)
    return profile


@profile_write
def copy_forward(user, school, from_year, to_year) -> int:
    """Start this year's profile from last year's: entries on areas still in use, qualities, sharing choice.

    Entries the person already made this year are kept. Returns how many rows were copied.
    """
    profile = locked_profile(user, school, to_year)
    old_profile = profile_for(user, school, from_year)
    if old_profile is not None and not profile.qualities:
        profile.qualities = old_profile.qualities
        profile.ambition = profile.ambition or old_profile.ambition
        profile.visible_to_board = old_profile.visible_to_board
        profile.save(update_fields=["qualities", "ambition", "visible_to_board", "updated_at"])
    have = set(ExpertiseEntry.objects.filter(school_year=to_year, user=user).values_list("area_id", flat=True))
    old = ExpertiseEntry.objects.filter(school_year=from_year, user=user, area__retired_at__isnull=True).exclude(
        area_id__in=have
    )
    copies = [
        ExpertiseEntry(
            school=school, school_year=to_year, user=user, area_id=e.area_id, **{f: getattr(e, f) for f in ENTRY_FIELDS}
        )
        for e in old
    ]
    ExpertiseEntry.objects.bulk_create(copies)
    touch(profile)
    audit.record(
        user,
        "expertise.profile_copy",
        school=school,
        target=profile,
        summary=f"{from_year} -> {to_year}: {len(copies)}",
    )
    return len(copies)


@transaction.atomic
def suggest(leader, person, school, year, area: Area, level, wants_growth: bool, note: str) -> Suggestion:
    suggestion = Suggestion.objects.create(
        school=school,
        school_year=year,
        user=person,
        area=area,
        level=level,
        wants_growth=wants_growth,
        note=note[:200],
        suggested_by=leader,
    )
    audit.record(leader, "expertise.suggest", school=school, target=suggestion, summary=f"{person.name}: {area.name}")
    notify(
        school,
        [person],
        _("%(name)s stelt voor om %(area)s aan je profiel toe te voegen. Jij beslist.")
        % {"name": leader.name, "area": area.name},
        reverse("expertise:profile-mine", args=[school.slug]),
        kind=MAIL_KIND,
    )
    return suggestion


@profile_write
def accept(suggestion: Suggestion) -> ExpertiseEntry | None:
    """The person takes the suggestion over: it updates (or creates) their entry for that area."""
    existing = ExpertiseEntry.objects.filter(
        school_year=suggestion.school_year, user=suggestion.user, area=suggestion.area
    ).first()
    data = {f: getattr(existing, f) for f in ENTRY_FIELDS} if existing else {}
    if suggestion.level:
        data["level"] = suggestion.level
    if suggestion.wants_growth:
        data["wants_growth"] = True
    entry = save_entry(suggestion.user, suggestion.school, suggestion.school_year, suggestion.area, data)
    _decide(suggestion, Suggestion.Status.ACCEPTED)
    return entry


@transaction.atomic
def decline(suggestion: Suggestion) -> None:
    _decide(suggestion, Suggestion.Status.DECLINED)


def _decide(suggestion: Suggestion, status: str) -> None:
    suggestion.status = status
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=["status", "decided_at"])
    audit.record(
        suggestion.user,
        f"expertise.suggestion_{status}",
        school=suggestion.school,
        target=suggestion,
        summary=suggestion.area.name,
    )
    if suggestion.suggested_by_id:
        text = (
            _("%(name)s heeft je voorstel over %(area)s overgenomen.")
            if status == Suggestion.Status.ACCEPTED
            else _("%(name)s heeft je voorstel over %(area)s niet overgenomen.")
        )
        notify(
            suggestion.school,
            [suggestion.suggested_by],
            text % {"name": suggestion.user.name, "area": suggestion.area.name},
            kind=MAIL_KIND,
        )


@dataclass
class Row:
    """One line on the profile page: an area and the person's entry (or None)."""

    area: Area
    entry: ExpertiseEntry | None
    previous: ExpertiseEntry | None = None
    form: object = None  # a bound form with errors, when the last save failed
    saved: bool = False

    @property
    def values(self) -> dict:
        """What the row's inputs show, as strings: the rejected input after an error, else the entry."""
        if self.form is not None:
            data = self.form.data
            return {f: data.get(f, "") for f in ENTRY_FIELDS} | {"wants_growth": bool(data.get("wants_growth"))}
        e = self.entry
        if e is None:
            return dict.fromkeys(ENTRY_FIELDS, "") | {"wants_growth": False}
        return {
            "level": str(e.level or ""),
            "acquired": e.acquired,
            "acquired_note": e.acquired_note,
            "acquired_year": str(e.acquired_year or ""),
            "wants_growth": e.wants_growth,
            "target_level": str(e.target_level or ""),
        }

    @property
    def changed(self) -> bool:
        if self.entry is None and self.previous is None:
            return False
        a, b = self.entry, self.previous
        return (a.level if a else None) != (b.level if b else None) or (a.wants_growth if a else False) != (
            b.wants_growth if b else False
        )


def profile_groups(user, school, year, previous_year=None, include_retired: bool = False) -> list[tuple]:
    """[(domain, [Row, ...]), ...] for the profile page, in three queries."""
    areas = Area.objects.filter(school=school).select_related("domain")
    if not include_retired:
        areas = areas.filter(retired_at__isnull=True)
    entries = {e.area_id: e for e in ExpertiseEntry.objects.filter(school_year=year, user=user)} if year else {}
    previous = (
        {e.area_id: e for e in ExpertiseEntry.objects.filter(school_year=previous_year, user=user)}
        if previous_year
        else {}
    )
    groups: dict = {}
    for area in areas:
        if area.retired_at and area.id not in entries:
            continue
        groups.setdefault(area.domain, []).append(Row(area, entries.get(area.id), previous.get(area.id)))
    return list(groups.items())


@dataclass
class QualityRow:
    user_id: int
    name: str
    function: str
    class_group: str
    bouw: str
    qualities: str
    ambition: str


def team_qualities(school, year, *, bouw: str = "", with_ambition: bool = False) -> list[QualityRow]:
    """Everyone in the team with the qualities of their profile in ``year`` (two queries, any team size).

    The ambition is only filled in for a reader who may see it (the school's leaders); nothing is ranked:
    the list is alphabetical, people who wrote nothing yet are listed too.
    """
    from gespreid.core.models import Bouw, Function, Membership

    members = Membership.objects.filter(school=school, is_active=True)
    if bouw:
        members = members.filter(bouw=bouw)
    members = list(members.select_related("user").order_by("user__name", "user__email"))
    texts = {
        user_id: (qualities, ambition)
        for user_id, qualities, ambition in Profile.objects.filter(
            school_year=year, user_id__in=[m.user_id for m in members]
        ).values_list("user_id", "qualities", "ambition")
    }
    functions, bouwen = dict(Function.choices), dict(Bouw.choices)
    rows = []
    for m in members:
        qualities, ambition = texts.get(m.user_id, ("", ""))
        rows.append(
            QualityRow(
                user_id=m.user_id,
                name=m.user.name or m.user.email,
                function=str(functions.get(m.function, m.function)),
                class_group=m.class_group,
                bouw=str(bouwen.get(m.bouw, "")),
                qualities=qualities,
                ambition=ambition if with_ambition else "",
            )
        )
    return rows
