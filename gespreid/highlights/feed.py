"""Reading the highlights: the team's feed, the printable overview and "mooi!"."""

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse

from .models import Appreciation, Post, PostMedia, Status


def published(school):
    return Post.objects.filter(school=school, status=Status.PUBLISHED)


def with_details(posts, user):
    """Everything a post card shows, in a constant number of queries whatever the page size."""
    return (
        posts.select_related("author", "priority", "group")
        .annotate(
            n_appreciations=Count("appreciations", distinct=True),
            appreciated=Exists(Appreciation.objects.filter(post=OuterRef("pk"), user=user)),
        )
        .prefetch_related(Prefetch("media", queryset=PostMedia.objects.order_by("position", "id")))
    )


def feed(school, *, priority=None, group=None):
    posts = published(school)
    if priority is not None:
        posts = posts.filter(priority=priority)
    if group is not None:
        posts = posts.filter(group=group)
    return posts.order_by("-published_at", "-id")


def feed_page(posts, user, number, per_page=20):
    """One page of the feed in two steps: pick the page's ids with the index, then load only those posts.

    Counting appreciations over the whole school before LIMIT would grow with the number of posts.
    """
    page = Paginator(posts.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    page.object_list = (
        list(with_details(Post.objects.filter(pk__in=ids), user).order_by("-published_at", "-id")) if ids else []
    )
    return page


_KEY = "00000000-0000-0000-0000-000000000000"


def add_links(posts, school_slug: str):
    """The media links of each post card from one ``reverse()`` per kind, not one per picture: the
    ``{% url %}`` tags were the largest part of the feed's template time (profiled). ``_post.html``
    falls back to ``{% url %}`` on pages that do not call this."""
    media = reverse("highlights:media-file", args=[school_slug, _KEY])
    poster = reverse("highlights:media-poster", args=[school_slug, _KEY])
    feed_url = reverse("highlights:feed", args=[school_slug])
    for post in posts:
        post.feed_url = feed_url
        for item in post.media.all():
            item.file_url = media.replace(_KEY, str(item.key))
            item.poster_url = poster.replace(_KEY, str(item.key))
    return posts


def period(school, user, start, end):
    """Published highlights of a period (dates inclusive), oldest first, for a team meeting."""
    posts = published(school).filter(published_at__date__gte=start, published_at__date__lte=end)
    return with_details(posts, user).order_by("priority__title", "published_at", "id")


def toggle_appreciation(post, user) -> bool:
    """Say "mooi!" or take it back. Returns whether the person now appreciates the post."""
    with transaction.atomic():
        deleted, _ = Appreciation.objects.filter(post=post, user=user).delete()
        if deleted:
            return False
        try:
            with transaction.atomic():
                Appreciation.objects.create(post=post, user=user)
        except IntegrityError:  # a double click that raced the first
            pass
        return True
