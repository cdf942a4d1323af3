from django.core.exceptions import ValidationError


class CouponRefused(ValidationError):
    """A coupon that cannot be used on this cart now (period, limits, threshold, seller); nothing written."""
