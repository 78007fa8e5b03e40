"""Facilitated time: concrete dagdelen for roles and groups, the hours they count, the calendar and the .ics feed.

One source of facilitated hours: ``facilitated_hours_by_user``. ``planning.budget_rows`` uses it for the
"roles" column of every budget, so a dagdeel is never counted twice:

- a role counts, for its holder, the larger of its agreed number of dagdelen (``Role.dagdelen``) and the
  dagdelen planned for it: planned half-days make the agreed ones concrete, they do not come on top;
- a group's facilitated hours are divided equally over its lead and members, and each of them counts the
  larger of that share and the group's dagdelen planned for them: the same rule as a role;
- a dagdeel for neither (e.g. a course day) counts as planned.

Writes go through ``plan_dagdeel``, ``plan_group_dagdelen`` and ``remove_dagdeel`` (state, audit and
notification in one transaction). Going over the person's budget uses plan's guard (``planning``:
``over_budget_by_person``, ``over_budget_message``, ``confirm_over_budget``): refused with a message naming
the person, the cause and the hours, unless the leader confirms with a reason, which the plan keeps and
which is kept on the dagdeel and in the audit log too.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from gespreid.core import school_cache
from gespreid.core.audit import record
from gespreid.core.notify import notify
from gespreid.groups.models import Group

from . import hours
from .apps import MAIL_KIND
from .models import CalendarFeed, Dagdeel, DayPart, Role, SchoolWorkSettings

ZERO = Decimal("0")
TZ = ZoneInfo("Europe/Amsterdam")
# The times a dagdeel stands for in a calendar (a school day's usual morning and afternoon).
PART_TIMES = {DayPart.MORNING: (time(8, 30), time(12, 0)), DayPart.AFTERNOON: (time(13, 0), time(16, 30))}


class OverBudget(Exception):
    """Planning this would take the person over their budget; the message names person, cause and hours."""


def hours_per_dagdeel(school) -> Decimal:
    value = SchoolWorkSettings.objects.filter(school=school).values_list("hours_per_dagdeel", flat=True).first()
    return value if value is not None else SchoolWorkSettings._meta.get_field("hours_per_dagdeel").default


def _roles_in_year(school, year):
    return Role.objects.filter(school=school, starts_on__lte=year.ends_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on)
    )


def _group_participants(school, year) -> dict:
    """group id -> (name, facilitated hours, set of user ids of lead and members) for the year (1 query)."""
    groups: dict = {}
    rows = Group.objects.filter(school=school, school_year=year).values_list(
        "pk", "name", "facilitated_hours", "lead_id", "memberships__user_id"
    )
    for pk, name, facilitated, lead_id, member_id in rows:
        entry = groups.setdefault(pk, (name, facilitated, set()))
        entry[2].update({lead_id, member_id} - {None})
    return groups


@dataclass
class Source:
    """One reason a person has facilitated hours: a role, a group or loose dagdelen."""

    label: str
    agreed: Decimal  # hours agreed (role dagdelen × hours, or the person's share of a group's hours)
    planned: int  # dagdelen planned
    hours: Decimal  # what counts: max(agreed, planned × hours per dagdeel)


@dataclass
class Facilitation:
    user_id: int
    sources: list[Source] = field(default_factory=list)

    @property
    def hours(self) -> Decimal:
        return hours.r1(sum((s.hours for s in self.sources), ZERO))


def facilitation_by_user(school, year, per_dagdeel=None) -> dict[int, Facilitation]:
    """Every person's facilitated hours in the year with where they come from (4 queries, any number of rows)."""
    per = hours_per_dagdeel(school) if per_dagdeel is None else per_dagdeel
    planned: dict = {}
    for row in (
        Dagdeel.objects.filter(school=school, school_year=year)
        .values("user_id", "role_id", "group_id")
        .annotate(n=Count("id"))
    ):
        planned[(row["user_id"], row["role_id"], row["group_id"])] = row["n"]
    out: dict[int, Facilitation] = {}

    def add(user_id, label, agreed, count):
        agreed = hours.r1(agreed)
        counted = max(agreed, hours.r1(count * per))
        out.setdefault(user_id, Facilitation(user_id)).sources.append(Source(label, agreed, count, counted))

    for role in _roles_in_year(school, year).only("pk", "holder_id", "title", "dagdelen"):
        add(role.holder_id, role.title, role.dagdelen * per, planned.pop((role.holder_id, role.pk, None), 0))
    for group_id, (name, facilitated, people) in _group_participants(school, year).items():
        share = facilitated / len(people) if people else ZERO
        for user_id in people:
            add(user_id, name, share, planned.pop((user_id, None, group_id), 0))
    for (user_id, _role, _group), count in planned.items():  # a former holder, a left member, loose dagdelen
        add(user_id, _("Overige dagdelen"), ZERO, count)
    return out


def facilitated_hours_by_user(school, year, per_dagdeel=None) -> dict[int, Decimal]:
    return {user_id: f.hours for user_id, f in facilitation_by_user(school, year, per_dagdeel).items()}


def facilitated_hours(membership, year) -> Decimal:
    """The hours one person's roles and groups count in their budget this year."""
    return facilitated_hours_by_user(membership.school, year).get(membership.user_id, ZERO)


# --- Planning dagdelen ---------------------------------------------------------------------------


def _check_slot(year, user, day, part, exclude_pk=None):
    if not (year.starts_on <= day <= year.ends_on):
        raise ValidationError(
            _("%(day)s valt buiten het schooljaar %(year)s (%(start)s – %(end)s).")
            % {
                "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
                "year": year,
                "start": formats.date_format(year.starts_on, "SHORT_DATE_FORMAT"),
                "end": formats.date_format(year.ends_on, "SHORT_DATE_FORMAT"),
            }
        )
    clash = Dagdeel.objects.filter(user=user, date=day, part=part).exclude(pk=exclude_pk).first()
    if clash is not None:
        raise ValidationError(
            _("%(name)s heeft op %(day)s in de %(part)s al een dagdeel (%(what)s).")
            % {
                "name": user,
                "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
                "part": clash.get_part_display().lower(),
                "what": clash.purpose,
            }
        )


def _guard_budget(actor, school, year, users, before: dict, cause: str, reason: str) -> list:
    """After the change (inside the caller's transaction): refuse (OverBudget, plan's message) when it raises
    someone's facilitated hours and takes them over budget, unless a reason is given; with a reason the plan
    keeps plan's over-budget confirmation. Returns the users who went over.

    ``before``: their facilitated hours before the change (someone already over budget through tasks
    may still get a dagdeel that makes agreed time concrete: it adds no hours).
    """
    from . import planning  # planning imports this module for the budget's facilitated hours

    after = facilitated_hours_by_user(school, year)
    raised = [u for u in users if after.get(u.pk, ZERO) > before.get(u.pk, ZERO)]
    over_by = planning.over_budget_by_person(school, year, raised) if raised else {}
    over = [u for u in raised if u.pk in over_by]
    if not over:
        return []
    reason = reason.strip()
    if not reason:
        raise OverBudget(planning.over_budget_message(over[0], cause, over_by[over[0].pk]))
    plan = planning.plan_for(school, year, create=True)
    for user in over:
        planning.confirm_over_budget(plan, user, cause=cause, hours_over=over_by[user.pk], reason=reason, actor=actor)
    return over


def group_budget_guard(group):
    """The groups form's budget guard (registered with ``groups.membership.register_hours_guard``).

    Called before a group is saved: remembers everyone's facilitated hours. The returned check runs after the
    save (same transaction): someone in the group whose hours went up (more facilitated hours, a smaller group,
    a new lead or member) and who is now over budget stops the save with plan's message naming person, cause and
    hours, unless the leader gave a reason, which the plan keeps (``_guard_budget``)."""
    school, year = group.school, group.school_year
    if year is None:
        return None
    before = facilitated_hours_by_user(school, year)

    def check(actor, reason: str) -> None:
        people = list(
            get_user_model()
            .objects.filter(Q(pk=group.lead_id) | Q(group_memberships__group=group))
            .distinct()
            .order_by("name")
        )
        cause = _("de werkgroep ‘%(name)s’") % {"name": group.name}
        try:
            _guard_budget(actor, school, year, people, before, cause, reason)
        except OverBudget as error:
            raise ValidationError(str(error)) from error

    return check


def _notify_planned(school, actor, users, day, part, what):
    others = [u for u in users if u.pk != actor.pk]
    if others:
        notify(
            school,
            others,
            _("Er is een dagdeel voor je gepland: %(day)s, %(part)s (%(what)s).")
            % {"day": formats.date_format(day, "SHORT_DATE_FORMAT"), "part": DayPart(part).label.lower(), "what": what},
            reverse("work:facilitation-mine", args=[school.slug]),
            kind=MAIL_KIND,
        )


def plan_dagdeel(
    actor, role: Role, year, *, day: date, part: str, during_school=True, note="", over_budget_reason=""
) -> Dagdeel:
    """Plan one dagdeel for a role's holder. Raises ValidationError (slot) or OverBudget (budget)."""
    school = role.school
    with transaction.atomic():
        _check_slot(year, role.holder, day, part)
        before = facilitated_hours_by_user(school, year)
        dagdeel = Dagdeel(
            school=school,
            school_year=year,
            user=role.holder,
            role=role,
            date=day,
            part=part,
            during_school=during_school,
            note=note,
            over_budget_reason=over_budget_reason.strip(),
            created_by=actor,
        )
        try:
            with transaction.atomic():
                dagdeel.save()
        except IntegrityError as error:  # a parallel request took the slot
            raise ValidationError(_("Dit dagdeel is net door iemand anders gepland.")) from error
        cause = _("de rol ‘%(title)s’") % {"title": role.title}
        over = _guard_budget(actor, school, year, [role.holder], before, cause, over_budget_reason)
        if not over:
            dagdeel.over_budget_reason = ""
            Dagdeel.objects.filter(pk=dagdeel.pk).update(over_budget_reason="")
        record(
            actor,
            "work.dagdeel_planned",
            school=school,
            target=dagdeel,
            summary=f"{role.holder}: {day:%d-%m-%Y} {part} ({role.title})"
            + (f"; boven budget: {dagdeel.over_budget_reason}" if over else ""),
        )
        _notify_planned(school, actor, [role.holder], day, part, role.title)
    return dagdeel


def plan_group_dagdelen(
    actor, group: Group, *, day: date, part: str, during_school=True, note="", over_budget_reason=""
) -> list[Dagdeel]:
    """Plan one dagdeel for every participant (lead and members) of a group."""
    school, year = group.school, group.school_year
    people = list(
        get_user_model()
        .objects.filter(Q(pk=group.lead_id) | Q(group_memberships__group=group))
        .distinct()
        .order_by("name")
    )
    if not people:
        raise ValidationError(_("Deze werkgroep heeft nog geen trekker of leden."))
    reason = over_budget_reason.strip()
    with transaction.atomic():
        for person in people:
            _check_slot(year, person, day, part)
        before = facilitated_hours_by_user(school, year)
        made = Dagdeel.objects.bulk_create(
            [
                Dagdeel(
                    school=school,
                    school_year=year,
                    user=person,
                    group=group,
                    date=day,
                    part=part,
                    during_school=during_school,
                    note=note,
                    over_budget_reason=reason,
                    created_by=actor,
                )
                for person in people
            ]
        )
        cause = _("de werkgroep ‘%(name)s’") % {"name": group.name}
        over = _guard_budget(actor, school, year, people, before, cause, reason)
        over_ids = {user.pk for user in over}
        Dagdeel.objects.filter(pk__in=[d.pk for d in made]).exclude(user_id__in=over_ids).update(over_budget_reason="")
        # bulk_create and update send no signal, and the demo runs outside a request: a new school version.
        school_cache.school_changed(school.pk)
        record(
            actor,
            "work.dagdeel_planned",
            school=school,
            target=group,
            summary=f"{group.name}: {day:%d-%m-%Y} {part}, {len(people)} personen"
            + (f"; boven budget: {reason}" if over else ""),
        )
        _notify_planned(school, actor, people, day, part, group.name)
    return made


def remove_dagdeel(actor, dagdeel: Dagdeel) -> None:
    with transaction.atomic():
        record(
            actor,
            "work.dagdeel_removed",
            school=dagdeel.school,
            target=dagdeel,
            summary=f"{dagdeel.user}: {dagdeel.date:%d-%m-%Y} {dagdeel.part} ({dagdeel.purpose})",
        )
        dagdeel.delete()


# --- The school calendar -------------------------------------------------------------------------


@dataclass
class Week:
    monday: date
    days: list  # [(date, [dagdeel, ...]), ...] only days with dagdelen
    out_of_class: int  # dagdelen during school time

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]


CALENDAR_WEEKS = 4  # weeks on one page: enough to arrange cover, small enough to stay fast for 60 staff


def calendar_start(year, wanted: date | None, today: date) -> date:
    """The Monday the calendar page starts at: the wanted week, else this week, kept inside the school year."""
    day = wanted or today
    day = min(max(day, year.starts_on), year.ends_on)
    return day - timedelta(days=day.weekday())


def calendar_weeks(school, year, start: date, weeks: int = CALENDAR_WEEKS) -> list[Week]:
    """Every week from ``start`` (a Monday) for ``weeks`` weeks: who has a dagdeel on which day (1 query)."""
    end = start + timedelta(weeks=weeks)
    rows = (
        Dagdeel.objects.filter(school=school, school_year=year, date__gte=start, date__lt=end)
        .select_related("user", "role", "group")
        .only("date", "part", "during_school", "note", "user__name", "role__title", "group__name")
        .order_by("date", "part", "user__name")
    )
    by_week: dict[date, dict[date, list]] = {start + timedelta(weeks=i): {} for i in range(weeks)}
    for d in rows:
        monday = d.date - timedelta(days=d.date.weekday())
        by_week[monday].setdefault(d.date, []).append(d)
    return [
        Week(monday, list(days.items()), sum(1 for ds in days.values() for d in ds if d.during_school))
        for monday, days in by_week.items()
    ]


# --- The personal calendar feed ------------------------------------------------------------------


def feed_for(school, user, create=False):
    if create:
        return CalendarFeed.objects.get_or_create(school=school, user=user)[0]
    return CalendarFeed.objects.filter(school=school, user=user).first()


def renew_feed(school, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    from .models_facilitation import new_feed_token

    with transaction.atomic():
        feed, created = CalendarFeed.objects.get_or_create(school=school, user=user)
        if not created:
            feed.token = new_feed_token()
            feed.save(update_fields=["token"])
        record(user, "work.calendar_feed_renewed", school=school, target=feed, summary=str(user))
    return feed


def revoke_feed(school, user) -> None:
    with transaction.atomic():
        deleted, _count = CalendarFeed.objects.filter(school=school, user=user).delete()
        if deleted:
            record(user, "work.calendar_feed_revoked", school=school, summary=str(user))


def part_bounds(day: date, part: str) -> tuple[datetime, datetime]:
    start, end = PART_TIMES[DayPart(part)]
    return datetime.combine(day, start, TZ), datetime.combine(day, end, TZ)


def feed_ics(feed: CalendarFeed) -> bytes:
    """The person's planned dagdelen in this school as an iCalendar file."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Gespreid//dagdelen//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Dagdelen %(school)s") % {"school": feed.school.name})
    for d in Dagdeel.objects.filter(school=feed.school, user=feed.user).select_related("role", "group"):
        start, end = part_bounds(d.date, d.part)
        event = Event()
        event.add("uid", f"dagdeel-{d.pk}@gespreid")
        event.add("summary", _("Dagdeel: %(what)s") % {"what": d.purpose})
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("dtstamp", d.created_at)
        if not d.during_school:
            event.add("description", _("Buiten schooltijd"))
        cal.add_component(event)
    return cal.to_ical()
