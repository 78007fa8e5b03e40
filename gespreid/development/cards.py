"""Home card and navigation of the development app (registered in DevelopmentConfig.ready)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.audit import register_action_label
from gespreid.core.registry import Card, register_card, register_nav

from .models import ActivityStatus, Agreement, FeedbackRequest


def development_card(request):
    """Agreements to come back to, feedback asked of me; for a leader, requested training (3 queries)."""
    user, school = request.user, request.school
    soon = timezone.localdate() + timezone.timedelta(days=14)
    agreements = list(
        Agreement.objects.filter(series__school=school, done=False, follow_up_on__lte=soon)
        .filter(Q(series__coach=user) | Q(series__coachee=user))
        .select_related("series")[:5]
    )
    feedback = list(FeedbackRequest.objects.filter(school=school, leader=user, answered_at__isnull=True)[:5])
    requested = 0
    if request.membership.is_leader and request.school_year is not None:
        requested = school.development_plans.filter(
            school_year=request.school_year, activities__status=ActivityStatus.REQUESTED
        ).count()
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
    register_card(development_card, order=320)
    register_nav(_("Ontwikkeling"), "development:home", order=520)
    from gespreid.priorities.analysis import register_training_source

    from . import plans

    register_training_source(plans.areas_in_development)
