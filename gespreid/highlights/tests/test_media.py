"""Hostile and ordinary files through the photo and film checks (media.py)."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from gespreid.highlights import media

from .conftest import film_bytes, gps_exif, jpeg_bytes, upload, zip_bytes


def png_header_only(width, height):
    """A tiny PNG file that claims enormous dimensions: a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def test_a_photo_is_reencoded_as_jpeg_and_shrunk():
    clean = media.clean_image(upload("groot.jpg", jpeg_bytes(size=(4000, 3000))))
    assert clean.content_type == "image/jpeg" and clean.ext == "jpg"
    assert max(clean.width, clean.height) == media.IMAGE_MAX_SIDE
    assert Image.open(io.BytesIO(clean.data)).format == "JPEG"


def test_a_png_becomes_jpeg_and_a_transparent_one_webp():
    out = io.BytesIO()
    Image.new("RGB", (50, 40), "red").save(out, "PNG")
    assert media.clean_image(upload("a.png", out.getvalue())).content_type == "image/jpeg"
    out = io.BytesIO()
    Image.new("RGBA", (50, 40), (255, 0, 0, 100)).save(out, "PNG")
    clean = media.clean_image(upload("b.png", out.getvalue()))
    assert clean.content_type == "image/webp" and Image.open(io.BytesIO(clean.data)).format == "WEBP"


def test_gps_and_exif_are_gone_and_the_photo_is_turned_upright():
    original = jpeg_bytes(size=(300, 200), exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the input really has GPS
    clean = media.clean_image(upload("gps.jpg", original))
    result = Image.open(io.BytesIO(clean.data))
    assert not result.getexif()
    assert b"Exif" not in clean.data and b"GeheimeCamera" not in clean.data
    assert (result.width, result.height) == (200, 300)  # orientation 6 applied before stripping


@pytest.mark.parametrize(
    "name,data",
    [
        ("shell.jpg", b"<?php system($_GET['c']); ?>"),
        ("pagina.jpg", b"<!doctype html><html><script>alert(document.cookie)</script></html>"),
        (
            "tekening.jpg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="9" height="9"/></svg>',
        ),
        ("tekening.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        ("leeg.jpg", b""),
        ("kapot.jpg", jpeg_bytes()[:200]),
    ],
)
def test_files_that_are_not_photos_are_refused_whatever_their_name(name, data):
    with pytest.raises(ValidationError) as error:
        media.clean_image(upload(name, data, "image/jpeg"))
    assert "foto" in str(error.value)


def test_a_gif_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    with pytest.raises(ValidationError):
        media.clean_image(upload("a.jpg", out.getvalue()))


@pytest.mark.parametrize("side", [100_000, 7_000])
def test_decompression_bombs_are_refused_in_dutch(side):
    """100,000² trips Pillow's own bomb error; 7,000² (49 MP) trips our 40-megapixel limit."""
    with pytest.raises(ValidationError) as error:
        media.clean_image(upload("bom.png", png_header_only(side, side)))
    assert "te veel pixels" in str(error.value)


def test_an_oversized_photo_file_is_refused(monkeypatch):
    monkeypatch.setattr(media, "IMAGE_MAX_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        media.clean_image(upload("a.jpg", jpeg_bytes()))
    assert "groter dan" in str(error.value)


def test_an_mp4_is_accepted_remuxed_without_metadata_and_gets_a_poster():
    import av

    data = film_bytes(metadata={"location": "+52.0907+005.1214/", "title": "Klas 5 van juf Anna"})
    assert "location" in av.open(io.BytesIO(data)).metadata
    clean = media.clean_film(upload("film.mp4", data, "video/mp4"))
    try:
        assert clean.content_type == "video/mp4" and (clean.width, clean.height) == (64, 48)
        with av.open(clean.path) as result:
            assert "location" not in result.metadata and "title" not in result.metadata
            assert result.streams.video[0].codec_context.name == "h264"
        assert Image.open(io.BytesIO(clean.poster)).format == "JPEG"
    finally:
        media._remove(clean.path)


def test_a_webm_is_accepted():
    clean = media.clean_film(upload("film.webm", film_bytes("webm", "libvpx"), "video/webm"))
    media._remove(clean.path)
    assert clean.content_type == "video/webm" and clean.poster


def test_a_zip_named_mp4_is_refused():
    with pytest.raises(ValidationError) as error:
        media.clean_film(upload("film.mp4", zip_bytes(), "video/mp4"))
    assert "mp4" in str(error.value)


def test_a_file_that_only_starts_like_an_mp4_is_refused():
    with pytest.raises(ValidationError):
        media.clean_film(upload("film.mp4", b"\x00\x00\x00\x18ftypisom" + b"\x00" * 5000, "video/mp4"))


def test_an_mp4_with_a_codec_browsers_cannot_play_is_refused():
    with pytest.raises(ValidationError) as error:
        media.clean_film(upload("film.mp4", film_bytes(codec="mpeg4"), "video/mp4"))
    assert "codering" in str(error.value)


def test_a_matroska_film_named_webm_is_refused():
    with pytest.raises(ValidationError):
        media.clean_film(upload("film.webm", film_bytes("matroska", "libx264"), "video/webm"))


def test_an_oversized_film_is_refused_with_the_limit_from_settings(settings):
    data = film_bytes()
    settings.GESPREID_HIGHLIGHTS_MAX_FILM_MB = (len(data) - 1) / (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        media.clean_film(upload("film.mp4", data, "video/mp4"))
    assert "groter dan" in str(error.value)
    settings.GESPREID_HIGHLIGHTS_MAX_FILM_MB = 1
    clean = media.clean_film(upload("film.mp4", data, "video/mp4"))
    media._remove(clean.path)


def test_a_too_long_film_is_refused(monkeypatch):
    monkeypatch.setattr(media, "FILM_MAX_SECONDS", 0.2)
    with pytest.raises(ValidationError) as error:
        media.clean_film(upload("film.mp4", film_bytes(), "video/mp4"))
    assert "seconden" in str(error.value)


def test_a_photo_named_mp4_is_refused_as_film():
    with pytest.raises(ValidationError):
        media.clean_film(upload("film.mp4", jpeg_bytes(), "video/mp4"))


@pytest.mark.parametrize("mode", ["CMYK", "L", "I;16", "P", "LA"])
def test_unusual_pixel_formats_never_crash(mode):
    out = io.BytesIO()
    fmt = "JPEG" if mode in {"CMYK", "L"} else "PNG"
    Image.new(mode, (30, 20)).save(out, fmt)
    clean = media.clean_image(upload("a.img", out.getvalue()))
    assert clean.content_type in {"image/jpeg", "image/webp"}
