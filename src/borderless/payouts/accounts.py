"""The seller's account at the payout rail, for rails that onboard sellers themselves (Stripe Connect).

Provider-neutral for the web pages: whether the configured rail has onboarding, the link to it, the
account's standing (refreshed from the rail), and the accounts that cannot receive payouts now.
"""

from __future__ import annotations

from django.conf import settings

from borderless.accounts.models import Seller
from borderless.payouts.models import Payout, PayoutAccount, PayoutStatus


class AccountUnavailable(Exception):
    """The rail did not answer or refused; the message says what to do."""


def _rail():
    if settings.PAYOUT_PROVIDER == "stripe_connect":
        from borderless.payouts import stripe_connect

        return stripe_connect
    return None


def onboarding_enabled() -> bool:
    return _rail() is not None


def onboarding_url(seller: Seller, return_url: str, refresh_url: str) -> str:
    rail = _rail()
    if rail is None:
        raise AccountUnavailable("The payout rail does not onboard sellers.")
    try:
        return rail.onboarding_url(seller, return_url, refresh_url)
    except (rail.ConnectUnavailable, rail.ConnectRefused) as exc:
        raise AccountUnavailable(
            f"Stripe could not start onboarding now ({exc}). Try again in a minute."
        ) from None


def account_of(seller: Seller, *, refresh: bool = True) -> tuple[PayoutAccount | None, str]:
    """The seller's payout account (refreshed from the rail when asked) and a warning if that failed."""
    rail = _rail()
    found = PayoutAccount.objects.filter(seller=seller).first()
    if rail is None or found is None or not refresh:
        return found, ""
    try:
        return rail.refresh(seller), ""
    except (rail.ConnectUnavailable, rail.ConnectRefused) as exc:
        return (
            found,
            f"Stripe did not answer ({exc}); this is what it said at {found.checked_at:%Y-%m-%d %H:%M} UTC.",
        )


def blocked_accounts():
    """Payout accounts that cannot receive payouts now, with the sellers' last refused payout."""
    accounts = list(PayoutAccount.objects.filter(payouts_enabled=False).select_related("seller"))
    failures = {}
    for payout in Payout.objects.filter(
        status=PayoutStatus.FAILED, seller__in=[a.seller_id for a in accounts]
    ).order_by("seller_id", "-created_at"):
        failures.setdefault(payout.seller_id, payout)
    return [(a, failures.get(a.seller_id)) for a in accounts]


def refused_payouts(seller: Seller, limit: int = 5):
    return Payout.objects.filter(seller=seller, status=PayoutStatus.FAILED).order_by("-created_at")[:limit]
