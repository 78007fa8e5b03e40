"""The cards core itself puts on the school home page: school year and team."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from .registry import Card, register_card, register_nav


def school_year_card(request):
    return Card(_("Schooljaar"), "core/cards/school_year.html", {"year": request.school_year})


def team_card(request):
    stats = request.school.memberships.filter(is_active=True).aggregate(people=Count("id"), fte=Sum("fte"))
    return Card(_("Ons team"), "core/cards/team.html", {"stats": stats})


def register():
    from . import outbox
    from .registry import register_job

    register_job("core.outbox", outbox.send_all_due)  # what a lost nudge or a retry left waiting
    register_job("core.digest", outbox.send_digests)  # once a day from DIGEST_HOUR
    register_card(school_year_card, order=10)
    register_card(team_card, order=900)
    register_nav(_("Team"), "core:team", order=900)
