"""Large photos among a group's files, re-encoded without metadata by a worker (core.background).

``cycle.add_entry`` stores such a photo as it came in (``file_state`` *verwerken*; the file view
answers 404 until it is done) and starts one ``groups.photo`` job in the same transaction. The
worker re-encodes it (``core.images.without_metadata``: no EXIF, GPS or camera data), stores the
clean copy under a new random name and deletes the original. A file that is no readable photo is
*mislukt* at once; any other error is retried by core.background and *mislukt* after the last try.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gespreid.core import background, school_cache
from gespreid.core.images import NotAnImage, without_metadata

from .files import photo_format
from .models import CycleEntry

KIND = "groups.photo"


def start(entry, actor) -> None:
    background.start(entry.group.school, actor, KIND, entry.pk)


def process_job(job, report) -> str:
    entry = CycleEntry.objects.filter(pk=job.target_id, file_state="verwerken").select_related("group").first()
    if entry is None:
        return _("Niets te verwerken")
    try:
        return process(entry)
    except Exception:
        if job.attempts >= background.MAX_ATTEMPTS:
            fail(entry)
        raise


def process(entry) -> str:
    raw = entry.file.name
    try:
        with entry.file.open("rb") as handle:
            data = without_metadata(handle, photo_format(entry.file_name) or "JPEG")
    except NotAnImage:
        fail(entry)
        return _("Deze foto kunnen we niet lezen.")
    storage = entry.file.storage
    clean_name = storage.save(entry.file.field.generate_filename(entry, entry.file_name), ContentFile(data))
    with transaction.atomic():
        updated = CycleEntry.objects.filter(pk=entry.pk, file_state="verwerken", file=raw).update(
            file=clean_name, file_state="klaar"
        )
    if updated:
        _changed(entry)
    storage.delete(raw if updated else clean_name)
    return _("Foto verwerkt")


def _changed(entry) -> None:
    """A queryset ``update()`` sends no signal: give the group's school a new version, so the group page's
    kept parts (core.school_cache) show the processed file at once."""
    school_cache.school_changed(entry.group.school_id)


def fail(entry) -> None:
    """Give up: the original (with its metadata) goes; the entry says the photo could not be processed."""
    raw = entry.file.name
    if CycleEntry.objects.filter(pk=entry.pk, file_state="verwerken").update(file_state="mislukt", file=""):
        _changed(entry)
        entry.file.storage.delete(raw)
