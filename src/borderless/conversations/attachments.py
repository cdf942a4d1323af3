"""Files sent in a conversation: images (JPEG, PNG) or PDF, recognised by their content, at most 5 MB each,
with the checks of the brand documents (a renamed executable or a truncated image is refused)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from borderless.trust.documents import CheckedDocument, check_document

MAX_ATTACHMENTS = 3


def check_attachment(upload) -> CheckedDocument:
    limit = settings.MAX_MESSAGE_ATTACHMENT_BYTES
    name = (getattr(upload, "name", "") or "file")[-200:]
    if getattr(upload, "size", 0) > limit:
        raise ValidationError(
            _("“%(name)s” is larger than %(mb)d MB.") % {"name": name, "mb": limit // 1_048_576}
        )
    return check_document(upload)
