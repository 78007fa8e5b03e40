"""Fixtures for the highlights tests: files made by code (Pillow, PyAV)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gespreid.highlights.models import HighlightSettings, Moderator


def jpeg_bytes(size=(320, 240), color=(40, 120, 90), exif=None, **save):
    image = Image.new("RGB", size, color)
    out = io.BytesIO()
    if exif is not None:
        save["exif"] = exif
    image.save(out, "JPEG", **save)
    return out.getvalue()


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (52.0, 5.0, 30.0)
    gps[3] = "E"
    gps[4] = (5.0, 7.0, 15.0)
    return exif


def film_bytes(fmt="mp4", codec="libx264", frames=6, size=(64, 48), metadata=None):
    import av
    import numpy

    buf = io.BytesIO()
    with av.open(buf, "w", format=fmt) as out:
        for key, value in (metadata or {}).items():
            out.metadata[key] = value
        stream = out.add_stream(codec, rate=10)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p"
        for i in range(frames):
            frame = av.VideoFrame.from_ndarray(
                numpy.full((size[1], size[0], 3), 20 + i * 30, dtype=numpy.uint8), format="rgb24"
            )
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return buf.getvalue()


def zip_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("film.mp4", b"\x00\x00\x00\x18ftypisom" + b"x" * 100)
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def photo():
    return lambda name="foto.jpg", **kw: upload(name, jpeg_bytes(**kw), "image/jpeg")


@pytest.fixture
def moderators(school, leader, teacher_leader):
    """Two named moderators (the leader and the teacher leader), four eyes on."""
    Moderator.objects.create(school=school, user=leader)
    Moderator.objects.create(school=school, user=teacher_leader)
    HighlightSettings.objects.create(school=school, required_approvals=2)
    return [leader, teacher_leader]


@pytest.fixture
def make_post(school, member):
    """A post in the queue (made through moderation.submit, with one small photo)."""
    from gespreid.highlights import media, moderation

    def make(author=None, text="Onze leerlingen presenteerden hun onderzoek.", **kw):
        clean = media.clean_image(upload("a.jpg", jpeg_bytes()))
        return moderation.submit(school, author or member, text=text, files=[clean], **kw)

    return make


@pytest.fixture
def published_post(make_post, moderators):
    from gespreid.highlights import moderation

    post = make_post()
    moderation.approve(post, moderators[0])
    return moderation.approve(post, moderators[1])


@pytest.fixture
def add_published(school, member, moderators):
    """add_published(like, n): n more published posts by ``member`` with ``like``'s photo, each with a Mooi!."""
    from gespreid.highlights.models import Appreciation, Post, PostMedia, Status

    def add(like, n=30):
        media = like.media.get()
        for i in range(n):
            extra = Post.objects.create(
                school=school,
                author=member,
                text=f"Post {i}",
                status=Status.PUBLISHED,
                consent_confirmed_at=like.submitted_at,
                submitted_at=like.submitted_at,
                published_at=like.published_at,
            )
            PostMedia.objects.create(post=extra, kind="foto", file=media.file, content_type="image/jpeg")
            Appreciation.objects.create(post=extra, user=moderators[0])

    return add
