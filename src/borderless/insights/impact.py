"""The Export Impact Report: the figures of a period and of the period before it, named and defined.

`build(period)` reads the facts (database or Parquet) and returns an `ImpactReport`: plain rows that the
HTML, PDF and CSV renderers all draw from, so the three show the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from borderless.insights import brand_protection, labels
from borderless.insights.facts import Facts, load_facts
from borderless.insights.figures import PeriodFigures, compute, connect, growth
from borderless.insights.period import Period

NOT_AVAILABLE = None  # a figure whose data the platform does not record yet


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    value: Decimal | int | float | None  # None: not yet available
    unit: str = ""  # "USD", "CNY", "hours", "days", "%" or ""

    @property
    def text(self) -> str:
        return display(self.value, self.unit)

    @property
    def data(self) -> str:
        return canonical(self.value, self.unit)


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headers: list[str]
    rows: list[tuple[str, str, list]]  # (key, label, values)
    measures: list[str]  # one machine name per value column
    units: list[str]


@dataclass
class ImpactReport:
    period: Period
    previous: Period
    lang: str
    generated_at: datetime
    headline: list[Figure]
    growth: Table
    tables: list[Table]
    methods: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)
    current: PeriodFigures | None = None


def canonical(value, unit: str = "") -> str:
    """The figure as data: no grouping, fixed decimals (money 2, hours/days/percent 1)."""
    if value is None:
        return "not yet available"
    if unit in ("USD", "CNY"):
        return f"{Decimal(value):.2f}"
    if unit in ("hours", "days", "%"):
        return f"{float(value):.1f}"
    return str(value)


def display(value, unit: str = "") -> str:
    """The figure as shown: thousands grouped, the unit after it."""
    if value is None:
        return _("not yet available")
    text = canonical(value, unit)
    whole, _sep, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    text = sign + whole + (f".{decimals}" if decimals else "")
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit in ("USD", "CNY") else text


def build(period: Period, lang: str = "en", facts: Facts | None = None) -> ImpactReport:
    if facts is None:
        facts = load_facts(until=period.ends_before)
    con = connect(facts)
    current = compute(con, period)
    before = compute(con, period.previous(), breakdowns=())
    with translation.override(lang):
        report = ImpactReport(
            period=period,
            previous=period.previous(),
            lang=lang,
            generated_at=datetime.now(UTC).replace(microsecond=0),
            headline=_headline(current, period),
            growth=_growth(current, before),
            tables=[_breakdown(current, name, lang) for name in TABLES],
            methods=methods(),
            current=current,
        )
    return report


def _headline(f: PeriodFigures, period: Period) -> list[Figure]:
    protection = brand_protection.figures(period)
    return [
        Figure("export_value_usd", _("Export value (US dollars)"), f.export_value_usd, "USD"),
        Figure("export_value_cny", _("Export value (yuan, as buyers paid)"), f.export_value_cny, "CNY"),
        Figure("orders", _("Orders exported"), f.orders),
        Figure("sellers", _("Businesses exporting"), f.sellers),
        Figure("small_businesses", _("Small businesses exporting (under 500 employees)"),
               f.small_businesses),
        Figure("first_time_exporters", _("First-time exporters"), f.first_time_exporters),
        Figure("farms", _("Farms and ranches exporting"), f.farms),
        Figure("farm_value_usd", _("Export value of farms and ranches (US dollars)"),
               f.farm_value_usd, "USD"),
        Figure("buyers", _("Buyers reached"), f.buyers),
        Figure("provinces", _("Chinese provinces reached"), f.provinces),
        Figure("refunds_cny", _("Refunds (yuan)"), f.refunds_cny, "CNY"),
        Figure("payout_hours_median", _("Time to get paid, median (hours from delivery)"),
               f.payout_hours_median, "hours"),
        Figure("payout_hours_p95", _("Time to get paid, 95th percentile (hours from delivery)"),
               f.payout_hours_p95, "hours"),
        Figure("delivery_days_median", _("Delivery time, median (days from payment)"),
               f.delivery_days_median, "days"),
        Figure("listings_stopped", _("Counterfeit listings stopped by screening"),
               protection["listings_stopped"]),
        Figure("takedowns", _("Takedowns on brand owners' notices"), protection["takedowns"]),
        Figure("counterfeits_stopped", _("Counterfeits stopped"), protection["counterfeits_stopped"]),
    ]  # fmt: skip


def _growth(now: PeriodFigures, before: PeriodFigures) -> Table:
    measures = [
        ("export_value_usd", _("Export value (US dollars)"), "USD"),
        ("orders", _("Orders exported"), ""),
        ("sellers", _("Businesses exporting"), ""),
        ("buyers", _("Buyers reached"), ""),
    ]
    rows = []
    for key, label, unit in measures:
        a, b = getattr(now, key), getattr(before, key)
        rows.append((key, label, [Figure(key, label, a, unit), Figure(key, label, b, unit),
                                  Figure(key, label, growth(a, b), "%")]))  # fmt: skip
    return Table(
        "growth",
        _("Growth against the previous period (%(start)s – %(end)s)")
        % {"start": before.period.start.isoformat(), "end": before.period.end.isoformat()},
        [_("Figure"), _("This period"), _("Previous period"), _("Change")],
        rows,
        ["this_period", "previous_period", "change_percent"],
        ["", "", "%"],
    )


TABLES = ("state", "category", "business_type", "employee_band", "destination", "province")


def _titles() -> dict[str, str]:
    return {
        "state": _("Export value by US state"),
        "category": _("Export value by category"),
        "business_type": _("Export value by type of business"),
        "employee_band": _("Export value by number of employees"),
        "destination": _("Export value by destination country"),
        "province": _("Export value by Chinese province"),
    }


def _breakdown(f: PeriodFigures, name: str, lang: str) -> Table:
    name_of = labels.FOR_DIMENSION[name]
    rows = []
    for key, cny, usd, orders, sellers in f.breakdowns[name].rows:
        values = [Figure("sellers", "", sellers), Figure("orders", "", orders), Figure("usd", "", usd, "USD"),
                  Figure("cny", "", cny, "CNY")]  # fmt: skip
        rows.append((key, name_of(key, lang), values))
    return Table(
        name,
        _titles()[name],
        ["", _("Businesses"), _("Orders"), _("US dollars"), _("Yuan")],
        rows,
        ["sellers", "orders", "export_value_usd", "export_value_cny"],
        ["", "", "USD", "CNY"],
    )


def methods() -> list[tuple[str, str]]:
    """Every figure of the report, defined. Shown on the report's methods page."""
    return [
        (_("Period"), _("Whole days in UTC, from the first day's start to the last day's end. The previous "
                        "period is the one of equal length just before it.")),
        (_("Export value (yuan, as buyers paid)"), _(
            "What buyers paid, in yuan, for orders paid in the period (goods, freight and the import taxes "
            "they paid with them), less refunds made in the period, whatever the date of their order. This "
            "is the money captured into escrow less the money taken back out of it for refunds, as the "
            "ledger records them; refunds the payment provider refused are not counted.")),
        (_("Export value (US dollars)"), _(
            "The same money converted order by order at the exchange rate recorded on the order at "
            "checkout (never the rate of the day the report is run), to the cent.")),
        (_("Orders exported"), _("Orders whose payment was captured in the period (one order per seller per "
                                 "checkout: one customs transaction).")),
        (_("Businesses exporting"), _("Distinct sellers with at least one order paid in the period.")),
        (_("Small businesses exporting (under 500 employees)"), _(
            "Exporting sellers that reported fewer than 500 employees, the US Small Business "
            "Administration's size standard for most manufacturers and wholesalers. Sellers report their "
            "employee band when they sign up; the bands are shown in their own table.")),
        (_("First-time exporters"), _("Sellers whose first order ever paid on the platform falls in the "
                                      "period.")),
        (_("Farms and ranches exporting"), _("Exporting sellers registered as a farm or ranch; their export "
                                             "value is shown apart.")),
        (_("Buyers reached"), _("Distinct buyer accounts with an order paid in the period.")),
        (_("Chinese provinces reached"),
         _("Distinct provinces of the delivery addresses of those orders.")),
        (_("Refunds (yuan)"), _("Refunds made in the period, pending or completed, not refused.")),
        (_("Time to get paid"), _(
            "For each order whose payout reached the seller in the period: hours from delivery (or from the "
            "release of escrow, when no delivery was recorded) to the payout being paid. Median and 95th "
            "percentile.")),
        (_("Delivery time"),
         _("Days from payment to delivery, for orders delivered in the period (median).")),
        (_("Counterfeits stopped"), _(
            "Listings held by screening before a buyer could buy them plus listings taken down on brand "
            "owners' notices, each part counted once per product in the period.")),
        (_("Counterfeit listings stopped by screening"), _(
            "Listings that screening held for review or blocked and no operator cleared, counted once per "
            "product, in the period of the screening.")),
        (_("Takedowns on brand owners' notices"), _(
            "Listings taken down on a brand owner's notice, counted once per product, in the period of the "
            "takedown.")),
        (_("Breakdowns"), _(
            "By the seller's US state, type of business and employee band as the seller registered them; by "
            "category, the category of the order's line with the most goods value; by destination, the "
            "country the order was priced for; by province, the delivery address.")),
        (_("Growth"), _("Change against the previous period in percent; empty when the previous period had "
                        "nothing to compare with.")),
        (_("Sources"), _(
            "Orders, payments, refunds, escrow releases and payouts as the platform recorded them, read from "
            "the reports database (a read replica where one is configured) or from a Parquet export of the "
            "same facts.")),
    ]  # fmt: skip
