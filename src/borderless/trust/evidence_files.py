"""Checks the files filed with notices and counter-notices: images (JPEG, PNG, WebP, GIF) and PDF only,
each at most settings.MAX_EVIDENCE_BYTES, at most MAX_FILES per filing; stored privately with a SHA-256."""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_FILES = 10
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
PDF_TYPE = "application/pdf"


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def content(self) -> ContentFile:
        return ContentFile(self.data, name=self.name)


def _sniff(data: bytes) -> str | None:
    """The file's real type from its bytes, whatever its name or declared type says."""
    if data.startswith(b"%PDF-"):
        return PDF_TYPE
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return IMAGE_TYPES.get(kind)


def check_evidence_files(uploads, field: str = "evidence") -> list[CheckedFile]:
    """Every upload checked before anything is stored; ValidationError naming each bad file."""
    uploads = list(uploads or [])
    if len(uploads) > MAX_FILES:
        raise ValidationError({field: [_("At most %(n)d evidence files.") % {"n": MAX_FILES}]})
    checked, errors = [], []
    limit = settings.MAX_EVIDENCE_BYTES
    for upload in uploads:
        name = (getattr(upload, "name", "") or "evidence").rsplit("/", 1)[-1][:200]
        size = getattr(upload, "size", None)
        if size is not None and size > limit:
            errors.append(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // 1048576})
            continue
        data = upload.read(limit + 1)
        if len(data) > limit:
            errors.append(_("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": limit // 1048576})
            continue
        kind = _sniff(data)
        if kind is None:
            errors.append(_("%(name)s is not an image (JPEG, PNG, WebP, GIF) or a PDF.") % {"name": name})
            continue
        checked.append(CheckedFile(name=name, content_type=kind, data=data))
    if errors:
        raise ValidationError({field: errors})
    return checked
