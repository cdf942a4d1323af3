"""Supporting documents of a brand: PDF, JPEG or PNG, recognised by their first bytes, of bounded size."""

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

SIGNATURES = {
    b"%PDF-": ("application/pdf", "pdf"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
}


class CheckedDocument:
    def __init__(self, content: bytes, original_name: str, content_type: str, extension: str):
        self.content = content
        self.original_name = original_name
        self.content_type = content_type
        self.extension = extension
        self.sha256 = hashlib.sha256(content).hexdigest()

    def as_file(self) -> ContentFile:
        return ContentFile(self.content, name=f"document.{self.extension}")


def _decodes(content: bytes) -> bool:
    """An image that opens and verifies within Pillow's pixel limit: not truncated, not a bomb."""
    try:
        with Image.open(io.BytesIO(content)) as probe:
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def check_document(upload) -> CheckedDocument:
    """The upload's bytes if it is a PDF, JPEG or PNG within the size limit; ValidationError otherwise."""
    limit = settings.MAX_BRAND_DOCUMENT_BYTES
    name = (getattr(upload, "name", "") or "document")[-200:]
    if getattr(upload, "size", 0) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.") % {"name": name, "mb": limit // 1_048_576}
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.") % {"name": name, "mb": limit // 1_048_576}
        )
    for signature, (content_type, extension) in SIGNATURES.items():
        if content.startswith(signature) and (extension == "pdf" or _decodes(content)):
            return CheckedDocument(content, name, content_type, extension)
    raise ValidationError(_("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name})
