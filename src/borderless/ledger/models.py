"""Ledger state: accounts with cached balances, append-only transactions and entries, holds.

Entries and transactions are never updated or deleted (database triggers refuse it, see migration 0002);
a correction is a new transaction. Account balances are cached in integer minor units and changed only in the
same database transaction as the entries or holds that move them.
"""

import uuid

from django.db import models
from django.db.models import F, Q

from borderless.ledger import chart

SIDES = [(chart.DEBIT, "debit"), (chart.CREDIT, "credit")]


class Account(models.Model):
    code = models.CharField(max_length=200, unique=True)
    name = models.CharField(max_length=200, blank=True)
    currency = models.CharField(max_length=3)
    kind = models.CharField(max_length=10, choices=[(k, k) for k in chart.KINDS])
    normal_balance = models.CharField(max_length=6, choices=SIDES)
    may_go_negative = models.BooleanField(default=False)
    posted_debits = models.BigIntegerField(default=0)
    posted_credits = models.BigIntegerField(default=0)
    pending_debits = models.BigIntegerField(default=0)
    pending_credits = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                name="ledger_account_totals_not_negative",
                condition=Q(posted_debits__gte=0, posted_credits__gte=0, pending_debits__gte=0)
                & Q(pending_credits__gte=0),
            ),
            models.CheckConstraint(
                name="ledger_account_normal_balance_matches_kind",
                condition=Q(kind__in=[chart.ASSET, chart.EXPENSE], normal_balance=chart.DEBIT)
                | Q(kind__in=[chart.LIABILITY, chart.REVENUE, chart.EQUITY], normal_balance=chart.CREDIT),
            ),
            # Backstop of the write-time check: available = posted balance on the normal side minus
            # pending amounts leaving the account.
            models.CheckConstraint(
                name="ledger_account_not_overdrawn",
                condition=Q(may_go_negative=True)
                | Q(
                    normal_balance=chart.CREDIT,
                    posted_credits__gte=F("posted_debits") + F("pending_debits"),
                )
                | Q(
                    normal_balance=chart.DEBIT,
                    posted_debits__gte=F("posted_credits") + F("pending_credits"),
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Transaction(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=40)
    memo = models.CharField(max_length=500, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    # sha256 of what the transaction does (kind and legs): a retry with the same key must match it.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.idempotency_key}"


class Entry(models.Model):
    transaction = models.ForeignKey(Transaction, on_delete=models.PROTECT, related_name="entries")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    side = models.CharField(max_length=6, choices=SIDES)
    amount_minor = models.BigIntegerField()
    currency = models.CharField(max_length=3)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(name="ledger_entry_amount_positive", condition=Q(amount_minor__gt=0)),
            models.CheckConstraint(
                name="ledger_entry_side", condition=Q(side__in=[chart.DEBIT, chart.CREDIT])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.amount_minor} {self.currency} {self.account_id}"


class Hold(models.Model):
    """A pending transfer (escrow): reserved now, later posted (fully or in part), voided, or expired."""

    PENDING, POSTED, VOIDED = "pending", "posted", "voided"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    debit_account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="debit_holds")
    credit_account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="credit_holds")
    currency = models.CharField(max_length=3)
    amount_minor = models.BigIntegerField()
    posted_minor = models.BigIntegerField(null=True, blank=True)
    state = models.CharField(
        max_length=8, choices=[(s, s) for s in (PENDING, POSTED, VOIDED)], default=PENDING
    )
    expires_at = models.DateTimeField(null=True, blank=True)
    memo = models.CharField(max_length=500, blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The post or void; one-to-one, so a hold resolves at most once.
    resolution = models.OneToOneField(
        Transaction, null=True, blank=True, on_delete=models.PROTECT, related_name="resolved_hold"
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["expires_at"], name="ledger_hold_pending_expiry", condition=Q(state="pending")
            )
        ]
        constraints = [
            models.CheckConstraint(name="ledger_hold_amount_positive", condition=Q(amount_minor__gt=0)),
            models.CheckConstraint(
                name="ledger_hold_two_accounts", condition=~Q(debit_account=F("credit_account"))
            ),
            models.CheckConstraint(
                name="ledger_hold_state",
                condition=Q(state="pending", resolution__isnull=True, posted_minor__isnull=True)
                | Q(state="voided", resolution__isnull=False, posted_minor__isnull=True)
                | Q(
                    state="posted",
                    resolution__isnull=False,
                    posted_minor__gt=0,
                    posted_minor__lte=F("amount_minor"),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"hold {self.public_id} ({self.state})"
