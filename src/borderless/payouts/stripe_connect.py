"""Stripe Connect as the payout rail (PAYOUT_PROVIDER=stripe_connect), docs/adr/0605.

Sellers get an Express connected account: Stripe's hosted onboarding collects identity, bank account and tax
form, and Stripe pays the account's bank. The daily payout is a Transfer in USD from the platform's balance
to the connected account; its amount is the seller's released dollars, converted at each order's recorded
rate when its escrow was released. A transfer is made once per payout: the Idempotency-Key and the transfer
group are the payout's id, and a payout sent again (a timeout, a worker killed before the ledger posted it)
finds the transfer Stripe already made. Payouts are refused, with the reason, while the account cannot
receive them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime

import stripe
from django.db import transaction
from django.utils import timezone

from borderless.accounts.models import Seller
from borderless.ledger.amounts import from_minor, to_minor
from borderless.money import Money
from borderless.payouts.models import Payout, PayoutAccount, PayoutStatus
from borderless.payouts.providers import PayoutRefused

NAME = "stripe_connect"


class ConnectUnavailable(Exception):
    """Stripe did not answer (timeout, connection, rate limit, its own error); nothing to conclude."""


class ConnectRefused(Exception):
    """Stripe refused the request (a 4xx other than rate limiting)."""


def _client() -> stripe.StripeClient:
    from borderless.payments.stripe_provider import client

    return client()


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except (stripe.APIConnectionError, stripe.RateLimitError) as exc:
        raise ConnectUnavailable(f"Stripe did not answer ({type(exc).__name__}).") from None
    except stripe.StripeError as exc:
        if (exc.http_status or 0) >= 500 or exc.code in ("idempotency_key_in_use", "lock_timeout"):
            raise ConnectUnavailable(f"Stripe did not answer ({exc.code or exc.http_status}).") from None
        raise ConnectRefused(f"{exc.code or 'refused'}: {exc.user_message or exc}") from None


def _store(seller: Seller, account) -> PayoutAccount:
    requirements = account.requirements.to_dict() if account.requirements else {}
    transfers = (account.capabilities.to_dict() if account.capabilities else {}).get("transfers")
    fields = {
        "provider": NAME,
        "external_id": account.id,
        "details_submitted": bool(account.details_submitted),
        "payouts_enabled": bool(account.payouts_enabled) and transfers == "active",
        "disabled_reason": (requirements.get("disabled_reason") or "")[:200],
        "currently_due": list(requirements.get("currently_due") or []),
        "past_due": list(requirements.get("past_due") or []),
        "checked_at": timezone.now(),
    }
    if not fields["payouts_enabled"] and transfers != "active" and not fields["disabled_reason"]:
        fields["disabled_reason"] = f"transfers capability {transfers or 'not requested'}"
    found, _ = PayoutAccount.objects.update_or_create(seller=seller, defaults=fields)
    return found


def connected_account(seller: Seller) -> PayoutAccount:
    """The seller's Express account, created at Stripe on first use (once: the key is the seller's id)."""
    existing = PayoutAccount.objects.filter(seller=seller, provider=NAME).first()
    if existing is not None:
        return existing
    owner = seller.memberships.select_related("user").order_by("joined_at", "id").first()
    params = {
        "type": "express",
        "country": "US",
        "capabilities": {"transfers": {"requested": True}},
        "business_profile": {"name": seller.display_name[:100]},
        "metadata": {"borderless_seller": str(seller.public_id)},
    }
    if owner is not None:
        params["email"] = owner.user.email
    account = _call(
        _client().v1.accounts.create,
        params=params,
        options={"idempotency_key": f"seller:{seller.public_id}:express-account"},
    )
    with transaction.atomic():
        return _store(seller, account)


def onboarding_url(seller: Seller, return_url: str, refresh_url: str) -> str:
    """A fresh AccountLink to Stripe's hosted onboarding (links are single-use and expire in minutes)."""
    account = connected_account(seller)
    link = _call(
        _client().v1.account_links.create,
        params={
            "account": account.external_id,
            "type": "account_onboarding",
            "return_url": return_url,
            "refresh_url": refresh_url,
        },
    )
    return link.url


def refresh(seller: Seller) -> PayoutAccount | None:
    """Ask Stripe how the seller's account stands and store it; None if the seller has none yet."""
    existing = PayoutAccount.objects.filter(seller=seller, provider=NAME).first()
    if existing is None:
        return None
    account = _call(_client().v1.accounts.retrieve, existing.external_id)
    return _store(seller, account)


def blocked_accounts():
    return PayoutAccount.objects.filter(provider=NAME, payouts_enabled=False).select_related("seller")


class StripeConnectRail:
    """The payout rail: a Transfer per payout, to the seller's connected account, in USD."""

    name = NAME

    def send(self, payout: Payout) -> str:
        if payout.currency != "USD":
            raise PayoutRefused(f"Stripe Connect payouts here are in USD, not {payout.currency}.")
        if PayoutAccount.objects.filter(seller=payout.seller, provider=NAME).first() is None:
            raise PayoutRefused(
                "The seller has not set up payouts with Stripe: onboarding in the seller centre."
            )
        try:
            account = refresh(payout.seller)
        except ConnectRefused as exc:
            raise PayoutRefused(f"Stripe refused to show the connected account: {exc}") from None
        if not account.payouts_enabled:
            raise PayoutRefused(account.blocked_reason)
        client = _client()
        group = f"payout:{payout.public_id}"
        # Made already (a timeout whose answer was lost, a worker killed before the ledger posted it)?
        made = _call(client.v1.transfers.list, params={"transfer_group": group, "limit": 10})
        for transfer in made.data:
            if transfer.destination == account.external_id:
                self._check(transfer, payout)
                return transfer.id
        try:
            transfer = _call(
                client.v1.transfers.create,
                params={
                    "amount": to_minor(Money(payout.amount, "USD")),
                    "currency": "usd",
                    "destination": account.external_id,
                    "transfer_group": group,
                    "description": f"Borderless payout {payout.payout_date.isoformat()}",
                    "metadata": {
                        "borderless_payout": str(payout.public_id),
                        "borderless_seller": str(payout.seller.public_id),
                    },
                },  # fmt: skip
                options={"idempotency_key": f"payout:{payout.public_id}:transfer"},
            )
        except ConnectRefused as exc:
            raise PayoutRefused(f"Stripe refused the transfer: {exc}") from None
        self._check(transfer, payout)
        return transfer.id

    @staticmethod
    def _check(transfer, payout: Payout) -> None:
        if from_minor(transfer.amount, "USD") != Money(payout.amount, "USD") or transfer.currency != "usd":
            raise PayoutRefused(f"Stripe's transfer {transfer.id} has another amount than the payout.")


# --- daily reconciliation of transfers ---


def transfer_rows(day: date) -> list:
    """Stripe's transfers of the UTC day, from its balance transactions (the payments' settlement rows)."""
    from borderless.payments.providers import SettlementRow

    start = datetime.combine(day, dtime.min, tzinfo=UTC)
    params = {
        "created": {"gte": int(start.timestamp()), "lt": int((start + timedelta(days=1)).timestamp())},
        "limit": 100,
        "type": "transfer",
        "expand": ["data.source"],
    }
    client, rows = _client(), []
    while True:
        page = _call(client.v1.balance_transactions.list, params=params)
        for txn in page.data:
            if txn.type != "transfer" or txn.source is None or isinstance(txn.source, str):
                continue
            source = txn.source.to_dict()
            amount = from_minor(
                source["amount"] - source.get("amount_reversed", 0), source["currency"].upper()
            )
            payout = (source.get("metadata") or {}).get("borderless_payout", "")
            rows.append(SettlementRow("transfer", source["id"], payout, amount.amount, amount.currency))
        if not page.has_more or not page.data:
            return rows
        params = {**params, "starting_after": page.data[-1].id}


def ledger_rows(day: date) -> dict:
    """The payouts the ledger posted as paid through Stripe Connect on the UTC day, by transfer id."""
    from borderless.payments.providers import SettlementRow

    start = datetime.combine(day, dtime.min, tzinfo=UTC)
    paid = Payout.objects.filter(
        provider=NAME, status=PayoutStatus.PAID, paid_at__gte=start, paid_at__lt=start + timedelta(days=1)
    )
    return {
        p.reference: SettlementRow("transfer", p.reference, str(p.public_id), p.amount, p.currency)
        for p in paid
    }


def reconcile_transfers(day: date):
    """Stripe's transfers of `day` against the payouts paid that day; every difference in the stored report
    (the payments' reconciliation report, provider "stripe_connect")."""
    from borderless.payments.models import ReconciliationReport
    from borderless.payments.reconciliation import compare

    matched, differences = compare(transfer_rows(day), ledger_rows(day))
    return ReconciliationReport.objects.create(
        provider=NAME, date=day, matched=matched, differences=differences
    )
