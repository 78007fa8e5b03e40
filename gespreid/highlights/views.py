from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core import school_cache
from gespreid.core.access import leader_required, member_required
from gespreid.core.params import int_param, safe_next
from gespreid.core.uploads import upload_limit

from . import feed as feed_module
from . import media as media_module
from . import moderation
from .forms import ModeratorsForm, PeriodForm, PostForm, ReasonForm
from .models import MAX_PHOTOS, Approval, PostMedia, Status
from .serve import file_response

# ---- access helpers ------------------------------------------------------------------------------


def is_moderator(request) -> bool:
    """Whether this person moderates; the school's moderators are kept per school version (two queries)."""
    if not hasattr(request, "_highlight_moderator"):
        ids = school_cache.cached_value(
            request, "highlights.moderator-ids", lambda: moderation.moderator_ids(request.school)
        )
        request._highlight_moderator = request.user.id in ids
    return request._highlight_moderator


def may_see(request, post) -> bool:
    return post.status == Status.PUBLISHED or post.author_id == request.user.id or is_moderator(request)


def get_post_for_member(request, pk):
    """A post of this school that this person may see: published, their own, or (for moderators) any."""
    post = get_object_or_404(request.school.highlight_posts.select_related("author", "priority", "group"), pk=pk)
    if not may_see(request, post):
        raise Http404
    return post


def get_post_for_moderator(request, pk):
    if not is_moderator(request):
        raise PermissionDenied(_("Alleen moderatoren kunnen highlights beoordelen."))
    return get_object_or_404(
        request.school.highlight_posts.select_related("author", "priority", "group", "claimed_by"), pk=pk
    )


def get_media_for_member(request, key):
    item = get_object_or_404(PostMedia.objects.select_related("post").filter(post__school=request.school), key=key)
    if not may_see(request, item.post):
        raise Http404
    return item


# ---- the feed ------------------------------------------------------------------------------------


def _pick(queryset, raw):
    pk = int_param(raw)
    return queryset.filter(pk=pk).first() if pk is not None else None


def _checked(raw, allowed):
    pk = int_param(raw)
    return pk if pk in allowed else None


@member_required
def feed(request):
    choices = school_cache.cached_value(
        request, "highlights.feed-filter", lambda: feed_module.filter_choices(request.school)
    )
    priority = _checked(request.GET.get("priority"), choices["priority_ids"])
    group = _checked(request.GET.get("group"), choices["group_ids"])
    number = int_param(request.GET.get("page"))
    moderator, can_manage = is_moderator(request), request.membership.can_manage
    top = {
        "school": request.school,
        "priority": priority,
        "group": group,
        "priorities": choices["priorities"],
        "groups": choices["groups"],
        "is_moderator": moderator,
        "can_manage": can_manage,
    }
    top_html = school_cache.cached_html(
        request,
        "highlights.feed-top",
        lambda: render_to_string("highlights/feed.html#top", top),
        priority,
        group,
        moderator,
        can_manage,
    )
    posts_html = feed_module.cached_feed(request, priority=priority, group=group, number=number)
    return render(request, "highlights/feed.html", {"top_html": top_html, "posts_html": posts_html})


@member_required
@require_POST
def post_appreciate(request, pk):
    post = get_post_for_member(request, pk)
    if post.status != Status.PUBLISHED:
        raise Http404
    feed_module.toggle_appreciation(post, request.user)
    if request.htmx:
        post = feed_module.with_details(request.school.highlight_posts.filter(pk=post.pk), request.user).get()
        return render(request, "highlights/_post.html#appreciation", {"post": post})
    target = safe_next(request, _feed_url(request))  # the page's one form sends the page it is on
    return redirect(target if "#" in target else f"{target}#post-{post.pk}")


def _feed_url(request):
    from django.urls import reverse

    return reverse("highlights:feed", args=[request.school.slug])


@member_required
def overview(request):
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, initial={"start": today - timedelta(weeks=6), "end": today})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        start, end = today - timedelta(weeks=6), today
    posts = list(feed_module.period(request.school, request.user, start, end)[:200])
    return render(request, "highlights/overview.html", {"form": form, "posts": posts, "start": start, "end": end})


# ---- the author ------------------------------------------------------------------------------------


def _post_bytes() -> int:
    """One post: up to MAX_PHOTOS photos or one film."""
    return max(MAX_PHOTOS * media_module.IMAGE_MAX_BYTES, media_module.film_max_bytes())


@member_required
@upload_limit(_post_bytes)
def post_create(request):
    if request.method == "POST":
        form = PostForm(request.school, request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            post = moderation.submit(
                request.school,
                request.user,
                text=data["text"],
                alt_text=data["alt_text"],
                priority=data["priority"],
                group=data["group"],
                files=form.clean_files,
            )
            messages.success(request, _("Dank je wel! Je highlight wacht nu op de moderatoren."))
            return redirect("highlights:post-detail", request.school.slug, post.pk)
    else:
        group = _pick(request.school.work_groups.all(), request.GET.get("group"))
        priority = _pick(request.school.priorities.all(), request.GET.get("priority"))
        if priority is None and group is not None:
            priority = group.priority
        form = PostForm(request.school, initial={"group": group, "priority": priority})
    return render(request, "highlights/post_form.html", {"form": form, "post": None})


@member_required
@upload_limit(_post_bytes)
def post_edit(request, pk):
    post = get_post_for_member(request, pk)
    if post.author_id != request.user.id or post.status != Status.REVISION:
        raise PermissionDenied(_("Alleen de schrijver kan een bericht aanpassen dat terug is gestuurd."))
    if request.method == "POST":
        form = PostForm(request.school, request.POST, request.FILES, has_media=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                moderation.resubmit(
                    post,
                    request.user,
                    text=data["text"],
                    alt_text=data["alt_text"],
                    priority=data["priority"],
                    group=data["group"],
                    files=form.clean_files,
                )
            except moderation.ModerationError as error:
                form.discard()
                messages.error(request, str(error))
            else:
                messages.success(request, _("Je aangepaste highlight wacht nu op de moderatoren."))
            return redirect("highlights:post-detail", request.school.slug, post.pk)
    else:
        form = PostForm(
            request.school,
            has_media=True,
            initial={"text": post.text, "alt_text": post.alt_text, "priority": post.priority, "group": post.group},
        )
    return render(request, "highlights/post_form.html", {"form": form, "post": post})


@member_required
def post_detail(request, pk):
    post = get_post_for_member(request, pk)
    post = feed_module.with_details(request.school.highlight_posts.filter(pk=post.pk), request.user).get()
    return render(
        request,
        "highlights/post_detail.html",
        {
            "post": post,
            "is_author": post.author_id == request.user.id,
            "is_moderator": is_moderator(request),
            "reason_form": ReasonForm(),
        },
    )


@member_required
@require_POST
def post_delete(request, pk):
    post = get_post_for_member(request, pk)
    if post.author_id != request.user.id:
        raise PermissionDenied(_("Alleen de schrijver kan dit bericht verwijderen."))
    moderation.delete(post, request.user)
    messages.success(request, _("Je highlight is verwijderd, met de foto's of film."))
    return redirect("highlights:my-posts", request.school.slug)


@member_required
def my_posts(request):
    posts = feed_module.with_details(request.school.highlight_posts.filter(author=request.user), request.user).order_by(
        "-submitted_at"
    )
    return render(request, "highlights/my_posts.html", {"posts": posts})


# ---- media ---------------------------------------------------------------------------------------


@member_required
def media_file(request, key):
    item = get_media_for_member(request, key)
    if not item.is_ready:  # still with the worker (or failed): the original upload is never served
        raise Http404
    return file_response(request, item.file, item.content_type)


@member_required
def media_poster(request, key):
    item = get_media_for_member(request, key)
    if not item.poster or not item.is_ready:
        raise Http404
    return file_response(request, item.poster, "image/jpeg")


# ---- the moderators ---------------------------------------------------------------------------------


@member_required
def moderation_queue(request):
    if not is_moderator(request):
        raise PermissionDenied(_("Alleen moderatoren kunnen highlights beoordelen."))
    posts = list(
        request.school.highlight_posts.filter(status=Status.PENDING)
        .select_related("author", "claimed_by", "priority", "group")
        .order_by("submitted_at", "id")[:200]
    )
    approvals = {}
    for row in Approval.objects.filter(post__in=posts).select_related("moderator"):
        approvals.setdefault(row.post_id, []).append(row)
    needed, moderator_ids = moderation.required_approvals(request.school), moderation.moderator_ids(request.school)
    for post in posts:
        post.current_approvals = [a for a in approvals.get(post.pk, []) if a.review_round == post.review_round]
        post.claim_active = moderation.claim_is_active(post)
        # the author never counts: with too few other moderators this post can never be published
        post.stuck = len(moderator_ids - {post.author_id}) < needed
    return render(
        request,
        "highlights/moderation_queue.html",
        {
            "posts": posts,
            "needed": needed,
            "shortage": len(moderator_ids) < needed,
        },
    )


def _shortage(school) -> bool:
    return len(moderation.moderator_ids(school)) < moderation.required_approvals(school)


@member_required
def moderation_detail(request, pk):
    post = get_post_for_moderator(request, pk)
    post = feed_module.with_details(
        request.school.highlight_posts.filter(pk=post.pk).select_related("claimed_by"), request.user
    ).get()
    approvals = list(post.approvals.filter(review_round=post.review_round).select_related("moderator"))
    return render(
        request,
        "highlights/moderation_detail.html",
        {
            "post": post,
            "approvals": approvals,
            "needed": moderation.required_approvals(request.school),
            "claim_active": moderation.claim_is_active(post),
            "claimed_by_other": moderation.claimed_by_other(post, request.user),
            "approved_by_me": any(a.moderator_id == request.user.id for a in approvals),
            "is_author": post.author_id == request.user.id,
            "reason_form": ReasonForm(),
        },
    )


def _moderate(request, pk, step, success, *, with_reason=False):
    post = get_post_for_moderator(request, pk)
    try:
        if with_reason:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                raise moderation.ModerationError(_("Schrijf erbij waarom; de schrijver ziet je toelichting."))
            step(post, request.user, form.cleaned_data["reason"])
        else:
            step(post, request.user)
    except moderation.PostGone as error:
        messages.error(request, str(error))
        return redirect("highlights:moderation-queue", request.school.slug)
    except moderation.ModerationError as error:
        messages.error(request, str(error))
        return redirect("highlights:moderation-detail", request.school.slug, post.pk)
    messages.success(request, success)
    return redirect("highlights:moderation-queue", request.school.slug)


@member_required
@require_POST
def moderation_claim(request, pk):
    post = get_post_for_moderator(request, pk)
    try:
        moderation.claim(post, request.user)
        messages.success(request, _("Je bent nu met dit bericht bezig; andere moderatoren zien dat."))
    except moderation.PostGone as error:
        messages.error(request, str(error))
        return redirect("highlights:moderation-queue", request.school.slug)
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    return redirect("highlights:moderation-detail", request.school.slug, post.pk)


@member_required
@require_POST
def moderation_release(request, pk):
    return _moderate(request, pk, moderation.release, _("Je hebt het bericht vrijgegeven voor een andere moderator."))


@member_required
@require_POST
def moderation_approve(request, pk):
    return _moderate(request, pk, moderation.approve, _("Goedgekeurd."))


@member_required
@require_POST
def moderation_reject(request, pk):
    return _moderate(
        request, pk, moderation.reject, _("Afgewezen. De schrijver ziet je toelichting."), with_reason=True
    )


@member_required
@require_POST
def moderation_send_back(request, pk):
    return _moderate(request, pk, moderation.send_back, _("Teruggestuurd voor aanpassing."), with_reason=True)


@member_required
@require_POST
def post_offline(request, pk):
    post = get_post_for_moderator(request, pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise moderation.ModerationError(_("Schrijf erbij waarom; de schrijver ziet je toelichting."))
        moderation.take_offline(post, request.user, form.cleaned_data["reason"])
        messages.success(request, _("De highlight staat niet meer in de feed."))
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    return redirect("highlights:post-detail", request.school.slug, post.pk)


@leader_required
def moderators_edit(request):
    current = list(request.school.highlight_moderators.values_list("user_id", flat=True))
    initial = {"moderators": current, "required_approvals": moderation.required_approvals(request.school)}
    form = ModeratorsForm(request.school, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        moderation.set_moderators(
            request.school, request.user, form.cleaned_data["moderators"], form.cleaned_data["required_approvals"]
        )
        messages.success(request, _("De moderatoren zijn opgeslagen."))
        return redirect("highlights:moderators-edit", request.school.slug)
    return render(request, "highlights/moderators_form.html", {"form": form, "shortage": _shortage(request.school)})
