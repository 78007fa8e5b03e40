"""Home-page cards: rounds waiting for me, recent decisions, reviews due. One or two queries each."""

from datetime import timedelta

from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, register_card, register_job, register_nav

from .models import Outcome, Round


def _my_open_rounds(request):
    return Round.objects.filter(
        proposal__school=request.school,
        invitations__user=request.user,
        closed_at__isnull=True,
        closes_at__gt=timezone.now(),
    )


def open_rounds_shows_if(request):
    return Exists(_my_open_rounds(request))


def open_rounds_changes_at(school, start, end):
    """A round leaves the card at its closing time (even before the job closes it)."""
    return (
        Round.objects.filter(proposal__school=school, closed_at__isnull=True, closes_at__gte=start, closes_at__lt=end)
        .values_list("closes_at", flat=True)
        .order_by()
    )


def open_rounds_card(request):
    rounds = list(_my_open_rounds(request).select_related("proposal").order_by("closes_at")[:5])
    if not rounds:
        return None
    answered = set(request.user.decision_responses.filter(round__in=rounds).values_list("round_id", flat=True))
    return Card(
        _("Rondes waarin je mening telt"),
        "decisions/cards/open_rounds.html",
        {"rounds": rounds, "answered": answered},
        url=reverse("decisions:proposal-list", args=[request.school.slug]),
    )


def _review_due(today):
    """Adopted decisions whose evaluation is near (or just passed): the "Besluiten om te evalueren" card."""
    return Q(
        result=Outcome.ADOPTED, review_on__lte=today + timedelta(days=30), review_on__gte=today - timedelta(days=60)
    )


def recent_decisions_shows_if(school):
    """Kept per school: true too long (past 60 days, until the school's data change) is allowed, never false."""
    return Exists(school.decision_outcomes.filter(published_at__gte=timezone.now() - timedelta(days=60)))


def reviews_due_shows_if(school):
    return Exists(school.decision_outcomes.filter(_review_due(timezone.localdate())))


def recent_decisions_changes_at(school, start, end):
    """A decision leaves the card just after it is 60 days old."""
    age = timedelta(days=60)
    published = school.decision_outcomes.filter(published_at__gte=start - age, published_at__lt=end - age)
    return [
        moment + age + timedelta(microseconds=1)
        for moment in published.values_list("published_at", flat=True).order_by()
    ]


def recent_decisions_card(request):
    since = timezone.now() - timedelta(days=60)
    # A decision that is already on the evaluation card is not repeated here.
    outcomes = list(
        request.school.decision_outcomes.filter(published_at__gte=since)
        .exclude(_review_due(timezone.localdate()))
        .select_related("proposal")[:5]
    )
    if not outcomes:
        return None
    return Card(
        _("Recente besluiten"),
        "decisions/cards/recent.html",
        {"outcomes": outcomes},
        url=reverse("decisions:decision-log", args=[request.school.slug]),
    )


def reviews_due_card(request):
    today = timezone.localdate()
    outcomes = list(
        request.school.decision_outcomes.filter(_review_due(today)).select_related("proposal").order_by("review_on")[:5]
    )
    if not outcomes:
        return None
    return Card(
        _("Besluiten om te evalueren"),
        "decisions/cards/reviews.html",
        {"outcomes": outcomes},
        url=reverse("decisions:decision-log", args=[request.school.slug]),
    )


def register():
    from . import consent

    register_card(open_rounds_card, order=20, shows_if=open_rounds_shows_if, changes_at=open_rounds_changes_at)
    register_card(
        recent_decisions_card,
        order=60,
        school_shows_if=recent_decisions_shows_if,
        changes_at=recent_decisions_changes_at,
    )
    register_card(reviews_due_card, order=65, school_shows_if=reviews_due_shows_if)
    register_nav(_("Besluiten"), "decisions:proposal-list", order=60)
    register_job("decisions.close_due_rounds", consent.close_due_rounds)
    register_job("decisions.send_reminders", consent.send_reminders)
