"""Settlement and reconciliation: the provider's daily file against the ledger's payment clearing account.

Every captured payment and every refund paid back moves payment_clearing:<currency>; the provider's
settlement file lists the same movements by its reference. `reconcile(day)` imports the file (once per
provider and day) and reports every reference found on one side only, or with another amount.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from borderless.ledger import chart
from borderless.ledger.amounts import from_minor
from borderless.ledger.models import Entry, Transaction
from borderless.payments import accounting
from borderless.payments.models import ReconciliationReport, SettlementFile, SettlementLine
from borderless.payments.providers import SettlementRow, get_provider

LEDGER_KINDS = {accounting.CAPTURE: "payment", accounting.REFUND_PAID: "refund"}


def import_settlement(day: date, provider_name: str | None = None) -> SettlementFile:
    """Fetch the provider's file for `day` and store its lines; the stored file is kept if already there."""
    provider = get_provider(provider_name)
    existing = SettlementFile.objects.filter(provider=provider.name, date=day).first()
    if existing is not None:
        return existing
    rows = provider.settlement_file(day)
    digest = hashlib.sha256(
        json.dumps([[r.kind, r.reference, r.payment, str(r.amount), r.currency] for r in rows]).encode()
    ).hexdigest()
    with transaction.atomic():
        file = SettlementFile.objects.create(provider=provider.name, date=day, sha256=digest)
        SettlementLine.objects.bulk_create(
            SettlementLine(
                file=file, kind=r.kind, reference=r.reference, payment_public_id=r.payment, amount=r.amount,
                currency=r.currency,
            )
            for r in rows
        )  # fmt: skip
    return file


def ledger_movements(day: date, provider_name: str) -> dict[str, SettlementRow]:
    """What the ledger moved through payment clearing on `day` (UTC), by provider reference."""
    start = datetime.combine(day, time.min, tzinfo=UTC)
    txns = Transaction.objects.filter(
        kind__in=LEDGER_KINDS, created_at__gte=start, created_at__lt=start + timedelta(days=1)
    )
    movements: dict[str, SettlementRow] = {}
    for txn in txns:
        meta = txn.metadata or {}
        if meta.get("provider") != provider_name:
            continue
        totals = (
            Entry.objects.filter(transaction=txn, account__code__startswith=f"{chart.payment_clearing('')}")
            .values("currency")
            .annotate(total=Sum("amount_minor"))
        )
        for row in totals:
            amount = from_minor(row["total"], row["currency"]).amount
            reference = meta.get("provider_reference") or f"(no reference: ledger {txn.idempotency_key})"
            movements[reference] = SettlementRow(
                LEDGER_KINDS[txn.kind], reference, meta.get("payment", ""), amount, row["currency"]
            )
    return movements


def compare(settled: list[SettlementRow], ledger: dict[str, SettlementRow]) -> tuple[int, list[dict]]:
    """(matched, differences): every reference on one side only, or with another amount or kind."""
    differences, matched, seen = [], 0, set()
    for row in settled:
        seen.add(row.reference)
        booked = ledger.get(row.reference)
        if booked is None:
            differences.append(_diff("missing_in_ledger", row, None))
        elif (booked.amount, booked.currency, booked.kind) != (Decimal(row.amount), row.currency, row.kind):
            differences.append(_diff("amount_differs", row, booked))
        else:
            matched += 1
    for reference, booked in ledger.items():
        if reference not in seen:
            differences.append(_diff("missing_in_settlement", None, booked))
    return matched, differences


def _diff(problem: str, settled: SettlementRow | None, booked: SettlementRow | None) -> dict:
    either = settled or booked
    return {
        "problem": problem,
        "kind": either.kind,
        "reference": either.reference,
        "payment": either.payment,
        "settlement": f"{settled.amount} {settled.currency}" if settled else None,
        "ledger": f"{booked.amount} {booked.currency}" if booked else None,
    }


def reconcile(day: date, provider_name: str | None = None) -> ReconciliationReport:
    """Compare the provider's settlement of `day` with the ledger; store and return the report."""
    file = import_settlement(day, provider_name)
    settled = [
        SettlementRow(line.kind, line.reference, line.payment_public_id, line.amount, line.currency)
        for line in file.lines.all()
    ]
    matched, differences = compare(settled, ledger_movements(day, file.provider))
    return ReconciliationReport.objects.create(
        provider=file.provider, date=day, matched=matched, differences=differences
    )
