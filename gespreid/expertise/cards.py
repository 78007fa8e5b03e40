"""Home cards and navigation of the expertise app (registered in ExpertiseConfig.ready)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, register_card, register_job, register_nav, register_school_setup

from . import rounds


def profile_card(request):
    """Open inventory round for me, or: whose profile is not updated this school year (3 queries)."""
    school, year = request.school, request.school_year
    if year is None:
        return None
    inventory = rounds.open_round(school)
    if inventory is not None and inventory.deadline < timezone.localdate():
        inventory = None  # past its deadline: closed, even before the job closes it
    team = set(school.memberships.filter(is_active=True).values_list("user_id", flat=True))
    if inventory is not None:
        done = team & rounds.updated_user_ids(inventory)
        context = {
            "round": inventory,
            "progress": rounds.Progress(len(done), len(team)),
            "me_done": request.user.id in done,
        }
        return Card(
            _("Expertise in beeld"),
            "expertise/cards/profile.html",
            context,
            url=reverse("expertise:round-detail", args=[school.slug]),
        )
    updated = team & set(year.expertise_profiles.values_list("user_id", flat=True))
    context = {"not_updated": len(team - updated), "me_done": request.user.id in updated}
    return Card(
        _("Expertise in beeld"),
        "expertise/cards/profile.html",
        context,
        url=reverse("expertise:matrix", args=[school.slug]),
    )


def register():
    from .taxonomy import install_default_taxonomy

    register_school_setup(install_default_taxonomy, order=10)
    register_card(profile_card, order=30)
    register_nav(_("Expertise"), "expertise:matrix", order=20)
    register_nav(_("Mijn profiel"), "expertise:profile-mine", order=21)
    register_job("expertise.inventory_reminders", rounds.send_reminders)
    register_job("expertise.close_inventory_rounds", rounds.close_due_rounds)
