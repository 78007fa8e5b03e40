"""Which files a group may upload as 'what we know', and how they are checked.

Pure checks on an uploaded file's name, size and first bytes: a file must be what its name says.
Files are stored under a random name and only ever served through ``views.entry_file`` (members only).
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from gespreid.core.images import NotAnImage, photo_size, without_metadata

MAX_BYTES = 10 * 1024 * 1024

ZIP = b"PK\x03\x04"
# extension -> (content type, accepted first bytes; None means "readable text")
ALLOWED = {
    ".pdf": ("application/pdf", (b"%PDF",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (ZIP,)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (ZIP,)),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", (ZIP,)),
    ".odt": ("application/vnd.oasis.opendocument.text", (ZIP,)),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", (ZIP,)),
    ".odp": ("application/vnd.oasis.opendocument.presentation", (ZIP,)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def allowed_extensions() -> str:
    return ", ".join(ext.lstrip(".") for ext in ALLOWED)


def content_type_for(name: str) -> str:
    return ALLOWED.get(Path(name).suffix.lower(), ("application/octet-stream", None))[0]


def validate_upload(upload) -> None:
    """Raise ValidationError (Dutch) unless the file is small enough and really of an allowed type."""
    ext = Path(upload.name or "").suffix.lower()
    if ext not in ALLOWED:
        raise ValidationError(
            _("Dit soort bestand kan niet. Kies een bestand van het type: %(types)s.") % {"types": allowed_extensions()}
        )
    if upload.size > MAX_BYTES:
        raise ValidationError(_("Het bestand is te groot: maximaal 10 MB."))
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg."))
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    magic = ALLOWED[ext][1]
    if magic is None:
        if b"\x00" in head:
            raise ValidationError(_("Dit bestand is geen leesbare tekst."))
    elif not any(head.startswith(m) for m in magic):
        raise ValidationError(_("De inhoud van het bestand past niet bij de naam (%(ext)s).") % {"ext": ext})


PHOTO_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


# Photos up to this many pixels are re-encoded in the request; larger ones by a worker (groups.processing).
INLINE_PHOTO_PIXELS = 4_000_000


class PendingPhoto:
    """A large photo that passed the checks and is re-encoded by a worker after it is stored."""

    def __init__(self, upload):
        self.upload = upload
        self.name = upload.name


def clean_upload(upload):
    """The file as it will be stored: a photo re-encoded without EXIF/GPS/camera data, anything else as is.

    A photo above ``INLINE_PHOTO_PIXELS`` comes back as a ``PendingPhoto``: ``cycle.add_entry`` stores it
    and a worker re-encodes it after commit."""
    fmt = PHOTO_FORMATS.get(Path(upload.name or "").suffix.lower())
    if fmt is None:
        return upload
    upload.seek(0)
    try:
        width, height = photo_size(upload)
    except NotAnImage:
        raise ValidationError(_("Deze foto kunnen we niet lezen. Kies een andere JPG of PNG.")) from None
    if width * height > INLINE_PHOTO_PIXELS:
        upload.seek(0)
        return PendingPhoto(upload)
    upload.seek(0)
    try:
        data = without_metadata(upload, fmt)
    except NotAnImage:
        raise ValidationError(_("Deze foto kunnen we niet lezen. Kies een andere JPG of PNG.")) from None
    return ContentFile(data, name=upload.name)


def photo_format(name: str) -> str | None:
    return PHOTO_FORMATS.get(Path(name or "").suffix.lower())
