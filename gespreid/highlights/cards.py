"""Home-page cards: the latest highlights for everyone, the waiting queue for moderators."""

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, register_card, register_nav

from . import moderation
from .models import Approval, Status


def latest_card(request):
    posts = list(
        request.school.highlight_posts.filter(status=Status.PUBLISHED)
        .select_related("author")
        .order_by("-published_at", "-id")[:3]
    )
    sent_back = request.school.highlight_posts.filter(author=request.user, status=Status.REVISION).count()
    return Card(
        _("Highlights"),
        "highlights/cards/latest.html",
        {"posts": posts, "sent_back": sent_back},
        url=reverse("highlights:feed", args=[request.school.slug]),
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
