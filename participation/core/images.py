"""Citizens' photos: any common format in, a re-encoded JPEG without metadata out.

Re-encoding (rather than deleting EXIF tags) drops every block a camera may have written: GPS
position, camera serial number, owner name, XMP and embedded thumbnails of the uncropped image.
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

register_heif_opener()  # HEIC/HEIF from phones

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_EDGE_PIXELS = 2048
MAX_SOURCE_PIXELS = 60_000_000  # decompression bombs are refused before decoding
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF"}


def image_sanitize(upload, *, field: str = "photos") -> ContentFile:
    """The upload as a JPEG of at most MAX_EDGE_PIXELS per side, without any metadata.

    Raises ValidationError naming ``field`` for files too large, not images, or of a format
    other than JPEG, PNG, WebP or HEIC.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                field: _("A photo may be at most 10 MB; this one has %(size).1f MB.")
                % {"size": size / 1024 / 1024}
            }
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            if probe.format not in ACCEPTED_FORMATS:
                raise ValidationError({field: _("Please send a JPEG, PNG, WebP or HEIC photo.")})
            if probe.width * probe.height > MAX_SOURCE_PIXELS:
                raise ValidationError({field: _("The photo has too many pixels.")})
            probe.load()
            image = ImageOps.exif_transpose(probe)  # keep the orientation the camera meant
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ValidationError({field: _("The file is not an image we can read.")}) from None
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        converted = image.convert("RGBA")
        background.paste(converted, mask=converted.getchannel("A"))
        image = background
    image.thumbnail((MAX_EDGE_PIXELS, MAX_EDGE_PIXELS))
    out = io.BytesIO()
    # A fresh image carries no info dict: nothing of the original's EXIF, XMP or ICC is written.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg")
