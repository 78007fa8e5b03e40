"""Films and large photos processed by a worker, after the post is stored (core.background).

``submit``/``resubmit`` store such an upload as it came in (``PostMedia.source``, state *processing*)
and start one ``highlights.media`` job for the post in the same transaction, so the worker only sees
it once the post is committed. The job cleans each waiting item (``media.clean_film`` makes the
poster frame and remuxes without metadata, ``media.clean_image`` re-encodes the photo), stores the
result under fresh random names and removes the original.

- A file that turns out not to be a film or photo we can read (the full decode finds what the
  header check could not) is *failed* at once with the Dutch reason; nothing is retried.
- Any other error (storage, a crashed decoder) raises: core.background tries again, and after its
  last try the item is *failed* too. The author sees it on the post and can send a new version.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from gespreid.core import background, school_cache

from . import media
from .models import MediaState, PostMedia

KIND = "highlights.media"


def start(post, actor) -> None:
    """Enqueue the processing of a post's waiting media (inside the caller's transaction)."""
    background.start(post.school, actor, KIND, post.pk)


def process_job(job, report) -> str:
    """core.background runs this: every waiting item of the post, one after the other."""
    items = list(
        PostMedia.objects.filter(post_id=job.target_id, state=MediaState.PROCESSING)
        .select_related("post")
        .order_by("position")
    )
    last_try = job.attempts >= background.MAX_ATTEMPTS
    done = 0
    for number, item in enumerate(items):
        report(int(100 * number / max(len(items), 1)), _("Bezig met verwerken"))
        try:
            process_item(item)
        except Exception:
            if last_try:
                fail(item, _("Het verwerken is niet gelukt. Stuur de foto of film opnieuw in."))
            raise
        done += 1
    return _("%(n)s bestand(en) verwerkt") % {"n": done}


def process_item(item: PostMedia) -> None:
    """Clean one stored upload and put the clean file in its place (or mark it failed with the reason)."""
    try:
        with default_storage.open(item.source, "rb") as source:
            source.name = item.source
            clean = media.clean_film(source) if item.is_film else media.clean_image(source)
    except ValidationError as error:
        fail(item, " ".join(error.messages).removeprefix(f"{item.source}: "))
        return
    file, poster = media.store(clean)
    try:
        with transaction.atomic():
            updated = PostMedia.objects.filter(pk=item.pk, state=MediaState.PROCESSING, source=item.source).update(
                state=MediaState.READY,
                file=file,
                poster=poster,
                content_type=clean.content_type,
                width=clean.width,
                height=clean.height,
                size_bytes=default_storage.size(file),
                duration_seconds=clean.duration,
                source="",
            )
    except Exception:
        media.delete_files([file, poster])
        raise
    if updated:
        _changed(item)
        media.delete_files([item.source])
    else:  # the post was deleted or replaced meanwhile: keep nothing
        media.delete_files([file, poster])


def _changed(item: PostMedia) -> None:
    """A queryset ``update()`` sends no signal: give the post's school a new version, so the pages that
    keep its cards rendered (the feed, core.school_cache) show the new state at once."""
    school_cache.school_changed(item.post.school_id)


def fail(item: PostMedia, reason: str) -> None:
    """Give up on one item: the original goes, the author sees the reason."""
    updated = PostMedia.objects.filter(pk=item.pk, state=MediaState.PROCESSING).update(
        state=MediaState.FAILED, error=reason[:300], source=""
    )
    if updated:
        _changed(item)
        media.delete_files([item.source])
