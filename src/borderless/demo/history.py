"""A year of trade for the demo, made through the platform's own services on a simulated clock.

Every sale is a real checkout, a sandbox payment whose signed webhook is delivered from the outbox,
a shipment, a delivery, the buyer's confirmation (or the automatic one after the window), daily payouts
and, for some orders, a refund before shipment. The clock is moved to each event's moment (time-machine),
so every record, the ledger's included, carries the moment the event happened.

Seasons follow real cross-border trade to China: Singles' Day (11 November) and its run-up, the 618
festival (18 June), the gift buying before Chinese New Year and the quiet week after it, Double 12.
Brand protection runs through the year too (`demo.casework`): knock-offs held by screening, notices,
takedowns, counter-notices, restorations and strikes. Seeded: the same day gives the same history.
"""

from __future__ import annotations

import heapq
import itertools
import math
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import time_machine
from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from borderless.accounts import services as accounts
from borderless.accounts.models import Verification
from borderless.accounts.regions import province_name
from borderless.catalog.models import ProductStatus, Sku
from borderless.demo import casework, trade
from borderless.demo.people import DEMO_PASSWORD
from borderless.orders.errors import OrderError
from borderless.orders.identity import check_digit
from borderless.payments.refunds import complete_refund
from borderless.payouts import services as payouts

SEED = 2026
# Checkouts on an ordinary day, before the seasons. Each sale runs the whole platform (customs messages
# included), about a second of work on a busy machine: 0.3 a day is about 130 checkouts in the year, which
# keeps the first `make demo` within a few minutes (benchmarks/README.md). DEMO_HISTORY_RATE asks for more.
CHECKOUTS_PER_DAY = 0.3
SHOPPERS = 60
CHINESE_NEW_YEAR = {2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6)}
# Where cross-border shoppers live, roughly by share of China's online spending.
PROVINCE_WEIGHTS = {
    "GD": 16, "ZJ": 12, "JS": 10, "SH": 9, "BJ": 8, "SD": 6, "FJ": 5, "SC": 5, "HB": 4, "HA": 3,
    "HN": 3, "AH": 3, "CQ": 3, "TJ": 2, "LN": 2, "SN": 2, "YN": 1, "GX": 1, "HE": 1, "HL": 1,
}  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "芳",
    "娜",
    "伟",
    "洋",
    "静",
    "帆",
    "磊",
    "丽",
    "杰",
    "敏",
    "婷",
    "浩",
    "燕",
    "强",
    "琳",
    "欣",
    "宇",
    "晨",
]
SHIPPING_DAYS, DELIVERY_DAYS, CONFIRM_DAYS = (1, 3), (4, 9), (0.5, 5)
REFUND_BEFORE_SHIPPING, CONFIRMED_BY_BUYER, TWO_SELLERS = 0.04, 0.7, 0.12

SHOPPER_DOMAIN = "history.demo.example"  # the simulated buyers of the year's trade


def season(day: date) -> float:
    """How busy a day is, against an ordinary weekday."""
    factor = 1.1 if day.weekday() >= 5 else 1.0
    if day.month == 11 and day.day == 11:
        return factor * 7.0
    if day.month == 11 and 1 <= day.day <= 10:
        return factor * (1.4 + day.day * 0.08)
    if day.month == 6 and day.day == 18:
        return factor * 4.5
    if day.month == 6 and 1 <= day.day <= 17:
        return factor * 1.6
    if day.month == 12 and day.day == 12:
        return factor * 2.5
    new_year = CHINESE_NEW_YEAR.get(day.year)
    if new_year:
        before = (new_year - day).days
        if 0 < before <= 21:
            return factor * 1.7  # gifts: ginseng, wine, nuts
        if 0 <= -before <= 7:
            return factor * 0.3  # the holiday: couriers stop
    return factor


@dataclass(order=True)
class _Event:
    at: datetime
    seq: int
    act: Callable = field(compare=False)


@dataclass
class HistorySummary:
    checkouts: int = 0
    orders: int = 0
    refunds: int = 0
    failed_checkouts: int = 0
    casework: casework.CaseworkSummary | None = None


class _Simulation:
    def __init__(self, today: date, rng: random.Random):
        self.today, self.rng = today, rng
        self.now_limit = datetime.combine(today, time.min, tzinfo=UTC)
        self.events: list[_Event] = []
        self.seq = itertools.count()
        self.summary = HistorySummary()

    def at(self, moment: datetime, act: Callable) -> None:
        if moment < self.now_limit:  # what would happen after today has not happened yet
            heapq.heappush(self.events, _Event(moment, next(self.seq), act))

    def run(self) -> None:
        while self.events:
            event = heapq.heappop(self.events)
            with time_machine.travel(event.at, tick=False):
                event.act(event.at)


def _id_number(rng: random.Random) -> str:
    born = date(1970, 1, 1) + timedelta(days=rng.randint(0, 365 * 32))
    first17 = f"110105{born:%Y%m%d}{rng.randint(100, 999)}"
    return first17 + check_digit(first17)


def _shoppers(rng: random.Random) -> list[tuple]:
    provinces = list(PROVINCE_WEIGHTS)
    weights = list(PROVINCE_WEIGHTS.values())
    found = []
    for n in range(1, SHOPPERS + 1):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
        code = rng.choices(provinces, weights)[0]
        user = accounts.sign_up_buyer(f"shopper{n:03d}@{SHOPPER_DOMAIN}", DEMO_PASSWORD, name, code, "")
        found.append((user, name, _id_number(rng), province_name(code, "zh-hans")))
    return found


def _catalogue() -> dict[int, list[int]]:
    """Each verified seller's published SKUs in stock (primary keys)."""
    skus: dict[int, list[int]] = {}
    rows = Sku.objects.filter(
        product__status=ProductStatus.PUBLISHED,
        product__seller__verification_status=Verification.VERIFIED,
        stock__gt=0,
    ).values_list("product__seller_id", "pk")
    for seller_id, pk in rows.order_by("pk"):
        skus.setdefault(seller_id, []).append(pk)
    return skus


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def load_history(say=print, today: date | None = None) -> HistorySummary:
    """Add a year of trade up to yesterday. Meant to run inside the demo loader's transaction."""
    today = today or timezone.now().date()
    rate = float(os.environ.get("DEMO_HISTORY_RATE", CHECKOUTS_PER_DAY))
    rng = random.Random(SEED)
    shoppers = _shoppers(rng)
    catalogue = _catalogue()
    sellers = sorted(catalogue)
    # Some sellers sell more than others: a long tail, as on every marketplace.
    popularity = [1.0 / (1 + i * 0.15) for i in range(len(sellers))]
    rng.shuffle(popularity)
    sim = _Simulation(today, rng)
    carriers = ["USPS", "UPS", "FedEx", "DHL", "EMS"]

    def tracking_number(carrier: str) -> str:  # in the carrier's format (logistics/data/carriers.json)
        n = rng.randint(10**8, 10**9 - 1)
        formats = {"USPS": f"9400{n:018d}", "UPS": f"1Z{n:016d}", "FedEx": f"{n:012d}", "DHL": f"{n:010d}",
                   "EMS": f"EA{n:09d}US"}  # fmt: skip
        return formats[carrier]

    def buy(now: datetime) -> None:
        user, name, id_number, province = rng.choice(shoppers)
        chosen = rng.choices(sellers, popularity, k=2 if rng.random() < TWO_SELLERS else 1)
        items = []
        for seller_id in dict.fromkeys(chosen):
            sku = Sku.objects.get(pk=rng.choice(catalogue[seller_id]))
            quantity = 1 if rng.random() < 0.75 else 2
            if sku.stock >= quantity and not sku.product.held_from_buyers:  # taken down, or held
                items.append((sku.public_id, quantity))
        if not items:
            return
        phone, street = f"139{rng.randint(10000000, 99999999)}", f"人民路 {rng.randint(1, 999)} 号"
        address = {"name": name, "phone": phone, "province": province, "city": "市辖区", "street": street}
        try:
            with transaction.atomic():
                placed = trade.buy(user, items, address, {"name": name, "id_number": id_number})
        except OrderError:
            # e.g. the buyer's annual CBEC quota is used up; the rollback left the cart as it was (empty)
            sim.summary.failed_checkouts += 1
            return
        sim.summary.checkouts += 1
        for order in placed:
            sim.summary.orders += 1
            if rng.random() < REFUND_BEFORE_SHIPPING:
                sim.at(now + timedelta(hours=rng.uniform(1, 30)), lambda t, o=order: refund(o, t))
            else:
                sim.at(now + timedelta(days=rng.uniform(*SHIPPING_DAYS)), lambda t, o=order: ship(o, t))

    def refund(order, now: datetime) -> None:
        result = trade.refund(order, order.landed_total, "Changed my mind before it shipped")
        complete_refund(result.refund.pk)  # the task queue's job, done here in the same transaction
        sim.summary.refunds += 1

    def ship(order, now: datetime) -> None:
        carrier = rng.choice(carriers)
        trade.ship(order, carrier, tracking_number(carrier))
        sim.at(now + timedelta(days=rng.uniform(*DELIVERY_DAYS)), lambda t: deliver(order, t))

    def deliver(order, now: datetime) -> None:
        trade.deliver(order)
        if rng.random() < CONFIRMED_BY_BUYER:
            sim.at(now + timedelta(days=rng.uniform(*CONFIRM_DAYS)), lambda t: confirm(order, t))
        else:  # the auto-confirmation task's run just after the window closes
            window = timedelta(days=payouts.auto_confirm_days(), minutes=rng.randint(1, 15))
            sim.at(now + window, auto_confirm)

    def confirm(order, now: datetime) -> None:
        trade.confirm(order)
        next_payout_run(now)

    def auto_confirm(now: datetime) -> None:
        if payouts.auto_confirm(now):
            next_payout_run(now)

    payout_runs: set[datetime] = set()

    def next_payout_run(now: datetime) -> None:
        """The hourly payout task pays a release at its next run (minute 5), or, when the seller was paid
        earlier that UTC day, at the first run of the next day. Runs that would find nothing to pay are not
        simulated."""
        run = now.replace(minute=5, second=0, microsecond=0)
        run = run if run > now else run + timedelta(hours=1)
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 5), tzinfo=UTC)
        for moment in (run, tomorrow):
            if moment not in payout_runs:
                payout_runs.add(moment)
                sim.at(moment, lambda t: payouts.run_payouts(t))

    start = today - timedelta(days=365)
    for offset in range(365):
        day = start + timedelta(days=offset)
        midnight = datetime.combine(day, time.min, tzinfo=UTC)
        for _ in range(_poisson(rng, rate * season(day))):
            # Chinese evenings (UTC+8) are the busiest hours.
            hour = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16])
            sim.at(midnight + timedelta(hours=hour, minutes=rng.randint(0, 59)), buy)
    cases = casework.schedule(sim.at, random.Random(f"{SEED}-casework"), start, season)
    before, HUEY.immediate = HUEY.immediate, True  # a task called on the way runs at its simulated moment
    try:
        sim.run()
    finally:
        HUEY.immediate = before
    say(
        f"History: {sim.summary.checkouts} checkouts, {sim.summary.orders} orders, {sim.summary.refunds} "
        f"refunded before shipping, over the year to {today - timedelta(days=1)}; brand protection: "
        f"{cases.knock_offs_held} knock-off listings held by screening, {cases.notices} notices taking down "
        f"{cases.listings_taken_down} listings, {cases.counter_notices} counter-notices."
    )
    sim.summary.casework = cases
    return sim.summary
