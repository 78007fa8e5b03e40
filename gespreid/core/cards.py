"""The cards core itself puts on the school home page: what needs attention first, school year and team last."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import school_cache
from .registry import Card, register_card, register_nav

ATTENTION_ITEMS = 3  # the newest unread notifications the first card shows


def attention_card(request):
    """The home page starts with what asks for this person's attention: their newest unread notifications."""
    count = getattr(request.membership, "unread_count", None)  # annotated by core.access: no query when 0
    if count == 0:
        return None
    items = list(request.user.notifications.filter(school=request.school, read_at__isnull=True)[:ATTENTION_ITEMS])
    if not items:
        return None
    return Card(
        _("Nieuwe meldingen"),
        "core/cards/attention.html",
        {"items": items, "count": count if count is not None else len(items)},
        url=reverse("core:notifications", args=[request.school.slug]),
        css="attention",
    )


def school_year_card(request):
    return Card(_("Schooljaar"), "core/cards/school_year.html", {"year": request.school_year})


def team_card(request):
    def compute():
        return request.school.memberships.filter(is_active=True).aggregate(people=Count("id"), fte=Sum("fte"))

    stats = school_cache.cached_value(request, "core.card_team", compute)  # the same for everyone
    return Card(_("Ons team"), "core/cards/team.html", {"stats": stats})


def register():
    from . import outbox
    from .registry import register_job

    register_job("core.outbox", outbox.send_all_due)  # what a lost nudge or a retry left waiting
    register_job("core.digest", outbox.send_digests)  # once a day from DIGEST_HOUR
    register_card(attention_card, order=1)
    register_card(school_year_card, order=850)  # background: after every card that asks for something
    register_card(team_card, order=900)
    register_nav(_("Team"), "core:team", order=900)
