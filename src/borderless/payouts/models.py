"""Releases of escrow (one per order) and payouts to sellers (at most one per seller per day).

The ledger holds the money; these rows hold what a seller's statement needs: which orders, at which rate,
what was taken and when the money moved.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone

from borderless.accounts.models import Seller
from borderless.orders.models import Order


def _amount(**kwargs) -> models.DecimalField:
    return models.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class PayoutStatus(models.TextChoices):
    PENDING = "pending", "Pending"  # the hold is on the seller's balance; the rail has not confirmed yet
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"  # the rail refused: the hold was voided, the orders go in the next payout


class Payout(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="payouts")
    payout_date = models.DateField()  # the UTC day of the run: one payout per seller per day
    amount = _amount()
    currency = models.CharField(max_length=3, default="USD")
    status = models.CharField(max_length=10, choices=PayoutStatus.choices, default=PayoutStatus.PENDING)
    provider = models.CharField(max_length=40)
    reference = models.CharField(max_length=120, blank=True)
    failure = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-payout_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["seller", "payout_date"],
                condition=~Q(status=PayoutStatus.FAILED),
                name="payout_one_per_seller_per_day",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=PayoutStatus.values), name="payout_status_valid"),
            models.CheckConstraint(
                condition=Q(status=PayoutStatus.PAID, paid_at__isnull=False)
                | (~Q(status=PayoutStatus.PAID) & Q(paid_at__isnull=True)),
                name="payout_paid_at_when_paid",
            ),
        ]

    def __str__(self) -> str:
        return f"payout {self.public_id} {self.amount} {self.currency} ({self.status})"


class ReleaseTrigger(models.TextChoices):
    BUYER_CONFIRMED = "buyer_confirmed", "Receipt confirmed by the buyer"
    AUTO_CONFIRMED = "auto_confirmed", "Confirmed automatically after the window"
    OPERATOR = "operator", "Released by an operator"


class Release(models.Model):
    """One order's escrow released: the split, the rate used, and the payout that paid it (once paid)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.OneToOneField(Order, on_delete=models.PROTECT, related_name="release")
    seller = models.ForeignKey(Seller, on_delete=models.PROTECT, related_name="releases")
    trigger = models.CharField(max_length=20, choices=ReleaseTrigger.choices)
    released_at = models.DateTimeField()
    # CNY side: what left escrow, the customs taxes, the part sold for dollars and the FX margin.
    gross = _amount()
    taxes = _amount()
    converted = _amount()
    fx_margin = _amount()
    buyer_currency = models.CharField(max_length=3, default="CNY")
    # The rate recorded on the order at checkout (CNY per USD), its reference rate, date and source.
    fx_rate = models.DecimalField(max_digits=20, decimal_places=10)
    fx_reference_rate = models.DecimalField(max_digits=20, decimal_places=10)
    fx_date = models.DateField()
    fx_source = models.CharField(max_length=40)
    # USD side: the dollars bought, the platform's commission and the seller's net.
    amount = _amount()
    commission_rate = models.DecimalField(max_digits=7, decimal_places=6)
    commission = _amount()
    net = _amount()
    seller_currency = models.CharField(max_length=3, default="USD")
    payout = models.ForeignKey(
        Payout, null=True, blank=True, on_delete=models.SET_NULL, related_name="releases"
    )

    # The parts summing to the whole is checked in Python (rules.split_release): SQLite adds decimals in
    # binary floating point, so a CHECK on sums could refuse exact figures there.
    class Meta:
        ordering = ["released_at", "id"]
        indexes = [models.Index(fields=["seller", "payout"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(gross__gte=0, taxes__gte=0, converted__gte=0, fx_margin__gte=0)
                & Q(amount__gte=0, commission__gte=0, net__gte=0),
                name="release_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"release of order {self.order_id}: {self.net} {self.seller_currency}"


class Return(models.Model):
    """A buyer's return of all or part of an order within 30 days of delivery (CN-C6): the refund that pays
    the buyer back and, if the escrow was released already, what each party gives back of the release.

    Before the release the money is still in escrow: only `gross`, `taxes` (the import taxes that will not
    go to customs) and the quota are recorded, the other parts stay zero and `release` is empty.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="returns")
    refund = models.OneToOneField("payments.Refund", on_delete=models.PROTECT, related_name="order_return")
    release = models.ForeignKey(
        Release, null=True, blank=True, on_delete=models.PROTECT, related_name="returns"
    )
    requested_at = models.DateTimeField()
    reason = models.CharField(max_length=500)
    # CNY: what the buyer gets back, of which import taxes; for a released order also the part bought back
    # from dollars and the FX margin given back.
    gross = _amount()
    taxes = _amount()
    converted = _amount(default=0)
    fx_margin = _amount(default=0)
    # USD (released orders only): the dollars reversed, the commission given back by the platform, and the
    # seller's net taken back: from the payable, and beyond it from the seller's receivable.
    amount = _amount(default=0)
    commission = _amount(default=0)
    net = _amount(default=0)
    from_receivable = _amount(default=0)
    quota_restored = _amount(default=0)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(gross__gt=0, taxes__gte=0, converted__gte=0, fx_margin__gte=0)
                & Q(amount__gte=0, commission__gte=0, net__gte=0, from_receivable__gte=0)
                & Q(quota_restored__gte=0),
                name="return_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"return of {self.gross} CNY of order {self.order_id}"


class PayoutAccount(models.Model):
    """The seller's account at a payout provider that onboards sellers itself (identity, bank account, tax
    form), e.g. a connected account: its id there and what the provider last said about it."""

    seller = models.OneToOneField(Seller, on_delete=models.PROTECT, related_name="payout_account")
    provider = models.CharField(max_length=40)
    external_id = models.CharField(max_length=100, unique=True)
    details_submitted = models.BooleanField(default=False)
    payouts_enabled = models.BooleanField(default=False)
    disabled_reason = models.CharField(max_length=200, blank=True)
    currently_due = models.JSONField(default=list)  # what the seller must still provide
    past_due = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["seller_id"]

    def __str__(self) -> str:
        return f"{self.provider} {self.external_id} ({'enabled' if self.payouts_enabled else 'blocked'})"

    @property
    def blocked_reason(self) -> str:
        """Why payouts cannot go to this account now, in words; empty when they can."""
        if self.payouts_enabled:
            return ""
        if not self.details_submitted:
            return "Onboarding is not finished: complete it from the seller centre."
        missing = ", ".join(self.past_due or self.currently_due) or "nothing listed"
        reason = self.disabled_reason or "payouts disabled"
        return f"The payout provider has stopped payouts to this account ({reason}); still needed: {missing}."
