"""What an activity photo must be: a real, still JPEG, PNG, WebP or GIF image, not too heavy, not too big.

One check, :func:`validate_photo`, for every way in: :func:`shuxiang.activities.services.add_photo`
calls it before anything is written, and the web form and the Django admin call it to show the
message beside the field. The limits are defined here once; an operator may change them with the
Django settings ``PHOTO_MAX_BYTES`` and ``PHOTO_MAX_PIXELS``. The pages that take photos wear
:data:`limit_photo_uploads`, so a file past ``PHOTO_MAX_BYTES`` is dropped while it streams in
(:mod:`shuxiang.activities.uploads`) and reaches this check with its size only.

Pillow reads only the header to learn the size, so a "decompression bomb" (a small file that
claims, say, 50,000 x 50,000 pixels and would take gigabytes to decode) is refused before any
pixel is decoded; :meth:`PIL.Image.Image.verify` then checks the file is not damaged.
"""

from __future__ import annotations

import math
import warnings
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import translation
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from shuxiang.activities.uploads import limit_uploads
from shuxiang.render.phrases import en_number, zh_number

PHOTO_MAX_BYTES = 10 * 1024 * 1024  # 10 MB: a phone photo is 2-6 MB
PHOTO_MAX_PIXELS = 40_000_000  # 40 megapixels: above any phone camera, below Pillow's bomb warning (89M)

# Pillow's format name -> the extension the file is stored under (whatever it was uploaded as).
# A still GIF is a picture like any other (a scanned poster, an exported chart) and Word, PDF and
# browsers all show it. An animated image (GIF, WebP or APNG) is refused: a printed or Word/PDF
# summary report shows one frame of it, whichever the file happens to start with, and its
# frames multiply the pixels to decode past the limit below. Staff pick the frame they mean.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp,image/gif"  # the file input's ``accept``
PHOTO_FORMAT_NAMES = "JPEG/PNG/WebP/GIF"

_MB = 1024 * 1024


def photo_limits() -> tuple[int, int]:
    """(bytes, pixels) a photo may have at most: the settings if given, else the defaults above."""
    return (
        getattr(settings, "PHOTO_MAX_BYTES", PHOTO_MAX_BYTES),
        getattr(settings, "PHOTO_MAX_PIXELS", PHOTO_MAX_PIXELS),
    )


# The decorator of the views that take photos: a file is refused as it streams past the limit.
limit_photo_uploads = limit_uploads(lambda: photo_limits()[0])


def megabytes(size: int, *, round_up: bool = False) -> str:
    """10485760 -> "10"; with ``round_up``, to the tenth above (a file just over 10 MB is "10.1")."""
    if round_up:
        return f"{math.ceil(size * 10 / _MB) / 10:g}"
    return f"{size / _MB:.3g}"


def _pixels(count: int) -> str:
    """40000000 -> "4000万" in Chinese, "40,000,000" in English."""
    if (translation.get_language() or "").startswith("zh"):
        return zh_number(count)
    return en_number(count)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": [message]})


def validate_photo(image: File) -> str:
    """Check an uploaded photo without writing anything; return the extension to store it under.

    Raises ValidationError keyed ``image`` naming the limit the file broke. Leaves the file at
    its start, ready to be saved.
    """
    max_bytes, max_pixels = photo_limits()
    size = image.size or 0
    if size > max_bytes:
        raise _refuse(
            _("A photo cannot be larger than %(limit)s MB (this file is %(size)s MB).")
            % {"limit": megabytes(max_bytes), "size": megabytes(size, round_up=True)}
        )
    unreadable = _refuse(
        _("This file cannot be read as a photo. Upload a %(formats)s image.")
        % {"formats": PHOTO_FORMAT_NAMES}
    )
    too_big = _refuse(
        _("A photo cannot have more than %(limit)s pixels. Make it smaller and upload it again.")
        % {"limit": _pixels(max_pixels)}
    )
    if size == 0:
        raise unreadable
    try:
        image.seek(0)
        with warnings.catch_warnings():
            # Pillow only warns between its own limit and twice that; refuse there too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(image) as picture:
                width, height = picture.size
                if width * height > max_pixels:
                    raise too_big
                if picture.format not in PHOTO_FORMATS:
                    raise _refuse(_("A photo must be a %(formats)s image.") % {"formats": PHOTO_FORMAT_NAMES})
                extension = PHOTO_FORMATS[picture.format]
                # PNG and WebP say so in their header; for a GIF, Pillow skips to a second frame undecoded.
                if getattr(picture, "is_animated", False):
                    raise _refuse(
                        _(
                            "An animated image cannot be an activity photo: a report shows only one "
                            "of its frames. Upload a still photo (%(formats)s)."
                        )
                        % {"formats": PHOTO_FORMAT_NAMES}
                    )
                picture.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_big from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        # verify() reports damage as OSError or SyntaxError; a truncated header as EOFError.
        raise unreadable from exc
    finally:
        image.seek(0)
    return extension


def photo_name(uploaded_name: str | None, extension: str) -> str:
    """The stored name: the uploaded stem with the extension of what the file really is.

    A JPEG uploaded as ``page.html`` is stored as ``page.jpg``, so it is served as an image.
    """
    stem = PurePath(uploaded_name or "").stem[:80] or "photo"
    return f"{stem}.{extension}"
