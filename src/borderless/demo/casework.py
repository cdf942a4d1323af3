"""Brand protection in the demo's year: counterfeits screening stops and notices brand owners file.

Made through the trust services on the history's simulated clock (`demo.history`):

- now and then a seller that sells the same kind of goods as a demo brand lists a knock-off under the
  brand's name at a fraction of its price; screening holds it before any buyer sees it, and an operator
  upholds the hold a day or two later;
- the brand owner files notices against look-alike listings of those sellers (the same product line,
  the same picture); each listing is taken down at once; an operator pre-checks the notice; the seller
  answers with a counter-notice or lets the 3 business days pass (upheld, a strike); a counter-notice the
  brand owner does not pursue within 15 days restores the listing; a pursued one is decided by an operator.

Small on purpose (about ten notices a year, tens of listings), whatever the trade volume, and seeded apart
from the trade, so the sales of the year stay what they were. No seller collects more than two strikes, so
no store is frozen and the year's trade goes on around the cases.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from borderless.accounts.models import Seller, User, Verification
from borderless.catalog.models import Product, ProductStatus
from borderless.demo import people
from borderless.demo.content import CONTENT
from borderless.demo.content.base import SellerBrand, compose_products
from borderless.demo.images import packshot
from borderless.demo.sellers import SELLERS, brand_of, city_zh
from borderless.trust import listings as screened
from borderless.trust import screening, takedowns
from borderless.trust.casework_models import Case, NoticeReason
from borderless.trust.deadlines import COUNTER_NOTICE_BUSINESS_DAYS, add_business_days, pursuit_deadline
from borderless.trust.models import Brand, BrandStatus, Decision
from borderless.trust.strikes import FROZEN_LISTINGS, seller_standing

NOTICES = 10  # in the year, spread over it with the seasons
KNOCK_OFFS = 6  # listings naming a demo brand that screening stops
MAX_STRIKES = 2  # per seller: a warning, then a listing freeze, never a store freeze
KNOCK_OFF_PRICE = Decimal("0.45")  # of the genuine article's price
KNOCK_OFF_WORDS = ("- 100% original, factory price", "正品原单 工厂价")  # what knock-off titles add
# What becomes of one seller's listings in a notice: dealt from a shuffled deck, so that a year of ten
# notices shows every ending, whatever the seed draws.
FATES = ("uncontested",) * 4 + ("not_pursued",) * 4 + ("pursued_upheld",) * 2 + ("pursued_rejected",) * 2
REASONS = {NoticeReason.COUNTERFEIT: 0.5, NoticeReason.COPYRIGHT: 0.3, NoticeReason.TRADEMARK: 0.2}
STATEMENTS = {
    NoticeReason.COUNTERFEIT: (
        "These listings sell goods presented as {brand} that we did not make or supply. The packaging "
        "copies ours; the seller is not one of our authorised resellers."
    ),
    NoticeReason.COPYRIGHT: (
        "These listings use our product photographs of {brand} without permission; the pictures are "
        "ours and were taken for our own store."
    ),
    NoticeReason.TRADEMARK: (
        "These listings present their goods so that buyers take them for {brand} (registered trademark "
        "{number}); the seller has no licence to use our mark."
    ),
}
COUNTER_STATEMENT = (
    "Our product is our own, grown and packed by us under our own name; the picture is our own packshot of "
    "our own product line. We do not use the complainant's mark."
)
PURSUIT_REFERENCES = ("complaint", "AMR-{year}-{n:05d}"), ("lawsuit", "({year}) Hu 0115 Min Chu {n}")


@dataclass
class CaseworkSummary:
    notices: int = 0
    listings_taken_down: int = 0
    counter_notices: int = 0
    knock_offs_held: int = 0
    strikes: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class _Target:
    brand: Brand
    number: str
    category_slug: str
    sellers: list[Seller]  # unauthorised sellers of the same kind of goods


def _owner_of(seller: Seller) -> User:
    return seller.memberships.select_related("user").order_by("id").first().user


def _targets() -> list[_Target]:
    found = []
    for brand in (
        Brand.objects.filter(status=BrandStatus.VERIFIED).select_related("own_seller").order_by("id")
    ):
        own = (
            Product.objects.filter(seller=brand.own_seller).select_related("category").order_by("id").first()
        )
        allowed = {brand.own_seller_id, *brand.authorized_sellers.values_list("seller_id", flat=True)}
        sellers = list(
            Seller.objects.filter(
                verification_status=Verification.VERIFIED,
                products__category=own.category,
                products__status=ProductStatus.PUBLISHED,
            )
            .exclude(pk__in=allowed)
            .distinct()
            .order_by("id")
        )
        number = brand.trademarks.order_by("id").values_list("number", flat=True).first() or ""
        if sellers:
            found.append(_Target(brand, number, own.category.slug, sellers))
    return found


def dealer(rng: random.Random) -> Callable[[], str]:
    """Deals the fates of one seller's listings in a notice, a shuffled deck at a time."""
    deck: list[str] = []

    def deal() -> str:
        if not deck:
            deck.extend(rng.sample(FATES, len(FATES)))
        return deck.pop()

    return deal


def notice_day(rng: random.Random, start: date, season: Callable[[date], float]) -> date:
    """A day of the year, busier seasons likelier (counterfeiters follow the buyers)."""
    days = [start + timedelta(days=n) for n in range(365)]
    return rng.choices(days, [season(d) for d in days])[0]


def _knock_off_price(genuine) -> Decimal:
    return (Decimal(str(genuine)) * KNOCK_OFF_PRICE).quantize(Decimal("0.01"))


def _at(day: date, rng: random.Random) -> datetime:
    """US office hours (UTC), when brand owners and sellers work."""
    return datetime.combine(day, time(rng.randint(14, 22), rng.randint(0, 59)), tzinfo=UTC)


def _evidence(product: Product, reason: str) -> SimpleUploadedFile:
    """The listing's own picture, as the brand owner saved it from the storefront."""
    image = product.images.order_by("id").first()
    with image.image.open("rb") as stream:
        data = stream.read()
    return SimpleUploadedFile(f"listing-{product.public_id.hex[:8]}-{reason}.jpg", data, "image/jpeg")


def _next_deadline_run(moment: datetime, rng: random.Random) -> datetime:
    """The casework deadlines task runs every 10 minutes: its first run after the moment."""
    return moment + timedelta(minutes=rng.randint(1, 10), seconds=1)


def schedule(at: Callable[[datetime, Callable], None], rng: random.Random, start: date,
             season: Callable[[date], float]) -> CaseworkSummary:  # fmt: skip
    """Put the year's brand protection in the simulation's queue (`at(moment, act)`)."""
    summary = CaseworkSummary()
    targets = _targets()
    if not targets:
        return summary
    owner = User.objects.get(email=people.BRAND_OWNER_EMAIL)
    operator = User.objects.get(email=people.OPERATOR_EMAIL)
    named: set[tuple[int, int]] = set()  # (brand, product): a listing is named once by a brand
    planned_strikes: Counter = Counter()

    def file(target: _Target, products: list[Product], reason: str, fates: dict, rejected: bool, now):
        evidence = [_evidence(products[0], reason)]
        statement = STATEMENTS[reason].format(brand=target.brand.name_en, number=target.number)
        notice = takedowns.file_notice(owner, target.brand.public_id, [p.public_id for p in products], reason,
                                       statement, evidence, now=now)  # fmt: skip
        summary.notices += 1
        summary.listings_taken_down += len(products)
        if notice.prechecked_at is None:  # not on the fast track: an operator checks it the same day
            accept = not rejected
            note = (
                "Evidence checked against the brand's registration." if accept else "Not the brand's goods."
            )
            later = now + timedelta(hours=rng.uniform(2, 20))
            at(later, lambda t: takedowns.precheck_notice(operator, notice.public_id, accept, note, now=t))
            if not accept:
                return
        deadline = add_business_days(now, COUNTER_NOTICE_BUSINESS_DAYS)
        for seller, fate in fates.items():
            if fate == "uncontested":
                at(_next_deadline_run(deadline, rng), lambda t: takedowns.run_deadlines(t))
            else:
                answered = now + timedelta(hours=rng.uniform(20, 50))
                at(answered, lambda t, s=seller, f=fate: counter(notice, s, f, t))

    def counter(notice, seller: Seller, fate: str, now: datetime) -> None:
        takedowns.file_counter_notice(_owner_of(seller), notice.public_id, COUNTER_STATEMENT, now=now)
        summary.counter_notices += 1
        if fate == "not_pursued":
            at(_next_deadline_run(pursuit_deadline(now), rng), lambda t: takedowns.run_deadlines(t))
            return
        kind, reference = rng.choice(PURSUIT_REFERENCES)
        reference = reference.format(year=now.year, n=rng.randint(100, 99999))
        cases = list(Case.objects.filter(notice=notice, seller=seller).values_list("public_id", flat=True))
        pursued = now + timedelta(days=rng.uniform(3, 12))
        at(pursued, lambda t: [takedowns.report_pursuit(owner, c, kind, reference, now=t) for c in cases])
        uphold = fate == "pursued_upheld"
        note = "The goods are not the seller's own: upheld." if uphold else "The seller's own product line."
        decided = pursued + timedelta(days=rng.uniform(2, 8))
        at(decided, lambda t: [takedowns.decide_case(operator, c, uphold, note, now=t) for c in cases])

    deal = dealer(rng)
    rejected_notice = rng.randrange(NOTICES)  # one notice in the year fails the operator's pre-check
    for n in range(NOTICES):
        target = rng.choice(targets)
        day = notice_day(rng, start, season)
        reason = rng.choices(list(REASONS), list(REASONS.values()))[0]
        sellers = rng.sample(target.sellers, min(len(target.sellers), 2 if rng.random() < 0.3 else 1))
        products, fates = [], {}
        for seller in sellers:
            candidates = [
                p for p in Product.objects.filter(
                    seller=seller, category__slug=target.category_slug, status=ProductStatus.PUBLISHED
                ).order_by("id")
                if (target.brand.pk, p.pk) not in named
            ]  # fmt: skip
            chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2))))
            if not chosen:
                continue
            fate = deal()
            if fate in ("uncontested", "pursued_upheld"):
                if planned_strikes[seller.pk] + len(chosen) > MAX_STRIKES:
                    fate = "not_pursued"
                else:
                    planned_strikes[seller.pk] += len(chosen)
            named.update((target.brand.pk, p.pk) for p in chosen)
            products += chosen
            fates[seller] = fate
        if products:
            rejected = n == rejected_notice
            at(_at(day, rng), lambda t, a=(target, products, reason, fates, rejected): file(*a, t))
    summary.strikes = planned_strikes

    knocked_off: set[str] = set()

    def knock_off(target: _Target, n: int, with_gtin: bool, now: datetime) -> None:
        listers = [s for s in target.sellers if seller_standing(s.pk) not in FROZEN_LISTINGS]
        if not listers:  # strikes have frozen every such seller's listings
            return
        seller = rng.choice(listers)
        spec = next(s for s in SELLERS if brand_of(s)[0] == target.brand.name_en)
        name_en, name_zh = brand_of(spec)
        kinds = frozenset(spec.sells[target.category_slug])
        lister = next(s for s in SELLERS if s.display_name == seller.display_name)  # ships from its own place
        brand = SellerBrand(f"K{n}", name_en, name_zh, lister.state, lister.city, city_zh(lister), kinds)
        drafts = compose_products(CONTENT[target.category_slug], brand, 50, rng, lambda: "")
        draft = next((d for d in drafts if d.fields["title_en"] not in knocked_off), None)
        if draft is None:  # every pack of the line is already knocked off
            return
        knocked_off.add(draft.fields["title_en"])
        skus = [{**sku, "gtin": "", "price_usd": _knock_off_price(sku["price_usd"])} for sku in draft.skus]
        if with_gtin:  # the genuine article's barcode, copied from its packaging
            skus[0]["gtin"] = target.brand.products.order_by("id").first().gtins.order_by("id").first().gtin
        user = _owner_of(seller)
        fields = {
            **draft.fields,
            "title_en": f"{draft.fields['title_en']} {KNOCK_OFF_WORDS[0]}",
            "title_zh": f"{draft.fields['title_zh']} {KNOCK_OFF_WORDS[1]}",
            "status": ProductStatus.PUBLISHED,
        }
        product, _screening = screened.create_listing(user, fields, skus)
        picture = packshot(
            draft.line.shape, name_en, draft.line.name_en, CONTENT[draft.category].background, rng
        )
        upload = SimpleUploadedFile(f"{skus[0]['code'].lower()}.jpg", picture, "image/jpeg")
        screened.add_listing_image(user, product, upload, alt_en=draft.alt_en, alt_zh=draft.alt_zh)
        current = screening.current_screening(product)
        if current.holds_listing:
            summary.knock_offs_held += 1
            later = now + timedelta(hours=rng.uniform(3, 40))
            note = "Unauthorised seller under the brand's name, far below its price."
            at(later, lambda t: screening.decide(operator, current.public_id, Decision.UPHELD, note))

    for n in range(KNOCK_OFFS):
        target = rng.choice(targets)
        day = notice_day(rng, start, season)
        with_gtin = rng.random() < 0.4
        at(_at(day, rng), lambda t, a=(target, n, with_gtin): knock_off(*a, t))
    return summary
