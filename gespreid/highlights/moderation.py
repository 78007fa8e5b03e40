"""Every step of a highlight's life, each in one named function.

Each function changes the post, writes an audit entry (``core.audit.record``) and notifies the
people concerned (``core.notify.notify``) in one transaction. Rules:

- only the school's moderators moderate (without named moderators: the school leaders);
- nobody moderates their own post;
- a moderator can claim a waiting post, so two people do not work on it at once; a claim
  lapses after ``CLAIM_MINUTES``;
- with four eyes on (the default), two *different* moderators must approve the same version;
- rejecting and sending back need a reason; the author sees it.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.models import Membership
from gespreid.core.notify import notify

from . import media, processing
from .apps import MAIL_KIND
from .models import Approval, HighlightSettings, MediaState, Moderator, Post, PostMedia, Status

CLAIM_MINUTES = 30


class ModerationError(Exception):
    """A step that is not allowed now; the message is Dutch and meant for the user."""


class PostGone(ModerationError):
    """The post was deleted (by its author) while someone else acted on it."""


# ---- who moderates -----------------------------------------------------------------------------


def required_approvals(school) -> int:
    settings = HighlightSettings.objects.filter(school=school).first()
    return settings.required_approvals if settings else 2


def moderator_ids(school) -> set[int]:
    """The named moderators; when a school has named none yet, its leaders and administrators."""
    named = set(
        Moderator.objects.filter(
            school=school, user__memberships__school=school, user__memberships__is_active=True
        ).values_list("user_id", flat=True)
    )
    if named:
        return named
    leaders = Membership.objects.filter(Q(is_leader=True) | Q(is_admin=True), school=school, is_active=True)
    return set(leaders.values_list("user_id", flat=True))


def is_moderator(user, school) -> bool:
    return user.id in moderator_ids(school)


def _moderators(school, exclude=()):
    from django.contrib.auth import get_user_model

    ids = moderator_ids(school) - {u.id for u in exclude if u is not None}
    return get_user_model().objects.filter(id__in=ids)


def _url(name, post):
    return reverse(name, args=[post.school.slug, post.pk])


# ---- the author ---------------------------------------------------------------------------------


def submit(school, author, *, text, alt_text="", priority=None, group=None, files=()) -> Post:
    """Store a new post with its cleaned media and put it in the moderation queue."""
    stored = []
    try:
        for clean in files:
            stored.append((clean, *_store(clean)))
        with transaction.atomic():
            now = timezone.now()
            post = Post.objects.create(
                school=school,
                author=author,
                text=text,
                alt_text=alt_text,
                priority=priority,
                group=group,
                consent_confirmed_at=now,
                submitted_at=now,
            )
            _add_media(post, stored, author)
            record(author, "highlights.submit", school=school, target=post, summary=_summary(post))
            notify(
                school,
                _moderators(school, exclude=[author]),
                _("%(name)s heeft een highlight ingestuurd. Wil je die beoordelen?") % {"name": author.name},
                _url("highlights:moderation-detail", post),
                email_subject=_("Nieuwe highlight om te beoordelen"),
                kind=MAIL_KIND,
            )
    except Exception:
        media.delete_files([n for _c, file, poster in stored for n in (file, poster)])
        raise
    return post


def resubmit(post, author, *, text, alt_text="", priority=None, group=None, files=None) -> Post:
    """The author's new version after "terug voor aanpassing": a fresh review round starts."""
    if post.author_id != author.id or post.status != Status.REVISION:
        raise ModerationError(_("Alleen de schrijver kan een bericht aanpassen dat terug is gestuurd."))
    stored, old = [], []
    try:
        for clean in files or ():
            stored.append((clean, *_store(clean)))
        with transaction.atomic():
            post = locked(post)
            if post.status != Status.REVISION:
                raise ModerationError(_("Dit bericht is intussen al veranderd."))
            if stored:
                old = [n for m in post.media.all() for n in (m.file, m.poster, m.source)]
                post.media.all().delete()
                _add_media(post, stored, author)
            now = timezone.now()
            post.text, post.alt_text, post.priority, post.group = text, alt_text, priority, group
            post.status, post.review_round, post.moderator_note = Status.PENDING, post.review_round + 1, ""
            post.claimed_by, post.claimed_at, post.submitted_at, post.consent_confirmed_at = None, None, now, now
            post.save()
            record(author, "highlights.resubmit", school=post.school, target=post, summary=_summary(post))
            notify(
                post.school,
                _moderators(post.school, exclude=[author]),
                _("%(name)s heeft een aangepaste highlight ingestuurd.") % {"name": author.name},
                _url("highlights:moderation-detail", post),
                email_subject=_("Aangepaste highlight om te beoordelen"),
                kind=MAIL_KIND,
            )
            transaction.on_commit(lambda: media.delete_files(old))
    except Exception:
        media.delete_files([n for _c, file, poster in stored for n in (file, poster)])
        raise
    return post


def locked(post) -> Post:
    """The post reloaded under a row lock: every write to a post (the author's and the moderators') starts here.

    One lock for everything that changes a post, so a delete and an approval at the same moment run
    one after the other: a delete that comes second removes the approved post too; an approval that
    comes second finds the post gone (``PostGone``). A delete (possibly a withdrawal of image consent)
    always wins.
    """
    try:
        return Post.objects.select_for_update().select_related("school", "author").get(pk=post.pk)
    except Post.DoesNotExist:
        raise PostGone(_("Dit bericht is intussen verwijderd door de schrijver.")) from None


def delete(post, actor) -> None:
    """The author removes their own post (in any state), under the post's lock; files go after the transaction."""
    if post.author_id != actor.id:
        raise ModerationError(_("Alleen de schrijver kan dit bericht verwijderen."))
    with transaction.atomic():
        try:
            post = locked(post)
        except PostGone:
            return  # deleted twice at once: it is gone, as asked
        names = [n for m in post.media.all() for n in (m.file, m.poster, m.source)]
        record(actor, "highlights.delete", school=post.school, target=post, summary=_summary(post))
        post.delete()
        transaction.on_commit(lambda: media.delete_files(names))


def _store(upload) -> tuple[str, str]:
    """A cleaned file is stored as it will be served; a waiting one as it came in (``source``) for the worker."""
    if isinstance(upload, media.PendingFile):
        return "", media.store_source(upload)
    return media.store(upload)


def _add_media(post, stored, actor):
    """The post's media rows; media a worker still has to process start that work after commit."""
    rows = []
    for i, (clean, file, second) in enumerate(stored):
        pending = isinstance(clean, media.PendingFile)
        rows.append(
            PostMedia(
                post=post,
                kind=clean.kind,
                file=file,
                poster="" if pending else second,
                source=second if pending else "",
                state=MediaState.PROCESSING if pending else MediaState.READY,
                content_type=clean.content_type,
                width=clean.width,
                height=clean.height,
                size_bytes=media.default_storage.size(second if pending else file),
                duration_seconds=clean.duration,
                position=i,
            )
        )
    PostMedia.objects.bulk_create(rows)
    if any(row.state == MediaState.PROCESSING for row in rows):
        processing.start(post, actor)


def _summary(post) -> str:
    return post.text[:120]


# ---- the moderator -----------------------------------------------------------------------------


def _lock_for_moderation(post, moderator, *, need_claim_free=True) -> Post:
    """Reload the post under a lock and check that this moderator may act on it now."""
    post = locked(post)
    if not is_moderator(moderator, post.school):
        raise ModerationError(_("Alleen moderatoren kunnen highlights beoordelen."))
    if post.author_id == moderator.id:
        raise ModerationError(_("Je kunt je eigen bericht niet beoordelen; dat doet een andere moderator."))
    if post.status != Status.PENDING:
        raise ModerationError(_("Dit bericht wacht niet (meer) op beoordeling."))
    if need_claim_free and claimed_by_other(post, moderator):
        raise ModerationError(_("%(name)s is al met dit bericht bezig.") % {"name": post.claimed_by.name})
    return post


def claim_is_active(post) -> bool:
    return bool(
        post.claimed_by_id and post.claimed_at and post.claimed_at > timezone.now() - timedelta(minutes=CLAIM_MINUTES)
    )


def claimed_by_other(post, user) -> bool:
    return claim_is_active(post) and post.claimed_by_id != user.id


def claim(post, moderator) -> Post:
    with transaction.atomic():
        post = _lock_for_moderation(post, moderator)
        states = set(post.media.values_list("state", flat=True))
        if MediaState.PROCESSING in states:
            raise ModerationError(_("De foto's of de film worden nog verwerkt. Probeer het zo nog eens."))
        if MediaState.FAILED in states:
            raise ModerationError(
                _(
                    "Een foto of film kon niet verwerkt worden. Stuur het bericht terug, dan kiest de schrijver een nieuwe."
                )
            )
        if Approval.objects.filter(post=post, moderator=moderator, review_round=post.review_round).exists():
            raise ModerationError(_("Je hebt dit bericht al goedgekeurd; een andere moderator moet het ook bekijken."))
        post.claimed_by, post.claimed_at = moderator, timezone.now()
        post.save(update_fields=["claimed_by", "claimed_at"])
        record(moderator, "highlights.claim", school=post.school, target=post, summary=_summary(post))
        notify(
            post.school,
            [post.author],
            _("%(name)s bekijkt nu je highlight.") % {"name": moderator.name},
            _url("highlights:post-detail", post),
            kind=MAIL_KIND,
        )
    return post


def release(post, moderator) -> Post:
    with transaction.atomic():
        post = locked(post)
        if post.claimed_by_id != moderator.id:
            raise ModerationError(_("Je was niet met dit bericht bezig."))
        post.claimed_by, post.claimed_at = None, None
        post.save(update_fields=["claimed_by", "claimed_at"])
        record(moderator, "highlights.release", school=post.school, target=post, summary=_summary(post))
    return post


def approve(post, moderator) -> Post:
    """Approve this version. It is published once enough *different* moderators approved it."""
    with transaction.atomic():
        post = _lock_for_moderation(post, moderator)
        states = set(post.media.values_list("state", flat=True))
        if MediaState.PROCESSING in states:
            raise ModerationError(_("De foto's of de film worden nog verwerkt. Probeer het zo nog eens."))
        if MediaState.FAILED in states:
            raise ModerationError(
                _(
                    "Een foto of film kon niet verwerkt worden. Stuur het bericht terug, dan kiest de schrijver een nieuwe."
                )
            )
        if Approval.objects.filter(post=post, moderator=moderator, review_round=post.review_round).exists():
            raise ModerationError(
                _("Je hebt dit bericht al goedgekeurd. Bij vier ogen moet een andere moderator het ook goedkeuren.")
            )
        Approval.objects.create(post=post, moderator=moderator, review_round=post.review_round)
        approvals = (
            Approval.objects.filter(post=post, review_round=post.review_round).values("moderator").distinct().count()
        )
        needed = required_approvals(post.school)
        post.claimed_by, post.claimed_at = None, None
        if approvals >= needed:
            post.status, post.published_at = Status.PUBLISHED, timezone.now()
            post.save(update_fields=["status", "published_at", "claimed_by", "claimed_at"])
            record(moderator, "highlights.publish", school=post.school, target=post, summary=_summary(post))
            notify(
                post.school,
                [post.author],
                _("Je highlight staat nu in de feed van het team. Dank je wel!"),
                _url("highlights:post-detail", post),
                email_subject=_("Je highlight is gepubliceerd"),
                kind=MAIL_KIND,
            )
        else:
            post.save(update_fields=["claimed_by", "claimed_at"])
            record(
                moderator,
                "highlights.approve",
                school=post.school,
                target=post,
                summary=f"{approvals}/{needed}: {_summary(post)}",
            )
            approvers = set(
                Approval.objects.filter(post=post, review_round=post.review_round).values_list(
                    "moderator_id", flat=True
                )
            )
            others = [u for u in _moderators(post.school, exclude=[post.author]) if u.id not in approvers]
            notify(
                post.school,
                others,
                _("%(name)s keurde een highlight goed. Er is nog een tweede moderator nodig.")
                % {"name": moderator.name},
                _url("highlights:moderation-detail", post),
                kind=MAIL_KIND,
            )
    return post


def reject(post, moderator, reason: str) -> Post:
    return _decline(post, moderator, reason, Status.REJECTED)


def send_back(post, moderator, reason: str) -> Post:
    return _decline(post, moderator, reason, Status.REVISION)


def _decline(post, moderator, reason, status) -> Post:
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Schrijf erbij waarom; de schrijver ziet je toelichting."))
    with transaction.atomic():
        post = _lock_for_moderation(post, moderator)
        post.status, post.moderator_note = status, reason[:500]
        post.claimed_by, post.claimed_at = None, None
        post.save(update_fields=["status", "moderator_note", "claimed_by", "claimed_at"])
        if status == Status.REJECTED:
            action, message, subject = (
                "highlights.reject",
                _("Je highlight is niet geplaatst. Lees waarom."),
                _("Je highlight is niet geplaatst"),
            )
        else:
            action, message, subject = (
                "highlights.send_back",
                _("Je highlight is teruggestuurd: pas hem aan en stuur hem opnieuw in."),
                _("Pas je highlight aan"),
            )
        record(moderator, action, school=post.school, target=post, summary=f"{reason[:150]} — {_summary(post)}")
        notify(
            post.school,
            [post.author],
            message,
            _url("highlights:post-detail", post),
            email_subject=subject,
            kind=MAIL_KIND,
        )
    return post


def take_offline(post, moderator, reason: str) -> Post:
    """A published post goes offline, e.g. when parents withdraw their image consent."""
    reason = (reason or "").strip()
    if not reason:
        raise ModerationError(_("Schrijf erbij waarom; de schrijver ziet je toelichting."))
    with transaction.atomic():
        post = locked(post)
        if not is_moderator(moderator, post.school):
            raise ModerationError(_("Alleen moderatoren kunnen highlights beoordelen."))
        if post.status != Status.PUBLISHED:
            raise ModerationError(_("Dit bericht staat niet online."))
        post.status, post.moderator_note = Status.REMOVED, reason[:500]
        post.save(update_fields=["status", "moderator_note"])
        record(
            moderator,
            "highlights.take_offline",
            school=post.school,
            target=post,
            summary=f"{reason[:150]} — {_summary(post)}",
        )
        notify(
            post.school,
            [post.author],
            _("Je highlight is offline gehaald. Lees waarom."),
            _url("highlights:post-detail", post),
            email_subject=_("Je highlight is offline gehaald"),
            kind=MAIL_KIND,
        )
    return post


# ---- the school leader -------------------------------------------------------------------------


def set_moderators(school, actor, users, approvals: int) -> None:
    """Name the school's moderators and choose one or two approvals."""
    users = list(users)
    with transaction.atomic():
        before = set(Moderator.objects.filter(school=school).values_list("user_id", flat=True))
        after = {u.id for u in users}
        Moderator.objects.filter(school=school).exclude(user_id__in=after).delete()
        Moderator.objects.bulk_create([Moderator(school=school, user=u) for u in users if u.id not in before])
        HighlightSettings.objects.update_or_create(school=school, defaults={"required_approvals": approvals})
        names = ", ".join(u.name for u in users) or "-"
        record(actor, "highlights.moderators", school=school, summary=f"{names}; {approvals}")
        notify(
            school,
            [u for u in users if u.id not in before],
            _("Je bent nu moderator van de highlights van je school."),
            reverse("highlights:moderation-queue", args=[school.slug]),
            kind=MAIL_KIND,
        )
