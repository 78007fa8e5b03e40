"""Home cards: trajectories with phase and pace; an open check-in I have not answered; due reviews."""

from django.db.models import Exists, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, register_card, register_job, register_nav

from . import phases
from .models import CheckIn, Milestone
from .trajectories import due_reviews

CARD_ROWS = 5


def trajectories_shows_if(school):
    return Exists(school.trajectories.all())


def trajectories_card(request):
    items = list(
        request.school.trajectories.select_related("lead")
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.only("id", "trajectory_id", "planned_end", "actual_end"))
        )
        .order_by("title")[:CARD_ROWS]
    )
    if not items:
        return None
    today = timezone.localdate()
    rows = [{"t": t, "pace": phases.compute_pace(t.milestones.all(), today)} for t in items]
    return Card(
        _("Innovaties"),
        "innovations/cards/trajectories.html",
        {"rows": rows},
        url=reverse("innovations:trajectory-list", args=[request.school.slug]),
    )


def _open_check_ins(request):
    """Open check-ins I have not answered; one past its closing date is closed (the job closes it after)."""
    return (
        CheckIn.objects.filter(trajectory__school=request.school, closed_at__isnull=True)
        .exclude(closes_on__lt=timezone.localdate())
        .exclude(participations__user=request.user)
    )


def open_check_in_shows_if(request):
    return Exists(_open_check_ins(request))


def open_check_in_card(request):
    open_ones = list(_open_check_ins(request).select_related("trajectory").order_by("-opened_at")[:3])
    if not open_ones:
        return None
    return Card(_("Check-in: hoe sta jij erin?"), "innovations/cards/check_in.html", {"check_ins": open_ones})


def _due_reviews_for(request):
    due = due_reviews(request.school)
    if not request.membership.can_manage:
        due = due.filter(trajectory__lead=request.user)
    return due


def due_reviews_shows_if(request):
    return Exists(_due_reviews_for(request))


def due_reviews_card(request):
    due = list(_due_reviews_for(request).select_related("trajectory")[:CARD_ROWS])
    if not due:
        return None
    return Card(_("Afspraken opnieuw bekijken"), "innovations/cards/reviews.html", {"due": due})


def register():
    from . import trajectories

    register_card(open_check_in_card, order=25, shows_if=open_check_in_shows_if)
    register_card(due_reviews_card, order=35, shows_if=due_reviews_shows_if)
    register_card(trajectories_card, order=45, school_shows_if=trajectories_shows_if)
    register_nav(_("Innovaties"), "innovations:trajectory-list", order=45)
    register_job("innovations.close_due_check_ins", trajectories.close_due_check_ins)
    register_job("innovations.remind_due_reviews", trajectories.remind_due_reviews)
