from django.core.exceptions import ValidationError


class ReviewRefused(ValidationError):
    """A review, answer or decision that is not allowed or not well formed; nothing was written."""
