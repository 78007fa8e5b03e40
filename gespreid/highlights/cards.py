"""Home-page cards: the latest highlights for everyone, the waiting queue for moderators."""

from django.db.models import Count, Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core import school_cache
from gespreid.core.registry import Card, register_card, register_nav

from . import moderation
from .models import Approval, Status


def latest_card(request):
    """The three newest highlights and, for their author, how many were sent back; kept per school
    (``core.school_cache``): two queries per school instead of two per person."""
    school = request.school

    def compute():
        posts = (
            school.highlight_posts.filter(status=Status.PUBLISHED)
            .select_related("author")
            .order_by("-published_at", "-id")[:3]
        )
        sent_back = (
            school.highlight_posts.filter(status=Status.REVISION)
            .order_by()
            .values_list("author_id")
            .annotate(n=Count("id"))
        )
        return {
            "posts": [{"pk": p.pk, "text": p.text, "author": {"name": p.author.name}} for p in posts],
            "sent_back": dict(sent_back),
        }

    latest = school_cache.cached_value(request, "highlights.card_latest", compute)
    return Card(
        _("Highlights"),
        "highlights/cards/latest.html",
        {"posts": latest["posts"], "sent_back": latest["sent_back"].get(request.user.pk, 0)},
        url=reverse("highlights:feed", args=[school.slug]),
    )


def queue_shows_if(request):
    """Posts waiting for a moderator (not the person's own): a superset of the card's count."""
    return Exists(request.school.highlight_posts.filter(status=Status.PENDING).exclude(author=request.user))


def queue_card(request):
    """Only for moderators: how many posts wait for their judgement (not their own, not yet approved by them)."""
    if not moderation.is_moderator(request.user, request.school):
        return None
    mine = Approval.objects.filter(moderator=request.user).values("post_id")
    waiting = (
        request.school.highlight_posts.filter(status=Status.PENDING)
        .exclude(author=request.user)
        .exclude(pk__in=mine)
        .count()
    )
    if not waiting:
        return None
    return Card(
        _("Highlights beoordelen"),
        "highlights/cards/queue.html",
        {"waiting": waiting},
        url=reverse("highlights:moderation-queue", args=[request.school.slug]),
    )


def register():
    register_card(queue_card, order=15, shows_if=queue_shows_if)
    register_card(latest_card, order=700)
    register_nav(_("Highlights"), "highlights:feed", order=800)
