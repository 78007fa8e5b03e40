"""Home cards: my tasks and hours; for leaders the plan's status. Navigation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core import school_cache
from gespreid.core.registry import Card, register_card, register_nav, register_school_setup

from .models import Assignment, Plan, PlanStatus


def _team_hours(request, year) -> dict:
    """What the card shows of everyone's hours this year (task budget, used, left) and the year's plan, kept per
    school (``core.school_cache``): one build for the whole team instead of one per person (10 queries)."""
    from .planning import budget_rows

    def compute():
        rows = budget_rows(request.school, year)
        plan = Plan.objects.filter(school=request.school, school_year=year).only("status", "shared_at").first()
        return {
            "hours": {row.user.pk: {"tasks": row.split.tasks, "used": row.used, "left": row.left} for row in rows},
            "plan": plan,
        }

    return school_cache.cached_value(request, "work.card_hours", compute, f"year{year.pk}")


def my_work_card(request):
    year = request.school_year
    if year is None:
        return None
    team = _team_hours(request, year)
    plan = team["plan"]
    visible = plan is not None and (
        request.membership.can_manage or plan.shared_at or plan.status != PlanStatus.CONCEPT
    )
    tasks = list(Assignment.objects.filter(plan=plan, user=request.user).select_related("task")) if visible else []
    return Card(
        _("Mijn taken en uren"),
        "work/cards/my_work.html",
        {"row": team["hours"].get(request.user.pk), "tasks": tasks, "plan": plan if visible else None},
        url=reverse("work:overview", args=[request.school.slug]),
    )


def plan_status_card(request):
    if not request.membership.can_manage or request.school_year is None:
        return None
    plan = _team_hours(request, request.school_year)["plan"]  # kept per school with everyone's hours
    return Card(
        _("Werkverdelingsplan"),
        "work/cards/plan_status.html",
        {"plan": plan, "year": request.school_year},
        url=reverse("work:plan-detail", args=[request.school.slug]),
    )


def register():
    from .planning import install_default_tasks

    register_school_setup(install_default_tasks, order=20)  # after the expertise areas the tasks refer to
    register_card(my_work_card, order=300)
    register_card(plan_status_card, order=310)
    register_nav(_("Taken"), "work:overview", order=500)
