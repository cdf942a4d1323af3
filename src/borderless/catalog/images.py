"""Checks and normalises uploaded product images: real images only, bounded size, metadata stripped."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600


def normalise_image(upload) -> ContentFile:
    """Return the image re-encoded as JPEG (at most 1600 px a side), or raise ValidationError."""
    size = getattr(upload, "size", None)
    if size is not None and size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            "The image is %(size)d bytes; the limit is %(limit)d.",
            code="image_too_large",
            params={"size": size, "limit": settings.MAX_IMAGE_BYTES},
        )
    data = upload.read()
    if len(data) > settings.MAX_IMAGE_BYTES:
        raise ValidationError("The image is larger than 5 MB.", code="image_too_large")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.", code="image_format")
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError("The image has too many pixels.", code="image_too_large")
        image = image.convert("RGB")
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError("This file is not an image we can read.", code="image_invalid") from exc
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)
    return ContentFile(out.getvalue(), name="image.jpg")
