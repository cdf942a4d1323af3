"""Payout statements: what a seller reads, as CSV and as PDF.

Per order: gross paid by the buyer (CNY), taxes collected for customs, the FX rate and its date, the
platform's commission, the net in USD; per payout: its orders, when each was released, when paid; and the
hours from release to payout (median and 95th percentile over the seller's paid orders).
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from borderless.accounts.models import Seller
from borderless.csv_cells import SafeWriter
from borderless.payouts import rules
from borderless.payouts.models import Payout, PayoutStatus, Release

CSV_HEADER = [
    "payout", "payout_date", "paid_at", "order", "released_at", "gross_paid_cny", "customs_taxes_cny",
    "fx_rate_cny_per_usd", "fx_rate_date", "fx_source", "amount_usd", "commission_rate", "commission_usd",
    "net_usd", "hours_release_to_payout",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class StatementLine:
    release: Release
    payout: Payout
    hours: float | None


@dataclass(slots=True)
class Statement:
    seller: Seller
    since: date | None
    until: date | None
    lines: list[StatementLine] = field(default_factory=list)
    payouts: list[Payout] = field(default_factory=list)

    @property
    def hours(self) -> list[float]:
        return [ln.hours for ln in self.lines if ln.hours is not None]

    @property
    def median_hours(self) -> float | None:
        return round(statistics.median(self.hours), 2) if self.hours else None

    @property
    def p95_hours(self) -> float | None:
        value = rules.percentile(self.hours, 0.95)
        return None if value is None else round(value, 2)

    @property
    def total_paid(self):
        return sum((p.amount for p in self.payouts if p.status == PayoutStatus.PAID), start=0)


def _hours(released_at: datetime, paid_at: datetime | None) -> float | None:
    return None if paid_at is None else round((paid_at - released_at).total_seconds() / 3600, 2)


def build_statement(
    seller: Seller, *, payout: Payout | None = None, since: date | None = None, until: date | None = None
) -> Statement:
    """The seller's paid and pending payouts (one payout, or those dated within since..until)."""
    payouts = Payout.objects.filter(seller=seller).exclude(status=PayoutStatus.FAILED)
    if payout is not None:
        payouts = payouts.filter(pk=payout.pk)
    if since is not None:
        payouts = payouts.filter(payout_date__gte=since)
    if until is not None:
        payouts = payouts.filter(payout_date__lte=until)
    payouts = list(payouts.order_by("payout_date", "id").prefetch_related("releases__order"))
    statement = Statement(seller, since, until, payouts=payouts)
    for p in payouts:
        for release in sorted(p.releases.all(), key=lambda r: (r.released_at, r.pk)):
            statement.lines.append(StatementLine(release, p, _hours(release.released_at, p.paid_at)))
    return statement


def _iso(moment: datetime | None) -> str:
    return "" if moment is None else moment.isoformat(timespec="seconds")


def _row(line: StatementLine) -> list[str]:
    r, p = line.release, line.payout
    return [
        str(p.public_id), p.payout_date.isoformat(), _iso(p.paid_at), str(r.order.public_id),
        _iso(r.released_at), str(r.gross), str(r.taxes), str(r.fx_rate.normalize()), r.fx_date.isoformat(),
        r.fx_source, str(r.amount), str(r.commission_rate.normalize()), str(r.commission), str(r.net),
        "" if line.hours is None else f"{line.hours:.2f}",
    ]  # fmt: skip


def statement_csv(statement: Statement) -> str:
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in statement.lines:
        writer.writerow(_row(line))
    writer.writerow([])
    writer.writerow(["median_hours_release_to_payout", _fmt(statement.median_hours)])
    writer.writerow(["p95_hours_release_to_payout", _fmt(statement.p95_hours)])
    return out.getvalue()


def _fmt(hours: float | None) -> str:
    return "" if hours is None else f"{hours:.2f}"


def statement_pdf(statement: Statement) -> bytes:
    """An A4 landscape PDF with the core fonts (statements are in English; no font file to ship)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, f"Payout statement - {statement.seller.display_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    period = f"{statement.since or 'start'} to {statement.until or 'today'}"
    pdf.cell(0, 5, f"Seller {statement.seller.public_id}   Period {period}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(
        0, 5,
        f"Hours from release to payout: median {_fmt(statement.median_hours) or '-'}, "
        f"95th percentile {_fmt(statement.p95_hours) or '-'} (target: within 24)",
        new_x="LMARGIN", new_y="NEXT",
    )  # fmt: skip
    pdf.ln(2)
    widths = (54, 28, 22, 22, 24, 20, 22, 20, 20, 20, 16)
    header = ("Order", "Released", "Gross CNY", "Taxes CNY", "FX CNY/USD", "FX date", "Amount USD",
              "Commission", "Comm. USD", "Net USD", "Hours")  # fmt: skip
    for p in statement.payouts:
        pdf.set_font("Helvetica", "B", 10)
        paid = _iso(p.paid_at) or p.status
        pdf.cell(
            0, 7, f"Payout {p.public_id}  dated {p.payout_date}  paid {paid}  {p.amount} {p.currency}"
            f"  ref {p.reference or '-'}", new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        pdf.set_font("Helvetica", "B", 8)
        for w, title in zip(widths, header, strict=True):
            pdf.cell(w, 5, title, border=1)
        pdf.ln()
        pdf.set_font("Helvetica", "", 8)
        for line in (ln for ln in statement.lines if ln.payout.pk == p.pk):
            r = line.release
            cells = (str(r.order.public_id), r.released_at.strftime("%Y-%m-%d %H:%M"), str(r.gross),
                     str(r.taxes), str(r.fx_rate.normalize()), r.fx_date.isoformat(), str(r.amount),
                     f"{(r.commission_rate * 100).normalize()} %", str(r.commission), str(r.net),
                     _fmt(line.hours) or "-")  # fmt: skip
            for w, text in zip(widths, cells, strict=True):
                pdf.cell(w, 5, text, border=1)
            pdf.ln()
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 7, f"Total paid: {statement.total_paid} USD", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
