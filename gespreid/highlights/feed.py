"""Reading the highlights: the team's feed, the printable overview and "mooi!"."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from gespreid.core import school_cache

from .models import Appreciation, Post, PostMedia, Status


def published(school):
    return Post.objects.filter(school=school, status=Status.PUBLISHED)


def with_counts(posts):
    """Everything a post card shows but the viewer's own "mooi!", in a constant number of queries."""
    return (
        posts.select_related("author", "priority", "group")
        .annotate(n_appreciations=Count("appreciations", distinct=True))
        .prefetch_related(Prefetch("media", queryset=PostMedia.objects.order_by("position", "id")))
    )


def with_details(posts, user):
    """Everything a post card shows, in a constant number of queries whatever the page size."""
    return with_counts(posts).annotate(appreciated=Exists(Appreciation.objects.filter(post=OuterRef("pk"), user=user)))


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
    Without a ``user`` the posts carry no "did I appreciate" (the kept cards hold nothing personal).
    """
    page = Paginator(posts.values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    rows = Post.objects.filter(pk__in=ids)
    rows = with_counts(rows) if user is None else with_details(rows, user)
    page.object_list = list(rows.order_by("-published_at", "-id")) if ids else []
    return page


_KEY = "00000000-0000-0000-0000-000000000000"


def add_links(posts, school_slug: str, poll_url: str = ""):
    """The media links of each post card from one ``reverse()`` per kind, not one per picture: the
    ``{% url %}`` tags were the largest part of the feed's template time (profiled). ``_post.html``
    falls back to ``{% url %}`` on pages that do not call this."""
    media = reverse("highlights:media-file", args=[school_slug, _KEY])
    poster = reverse("highlights:media-poster", args=[school_slug, _KEY])
    feed_url = reverse("highlights:feed", args=[school_slug])
    appreciate = reverse("highlights:post-appreciate", args=[school_slug, 0])  # …/0/mooi/
    for post in posts:
        post.feed_url = feed_url
        post.poll_url = poll_url
        post.appreciate_url = appreciate.replace("/0/mooi/", f"/{post.pk}/mooi/")
        for item in post.media.all():
            item.file_url = media.replace(_KEY, str(item.key))
            item.poster_url = poster.replace(_KEY, str(item.key))
    return posts


# ---- the feed, kept rendered (core.school_cache) --------------------------------------------------------


def filter_choices(school) -> dict:
    """The feed's filter as plain data: every priority and group of the school (to check a parameter
    against) and what the filter offers (active priorities; groups, newest school year first)."""
    priorities = list(school.priorities.order_by("title").values_list("pk", "title", "is_active"))
    groups = list(school.work_groups.order_by("-school_year__starts_on", "name").values_list("pk", "name"))
    return {
        "priority_ids": {pk for pk, _, _ in priorities},
        "priorities": [(pk, title) for pk, title, active in priorities if active],
        "group_ids": {pk for pk, _ in groups},
        "groups": groups,
    }


def page_url(school_slug: str, *, priority=None, group=None, number=None) -> str:
    """The feed's address for these (checked) parameters: what a waiting card polls."""
    query = {k: v for k, v in (("priority", priority), ("group", group), ("page", number)) if v is not None}
    url = reverse("highlights:feed", args=[school_slug])
    return f"{url}?{urlencode(query)}" if query else url


def feed_cards(school, *, priority=None, group=None, number=None, per_page=20) -> dict:
    """One page of the feed: each post's card rendered (``_post.html#card``, nothing personal in it) with
    what the list adds per person (its id, status, count and "mooi!" address), and the page's numbers."""
    page = feed_page(feed(school, priority=priority, group=group), None, number, per_page)
    add_links(page.object_list, school.slug, page_url(school.slug, priority=priority, group=group, number=number))
    card = get_template("highlights/_post.html#card")
    cards = [
        {
            "pk": post.pk,
            "status": post.status,
            "n_appreciations": post.n_appreciations,
            "appreciate_url": post.appreciate_url,
            "card": mark_safe(card.render({"post": post, "school": school})),
        }
        for post in page.object_list
    ]
    return {
        "cards": cards,
        "number": page.number,
        "num_pages": page.paginator.num_pages,
        "has_other_pages": page.has_other_pages(),
        "has_previous": page.has_previous(),
        "has_next": page.has_next(),
        "previous_page_number": page.number - 1,
        "next_page_number": page.number + 1,
    }


def my_appreciations(user, post_ids) -> set[int]:
    return set(Appreciation.objects.filter(user=user, post_id__in=post_ids).values_list("post_id", flat=True))


def cached_feed(request, *, priority=None, group=None, number=None) -> str:
    """The feed's list of cards with this person's "mooi!", and its pages.

    Two levels: the cards are kept per school (``highlights.feed-cards``: school, version, language, today,
    priority, group, page number), the list with one's own "mooi!" per person on top of them
    (``highlights.feed-list``, the same key plus the person). A colleague who opens the feed after a change
    costs one query (their own "mooi!"s) and a short loop, not the whole page."""
    parts = (priority, group, number)

    def cards():
        return feed_cards(request.school, priority=priority, group=group, number=number)

    def render():
        page = school_cache.cached_value(request, "highlights.feed-cards", cards, *parts)
        mine = my_appreciations(request.user, [c["pk"] for c in page["cards"]])
        context = {
            "page": page,
            "posts": [dict(c, appreciated=c["pk"] in mine) for c in page["cards"]],
            "priority": priority,
            "group": group,
            "create_url": reverse("highlights:post-create", args=[request.school.slug]),
        }
        return render_to_string("highlights/_post.html#feed-list", context)

    return school_cache.cached_html(request, "highlights.feed-list", render, *parts, per_person=True)


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
