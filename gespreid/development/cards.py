"""Home card and navigation of the development app (registered in DevelopmentConfig.ready)."""

from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.audit import register_action_label
from gespreid.core.registry import Card, register_card, register_nav

from .models import ActivityStatus, Agreement, FeedbackRequest


def _agreements_due(request):
    soon = timezone.localdate() + timezone.timedelta(days=14)
    return Agreement.objects.filter(series__school=request.school, done=False, follow_up_on__lte=soon).filter(
        Q(series__coach=request.user) | Q(series__coachee=request.user)
    )


def _feedback_asked(request):
    return FeedbackRequest.objects.filter(school=request.school, leader=request.user, answered_at__isnull=True)


def _requested_training(request):
    """Plans with requested training, for the school leader only (None for everyone else)."""
    if not (request.membership.is_leader and request.school_year is not None):
        return None
    return request.school.development_plans.filter(
        school_year=request.school_year, activities__status=ActivityStatus.REQUESTED
    )


def development_shows_if(request):
    shows = Exists(_agreements_due(request)) | Exists(_feedback_asked(request))
    requested = _requested_training(request)
    return shows | Exists(requested) if requested is not None else shows


def development_card(request):
    """Agreements to come back to, feedback asked of me; for a leader, requested training (3 queries)."""
    school = request.school
    agreements = list(_agreements_due(request).select_related("series")[:5])
    feedback = list(_feedback_asked(request)[:5])
    requested_plans = _requested_training(request)
    requested = requested_plans.count() if requested_plans is not None else 0
    if not (agreements or feedback or requested):
        return None
    return Card(
        _("Ontwikkeling en coaching"),
        "development/cards/development.html",
        {"agreements": agreements, "feedback": feedback, "requested": requested},
        url=reverse("development:home", args=[school.slug]),
    )


def register():
    for action, label in (
        ("development.activity_accepted", _("Scholing toegekend")),
        ("development.activity_declined", _("Scholing niet toegekend")),
        ("development.budget_set", _("Scholingsbudget ingesteld")),
        ("development.series_started", _("Coachingsreeks begonnen")),
    ):
        register_action_label(action, label)
    register_card(development_card, order=320, shows_if=development_shows_if)
    register_nav(_("Ontwikkeling"), "development:home", order=520)
    from gespreid.priorities.analysis import register_training_source

    from . import plans

    register_training_source(plans.areas_in_development)
