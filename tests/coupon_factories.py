"""Coupons for tests: valid now unless told otherwise, platform-funded unless a seller is given."""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone

from borderless.promotions.models import Coupon

_codes = count(1)


def make_coupon(seller=None, *, kind="amount", amount="20.00", percent=None, min_spend="0", total_limit=100,
                per_buyer_limit=1, starts=timedelta(days=-1), lasts=timedelta(days=7),
                **fields) -> Coupon:  # fmt: skip
    now = timezone.now()
    return Coupon.objects.create(
        code=fields.pop("code", f"SAVE{next(_codes)}"),
        funded_by="seller" if seller else "platform",
        seller=seller,
        kind=kind,
        amount=None if amount is None else Decimal(amount),
        percent=None if percent is None else Decimal(percent),
        min_spend=Decimal(min_spend),
        valid_from=now + starts,
        valid_until=now + starts + lasts,
        total_limit=total_limit,
        per_buyer_limit=per_buyer_limit,
        **fields,
    )
