"""Checking, cleaning and storing uploaded photos and films.

Photos: opened by content with Pillow (the file name means nothing), refused above a pixel
limit before decoding (decompression bombs), turned upright, shrunk to ``IMAGE_MAX_SIDE``,
re-encoded as JPEG (or WebP when transparent) without any EXIF, GPS or other metadata.

Films: mp4 or webm only, recognised by their first bytes and opened with PyAV (FFmpeg):
container and codecs checked, at least one frame must decode, remuxed into a fresh file
without metadata (phones write GPS into films too) and a poster frame is made.

Only the quick checks run in the request (``check_upload``: size, type, pixels, codecs and length,
read from the headers). A film (poster frame and remux) and a photo above ``INLINE_IMAGE_PIXELS``
are stored as they came in under ``highlights/incoming/`` (never served) and processed by a worker
after commit (``highlights.processing``); small photos are cleaned in the request at once.

Files get random names under ``MEDIA_ROOT/highlights/`` and are only served by a view
that checks the viewer (see ``views.media_file``).
"""

import io
import secrets
import tempfile
import warnings
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

IMAGE_MAX_BYTES = 20 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000  # 40 megapixels; Pillow's own bomb limit is about 89
IMAGE_MAX_SIDE = 2048
IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP"}
JPEG_QUALITY = 85
POSTER_MAX_SIDE = 1280
# Photos up to this many pixels are cleaned in the request (a few milliseconds); larger ones by a worker.
INLINE_IMAGE_PIXELS = 4_000_000

FILM_MAX_MB = 50
FILM_MAX_SECONDS = 180
FILM_MAX_PIXELS = 3840 * 2160
# container -> allowed video codecs, allowed audio codecs
FILM_CODECS = {
    "mp4": ({"h264", "av1", "vp9"}, {"aac", "mp3", "opus"}),
    "webm": ({"vp8", "vp9", "av1"}, {"vorbis", "opus"}),
}
FILM_CONTENT_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
MP4_BRANDS_REFUSED = {b"qt  "}  # QuickTime .mov is not mp4


def film_max_bytes() -> int:
    return int(float(getattr(settings, "GESPREID_HIGHLIGHTS_MAX_FILM_MB", FILM_MAX_MB)) * 1024 * 1024)


def film_max_mb() -> float:
    return float(getattr(settings, "GESPREID_HIGHLIGHTS_MAX_FILM_MB", FILM_MAX_MB))


@dataclass
class CleanFile:
    """A checked and cleaned upload, ready to store."""

    kind: str  # "foto" or "film"
    data: bytes | None
    ext: str
    content_type: str
    width: int
    height: int
    path: str | None = None  # films are kept in a temporary file instead of memory
    poster: bytes | None = None
    duration: float | None = None
    extra: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        import os

        return os.path.getsize(self.path)


@dataclass
class PendingFile:
    """An upload that passed the quick checks and waits for a worker (``highlights.processing``)."""

    kind: str  # "foto" or "film"
    upload: object
    content_type: str
    width: int
    height: int
    duration: float | None = None


def _error(message: str, upload) -> ValidationError:
    name = getattr(upload, "name", "") or ""
    return ValidationError(f"{name}: {message}" if name else message)


def _open_image(upload) -> Image.Image:
    """Open a photo lazily (headers only) and check its size, format and pixel count."""
    if upload.size > IMAGE_MAX_BYTES:
        raise _error(_("deze foto is groter dan %(mb)s MB.") % {"mb": IMAGE_MAX_BYTES // (1024 * 1024)}, upload)
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error(_("deze foto heeft te veel pixels (meer dan 40 megapixel)."), upload) from None
    except Exception:  # Pillow raises many kinds of errors on hostile input
        raise _error(_("dit bestand is geen foto die we kunnen lezen (JPG, PNG of WebP)."), upload) from None
    if image.format not in IMAGE_FORMATS:
        raise _error(_("dit is geen JPG-, PNG- of WebP-foto."), upload)
    if image.width * image.height > IMAGE_MAX_PIXELS:
        raise _error(_("deze foto heeft te veel pixels (meer dan 40 megapixel)."), upload)
    return image


def clean_image(upload) -> CleanFile:
    """Check one uploaded photo by its content and return a clean re-encoded copy (or raise ValidationError)."""
    image = _open_image(upload)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            if image.format in {"JPEG", "MPO"}:
                # Decode at a smaller scale straight away: much faster for big camera photos.
                image.draft("RGB", (IMAGE_MAX_SIDE, IMAGE_MAX_SIDE))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _error(_("deze foto heeft te veel pixels (meer dan 40 megapixel)."), upload) from None
    except Exception:  # Pillow raises many kinds of errors on hostile input
        raise _error(_("dit bestand is geen foto die we kunnen lezen (JPG, PNG of WebP)."), upload) from None
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken orientation tag: keep the picture as it is
        pass
    try:
        return _encode(image)
    except Exception:  # an exotic pixel format we cannot convert
        raise _error(_("dit bestand is geen foto die we kunnen lezen (JPG, PNG of WebP)."), upload) from None


def check_image(upload) -> CleanFile | PendingFile:
    """The request's part for one photo: a small one is cleaned at once, a large one waits for a worker."""
    image = _open_image(upload)
    if image.width * image.height <= INLINE_IMAGE_PIXELS:
        return clean_image(upload)
    return PendingFile("foto", upload, "image/jpeg", image.width, image.height)


def check_film(upload) -> PendingFile:
    """The request's part for one film: container, streams, codecs, size and length from its headers.

    Decoding the poster frame and remuxing (``clean_film``) is left to a worker.
    """
    import av

    container_kind = _film_container(upload)
    try:
        with av.open(upload, "r") as source:
            _video, _audio, width, height, duration = _probe_film(source, upload, container_kind)
    except ValidationError:
        raise
    except Exception:  # FFmpeg refuses hostile or broken files in many ways
        raise _error(_("dit bestand is geen film die we kunnen lezen (mp4 of webm)."), upload) from None
    upload.seek(0)
    return PendingFile("film", upload, FILM_CONTENT_TYPES[container_kind], width, height, duration)


def check_upload(upload, *, film: bool) -> CleanFile | PendingFile:
    return check_film(upload) if film else check_image(upload)


def _encode(image: Image.Image, max_side: int = IMAGE_MAX_SIDE) -> CleanFile:
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # A fresh image carries no metadata at all: no EXIF, GPS, XMP, ICC or comments.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    if has_alpha:
        clean.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
        ext, content_type = "webp", "image/webp"
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        ext, content_type = "jpg", "image/jpeg"
    return CleanFile("foto", out.getvalue(), ext, content_type, clean.width, clean.height)


def _sniff_container(head: bytes) -> str | None:
    if len(head) >= 12 and head[4:8] == b"ftyp" and head[8:12] not in MP4_BRANDS_REFUSED:
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "webm"
    return None


def _film_container(upload) -> str:
    if upload.size > film_max_bytes():
        raise _error(
            _("deze film is groter dan %(mb)s MB. Maak hem korter of kleiner.") % {"mb": f"{film_max_mb():g}"}, upload
        )
    upload.seek(0)
    container_kind = _sniff_container(upload.read(64))
    if container_kind is None:
        raise _error(_("dit is geen mp4- of webm-film."), upload)
    upload.seek(0)
    return container_kind


def _probe_film(source, upload, container_kind):
    """Check an opened film from its headers. Returns (video, audio or None, width, height, duration)."""
    video_codecs, audio_codecs = FILM_CODECS[container_kind]
    if not any(name in source.format.name.split(",") for name in ("mp4", "webm")):
        raise _error(_("dit is geen mp4- of webm-film."), upload)
    videos = list(source.streams.video)
    audios = list(source.streams.audio)
    if len(videos) != 1 or len(audios) > 1:
        raise _error(_("een film moet precies één beeldspoor hebben (en hooguit één geluidsspoor)."), upload)
    video = videos[0]
    if video.codec_context.name not in video_codecs or any(a.codec_context.name not in audio_codecs for a in audios):
        raise _error(
            _("de film gebruikt een codering die browsers niet goed afspelen. Gebruik mp4 (H.264) of webm (VP8/VP9)."),
            upload,
        )
    width, height = video.codec_context.width, video.codec_context.height
    if not width or not height or width * height > FILM_MAX_PIXELS:
        raise _error(_("het beeld van deze film is te groot (meer dan 4K)."), upload)
    duration = _duration(source, video)
    if duration is None or duration > FILM_MAX_SECONDS:
        raise _error(_("een film mag hooguit %(s)s seconden duren.") % {"s": FILM_MAX_SECONDS}, upload)
    return video, (audios[0] if audios else None), width, height, duration


def clean_film(upload) -> CleanFile:
    """Check one uploaded film by its content; remux it without metadata and make a poster frame."""
    import av

    container_kind = _film_container(upload)
    out_path = None
    try:
        with av.open(upload, "r") as source:
            video, audio, width, height, duration = _probe_film(source, upload, container_kind)
            poster = _poster(source, video)
            source.seek(0)
            out_path = _remux(source, container_kind, video, audio)
    except ValidationError:
        _remove(out_path)
        raise
    except Exception:  # FFmpeg refuses hostile or broken files in many ways
        _remove(out_path)
        raise _error(_("dit bestand is geen film die we kunnen lezen (mp4 of webm)."), upload) from None
    return CleanFile(
        "film",
        None,
        container_kind,
        FILM_CONTENT_TYPES[container_kind],
        width,
        height,
        path=out_path,
        poster=poster,
        duration=duration,
    )


def _duration(source, video) -> float | None:
    if source.duration:
        return source.duration / 1_000_000
    if video.duration and video.time_base:
        return float(video.duration * video.time_base)
    return None


def _poster(source, video) -> bytes:
    """The first frame that decodes, as a clean JPEG. No frame means no real film: refuse it."""
    for frame in source.decode(video):
        encoded = _encode(frame.to_image(), max_side=POSTER_MAX_SIDE)
        return encoded.data
    raise ValueError("no frame")


def _remux(source, kind: str, video, audio) -> str:
    """Copy the streams into a new container: same picture and sound, no metadata (GPS, names)."""
    import av

    handle = tempfile.NamedTemporaryFile(suffix=f".{kind}", delete=False)
    handle.close()
    streams = [video] + ([audio] if audio is not None else [])
    with av.open(handle.name, "w", format=kind, options={"movflags": "+faststart"} if kind == "mp4" else {}) as target:
        mapping = {}
        for stream in streams:
            out = target.add_stream_from_template(stream)
            out.metadata.clear()
            mapping[stream.index] = out
        for packet in source.demux(streams):
            if packet.dts is None:
                continue
            packet.stream = mapping[packet.stream.index]
            target.mux(packet)
    return handle.name


def _remove(path):
    import os

    if path:
        try:
            os.unlink(path)
        except OSError:
            pass


def random_name(ext: str) -> str:
    return f"highlights/{secrets.token_urlsafe(24)}.{ext}"


def store(clean: CleanFile) -> tuple[str, str]:
    """Save a cleaned file (and a film's poster) under random names. Returns (file name, poster name)."""
    if clean.data is not None:
        name = default_storage.save(random_name(clean.ext), ContentFile(clean.data))
    else:
        with open(clean.path, "rb") as handle:
            name = default_storage.save(random_name(clean.ext), File(handle))
        _remove(clean.path)
    poster = default_storage.save(random_name("jpg"), ContentFile(clean.poster)) if clean.poster else ""
    return name, poster


def store_source(pending: PendingFile) -> str:
    """Keep an upload as it came in, for the worker: a random name under ``highlights/incoming/``, never served."""
    pending.upload.seek(0)
    return default_storage.save(f"highlights/incoming/{secrets.token_urlsafe(24)}", File(pending.upload))


def delete_files(names) -> None:
    for name in names:
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                pass
