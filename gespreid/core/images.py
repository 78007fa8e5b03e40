"""Photos without metadata: the one step every upload of a photo goes through before it is stored.

A phone photo carries EXIF (camera, time, often the GPS position of the school or someone's home),
XMP, ICC and comments. ``without_metadata`` re-encodes the pixels into a fresh image, which carries
none of it (highlights re-encode every photo this way in ``highlights.media``; group files use this).
"""

import io
import warnings

from PIL import Image, ImageOps

MAX_PIXELS = 40_000_000


class NotAnImage(ValueError):
    pass


def photo_size(data) -> tuple[int, int]:
    """Width and height from the header only (nothing decoded); refuses what is not a photo or too many pixels."""
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source)
    except Exception as exc:
        raise NotAnImage(str(exc)) from exc
    if image.width * image.height > MAX_PIXELS:
        raise NotAnImage("too many pixels")
    return image.width, image.height


def without_metadata(data, fmt: str) -> bytes:
    """Read a JPEG or PNG (bytes or a file) and return the same picture, upright, in ``fmt``, with no metadata."""
    source = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source)
            if image.width * image.height > MAX_PIXELS:
                raise NotAnImage("too many pixels")
            image.load()
        try:
            image = ImageOps.exif_transpose(image)
        except Exception:  # a broken orientation tag: keep the picture as it is
            pass
        has_alpha = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
        image = image.convert("RGBA" if has_alpha and fmt == "PNG" else "RGB")
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
        out = io.BytesIO()
        clean.save(out, fmt, **({"quality": 90, "optimize": True} if fmt == "JPEG" else {"optimize": True}))
        return out.getvalue()
    except NotAnImage:
        raise
    except Exception as exc:  # Pillow raises many kinds of errors on hostile input
        raise NotAnImage(str(exc)) from exc
