"""Home cards and navigation of the expertise app (registered in ExpertiseConfig.ready)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core import school_cache
from gespreid.core.registry import Card, register_card, register_job, register_nav, register_school_setup

from . import rounds


def _team_progress(request, year) -> dict:
    """The open inventory round (None past its deadline: closed, even before the job closes it), the team and who
    updated their profile (in the round, else this school year); kept per school (``core.school_cache``)."""
    school = request.school

    def compute():
        inventory = rounds.open_round(school)
        if inventory is not None and inventory.deadline < timezone.localdate():
            inventory = None
        team = set(school.memberships.filter(is_active=True).values_list("user_id", flat=True))
        if inventory is not None:
            updated = team & rounds.updated_user_ids(inventory)
        else:
            updated = team & set(year.expertise_profiles.values_list("user_id", flat=True))
        return {"round": inventory, "team": len(team), "updated": updated}

    return school_cache.cached_value(request, "expertise.card_progress", compute, f"year{year.pk}")


def profile_card(request):
    """Open inventory round for me, or: whose profile is not updated this school year (3 queries per school)."""
    school, year = request.school, request.school_year
    if year is None:
        return None
    state = _team_progress(request, year)
    inventory, updated, me_done = state["round"], state["updated"], request.user.id in state["updated"]
    if inventory is not None:
        context = {"round": inventory, "progress": rounds.Progress(len(updated), state["team"]), "me_done": me_done}
        return Card(
            _("Expertise in beeld"),
            "expertise/cards/profile.html",
            context,
            url=reverse("expertise:round-detail", args=[school.slug]),
        )
    context = {"not_updated": state["team"] - len(updated), "me_done": me_done}
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
