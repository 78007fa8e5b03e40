"""POPs: the owner's writes, the leader's decision on requested activities, and the totals others may see.

What leaves the owner: only goals and activities they share, and accepted activities (which they had to
share to ask for them). School totals (for the leader and the board) count accepted and done activities
only, so nothing unshared is ever summed into a figure someone else sees. Private writes are not put in
the school's audit log (the leader reads that log); decisions are.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.notify import notify
from gespreid.work.planning import cao_rules

from .apps import MAIL_KIND
from .models import Activity, ActivityKind, ActivityStatus, DevelopmentPlan, TrainingBudget

ZERO = Decimal("0")
COUNTING = [ActivityStatus.ACCEPTED, ActivityStatus.DONE]


class PlanError(Exception):
    pass


def plan_for(school, year, user, create=False):
    if create:
        return DevelopmentPlan.objects.get_or_create(school=school, school_year=year, user=user)[0]
    return DevelopmentPlan.objects.filter(school=school, school_year=year, user=user).first()


def _leaders(school):
    return [m.user for m in school.memberships.filter(is_active=True, is_leader=True).select_related("user")]


def request_activity(actor, activity: Activity) -> Activity:
    """The owner asks the school leader to accept an activity (sharing it)."""
    plan = activity.plan
    if plan.user_id != actor.pk:
        raise PlanError(_("Alleen de eigenaar van het POP kan dit aanvragen."))
    if activity.status != ActivityStatus.IDEA:
        raise PlanError(_("Deze activiteit is al aangevraagd."))
    with transaction.atomic():
        activity.status, activity.shared = ActivityStatus.REQUESTED, True
        activity.save(update_fields=["status", "shared"])
        notify(
            plan.school,
            [u for u in _leaders(plan.school) if u.pk != actor.pk],
            _("%(name)s vraagt scholing aan: %(title)s.") % {"name": actor, "title": activity.title},
            reverse("development:plan-shared", args=[plan.school.slug, actor.pk]),
            kind=MAIL_KIND,
        )
    return activity


def decide_activity(leader, activity: Activity, accept: bool) -> Activity:
    """The school leader accepts (or sends back) a requested activity."""
    plan = activity.plan
    if activity.status != ActivityStatus.REQUESTED or not activity.shared:
        raise PlanError(_("Deze activiteit is niet aangevraagd."))
    with transaction.atomic():
        activity.status = ActivityStatus.ACCEPTED if accept else ActivityStatus.IDEA
        activity.decided_by, activity.decided_at = leader, timezone.now()
        activity.save(update_fields=["status", "decided_by", "decided_at"])
        record(
            leader,
            "development.activity_accepted" if accept else "development.activity_declined",
            school=plan.school,
            target=activity,
            summary=f"{plan.user}: {activity.get_kind_display()}, {activity.hours} uur, € {activity.cost}",
        )
        message = (
            _("Je scholing ‘%(title)s’ is toegekend.") if accept else _("Je aanvraag ‘%(title)s’ is niet toegekend.")
        )
        notify(
            plan.school,
            [plan.user],
            message % {"title": activity.title},
            reverse("development:home", args=[plan.school.slug]),
            kind=MAIL_KIND,
        )
    return activity


def mark_done(actor, activity: Activity) -> Activity:
    if activity.plan.user_id != actor.pk or activity.status != ActivityStatus.ACCEPTED:
        raise PlanError(_("Alleen toegekende activiteiten kun je afronden."))
    activity.status = ActivityStatus.DONE
    activity.save(update_fields=["status"])
    return activity


@dataclass
class Hours:
    """A person's professionalisation hours: the CAO entitlement and what accepted activities use."""

    entitlement: Decimal
    planned: Decimal  # every activity in the own plan (only the owner sees this)
    accepted: Decimal

    @property
    def left(self) -> Decimal:
        return self.entitlement - self.accepted


def person_hours(plan: DevelopmentPlan, fte) -> Hours:
    rules = cao_rules(plan.school)
    sums = plan.activities.aggregate(planned=Sum("hours"), accepted=Sum("hours", filter=Q(status__in=COUNTING)))
    return Hours(
        (rules.development_per_fte * fte).quantize(Decimal("0.1")), sums["planned"] or ZERO, sums["accepted"] or ZERO
    )


@dataclass
class Totals:
    hours: Decimal
    cost: Decimal
    people: int
    budget: Decimal | None
    entitlement: Decimal

    @property
    def budget_left(self):
        return None if self.budget is None else self.budget - self.cost


def school_totals(school, year) -> Totals:
    """Accepted and done activities of the school's POPs this year, against budget and CAO hours (3 queries)."""
    sums = Activity.objects.filter(plan__school=school, plan__school_year=year, status__in=COUNTING).aggregate(
        hours=Sum("hours"), cost=Sum("cost"), people=Count("plan__user", distinct=True)
    )
    budget = TrainingBudget.objects.filter(school_year=year).values_list("amount", flat=True).first()
    fte = school.memberships.filter(is_active=True).aggregate(total=Sum("fte"))["total"] or ZERO
    entitlement = (cao_rules(school).development_per_fte * fte).quantize(Decimal("0.1"))
    return Totals(sums["hours"] or ZERO, sums["cost"] or ZERO, sums["people"] or 0, budget, entitlement)


def set_budget(leader, school, year, amount) -> TrainingBudget:
    with transaction.atomic():
        budget, _created = TrainingBudget.objects.update_or_create(
            school_year=year, defaults={"school": school, "amount": amount}
        )
        record(leader, "development.budget_set", school=school, target=budget, summary=f"{year}: € {amount}")
    return budget


TRAINING_KINDS = [ActivityKind.TRAINING, ActivityKind.COURSE, ActivityKind.MASTER]


def areas_in_development(school, year) -> dict[int, list[tuple[int, str, bool]]]:
    """Expertise area id -> [(user id, name, named)] for accepted (or done) training, course or master module on
    a goal in that area this year (one query). ``named``: the owner shares both the goal and the activity with
    the school leader, so the leader may see who it is; otherwise only a count leaves the POP.

    Registered as the priorities' training source: a gap someone is training for reads "in ontwikkeling"."""
    found: dict[int, dict[int, list]] = {}
    rows = Activity.objects.filter(
        plan__school=school,
        plan__school_year=year,
        status__in=COUNTING,
        kind__in=TRAINING_KINDS,
        goal__area__isnull=False,
    ).values_list("goal__area_id", "plan__user_id", "plan__user__name", "shared", "goal__shared")
    for area_id, user_id, name, shared, goal_shared in rows:
        entry = found.setdefault(area_id, {}).setdefault(user_id, [name, False])
        entry[1] = entry[1] or (shared and goal_shared)
    return {
        area_id: [(user_id, name, named) for user_id, (name, named) in people.items()]
        for area_id, people in found.items()
    }
