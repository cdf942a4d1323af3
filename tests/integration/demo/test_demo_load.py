"""The demo marketplace: loaded through the real services, believable, complete and idempotent."""

import io
import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from borderless.accounts import services as accounts
from borderless.accounts.models import Role, Seller, User
from borderless.catalog.categories import CATEGORIES
from borderless.catalog.gtin import validate_gtin
from borderless.catalog.hs import validate_hs_code
from borderless.catalog.landed import listing_quote
from borderless.catalog.models import (
    ChineseOrigin,
    Product,
    ProductImage,
    ProductStatus,
    RateCard,
    Sku,
    TranslationStatus,
)
from borderless.demo import DemoConflict, load_demo
from borderless.demo.content import CONTENT
from borderless.demo.content.base import SellerBrand, compose_products
from borderless.demo.people import DEMO_PASSWORD
from borderless.demo.sellers import SELLERS, city_zh
from borderless.insights import impact
from borderless.insights.period import Period
from borderless.ledger.models import Transaction
from borderless.orders.models import Order, OrderLine
from borderless.payouts.models import Payout
from borderless.search.services import search_products
from borderless.translation import services as translation
from borderless.translation.models import TranslationMemory
from borderless.trust.casework_models import Case, CounterNotice, EvidenceFile, Notice, SellerStanding, Strike
from borderless.trust.holds import listing_held
from borderless.trust.models import Brand, BrandGtin, ListingScreening

# The HS 2022 subheadings the trade engine covers; every demo product must be under one of them.
COVERED_HS6 = {
    "121120", "170220", "170490", "040900", "080212", "080232", "080251", "080262", "080290", "080620",
    "081320", "081340", "220421", "220410", "210690", "150420", "330499", "330410", "340111", "190110",
    "420221", "420222", "420231", "630622", "940430", "950300", "950490", "490199", "490300",
}  # fmt: skip
CJK = re.compile(r"[\u4e00-\u9fff]")


def _every_draft():
    """What each seller would list, composed without a database."""
    for spec in SELLERS:
        rng = random.Random(spec.code)
        for slug, kinds in spec.sells.items():
            brand = SellerBrand(
                spec.code,
                spec.display_name,
                spec.display_name_zh,
                spec.state,
                spec.city,
                city_zh(spec),
                frozenset(kinds),
            )
            yield spec, compose_products(CONTENT[slug], brand, 50, rng, lambda: "")


def test_catalogue_content_meets_the_search_and_customs_rules():
    drafts = []
    for spec, listings in _every_draft():
        assert all(spec.city not in d.fields["description_zh"] for d in listings), spec.city
        drafts += listings
    assert {d.category for d in drafts} == {c.slug for c in CATEGORIES}
    for draft in drafts:
        fields = draft.fields
        english = f"{fields['title_en']} {fields['description_en']}".lower()
        chinese = f"{fields['title_zh']} {fields['description_zh']}"
        if draft.category == "american-ginseng":
            assert "american ginseng" in english, fields["title_en"]
            assert "西洋参" in chinese or "花旗参" in chinese, fields["title_zh"]
        if draft.category == "maple-syrup":
            assert "maple syrup" in english, fields["title_en"]
            assert "枫糖浆" in chinese, fields["title_zh"]
        assert fields["hs_code"][:6] in COVERED_HS6 and 6 <= len(fields["hs_code"]) <= 10
        assert CJK.search(fields["title_zh"]) and CJK.search(fields["description_zh"])
        assert not CJK.search(fields["title_en"] + fields["description_en"])
        assert "{" not in english + chinese  # every placeholder filled in
        weight, content, unit = (
            fields["unit_weight_g"],
            fields["net_content_value"],
            fields["net_content_unit"],
        )
        if unit in ("g", "ml"):
            # A package weighs more than what is in it, but not absurdly more (glass bottles: about 1.7×).
            assert content < weight <= content * 3 + 150, fields["title_en"]
        assert 1 <= len(draft.skus) <= 3
        assert len({s["code"] for s in draft.skus}) == len(draft.skus)


@pytest.mark.django_db
def test_demo_loads_a_believable_marketplace_once(monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    # The platform's own hasher here is not the fast one the demo signs its accounts up with: every account
    # the demo made (the history's shoppers too) must end with a hash the running platform verifies.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.ScryptPasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    monkeypatch.setenv("DEMO_HISTORY_RATE", "0.04")  # a thin year of trade: the full one takes minutes
    out = io.StringIO()
    summary = load_demo(stdout=out)
    assert not User.objects.exclude(password__startswith="scrypt$").exists()

    assert summary.created is True
    assert "Loaded" in out.getvalue()
    sellers = Seller.objects.all()
    assert sellers.count() >= 32 and summary.sellers == sellers.count()
    assert len(set(sellers.values_list("state", flat=True))) >= 16
    pending = sellers.filter(verification_status="pending")
    assert 2 <= pending.count() <= 3
    assert all(s.about_zh and s.display_name_zh and s.about_en for s in sellers)

    products = Product.objects.all()
    assert products.count() >= 320 and summary.products == products.count()
    assert set(products.values_list("category__slug", flat=True)) == {c.slug for c in CATEGORIES}
    assert products.filter(status=ProductStatus.PUBLISHED).count() > products.count() * 0.8
    assert products.filter(status=ProductStatus.DRAFT).exists()
    assert not products.filter(status=ProductStatus.PUBLISHED, seller__in=pending).exists()
    assert not products.filter(title_zh="").exists() and not products.filter(description_zh="").exists()
    assert len(set(products.values_list("title_en", flat=True))) == products.count()
    assert len(set(products.values_list("title_zh", flat=True))) == products.count()
    assert ProductImage.objects.values("product").distinct().count() == products.count()
    for product in products.select_related("seller"):
        validate_hs_code(product.hs_code)
        assert product.hs_code[:6] in COVERED_HS6
        assert product.origin_state == product.seller.state
    per_seller = {s.pk: set() for s in sellers}
    for seller_id, slug in products.values_list("seller", "category__slug"):
        per_seller[seller_id].add(slug)
    assert all(1 <= len(slugs) <= 3 for slugs in per_seller.values())

    skus = Sku.objects.all()
    assert skus.filter(stock=0).exists() and skus.filter(stock__gt=0).count() > skus.count() * 0.8
    gtins = [g for g in skus.values_list("gtin", flat=True) if g]
    # Unique, except the registered barcodes of the demo brands that the year's knock-offs copy.
    copied = {gtin for gtin, n in Counter(gtins).items() if n > 1}
    assert len(gtins) > 50 and copied <= set(BrandGtin.objects.values_list("gtin", flat=True))
    for gtin in gtins:
        validate_gtin(gtin)
    assert Decimal("1") < min(skus.values_list("price_usd", flat=True))

    # Every login printed for the demo works, with the role it claims.
    roles = {}
    for label, email, password in summary.logins:
        user = User.objects.get(email=email)
        assert user.is_active and user.check_password(password), label
        roles[label] = user
    assert password == DEMO_PASSWORD
    operator = roles["Operator"]
    assert operator.is_staff and operator.is_superuser and operator.role == Role.OPERATOR
    assert any(u.role == Role.BRAND_OWNER for u in roles.values())
    assert sorted(u.membership.role for u in roles.values() if hasattr(u, "membership")) == [
        "owner", "owner", "staff",
    ]  # fmt: skip
    buyers = User.objects.filter(role=Role.BUYER).select_related("buyer_profile")
    assert buyers.count() >= 12
    assert len({b.buyer_profile.province for b in buyers}) >= 8 and all(
        CJK.search(b.full_name) for b in buyers
    )

    # Three demo brands, verified, the brand itself authorised; every demo listing screened and clear.
    brands = Brand.objects.filter(status="verified")
    assert brands.count() == 3
    for brand in brands:
        assert brand.own_seller is not None
        assert brand.authorized_sellers.get().seller == brand.own_seller
        assert brand.products.get().gtins.count() == 1
    # (the year's knock-offs, listed later, are checked in _brand_protection_went_through_the_year)
    loaded = ListingScreening.objects.filter(
        trigger="brand_changed"
    )  # the sweep when the brands were verified
    assert not loaded.exclude(verdict="clear").exists(), list(
        loaded.exclude(verdict="clear").values("reasons")
    )
    assert ListingScreening.objects.filter(is_current=True).count() == Product.objects.count()

    # Two sellers ship on their own rates, and their product cards show it.
    carded = sorted(RateCard.objects.values_list("seller__display_name", flat=True))
    assert carded == ["Marathon County Ginseng", "Ridgeline Sugarhouse"]
    ginseng = Product.objects.filter(seller__display_name="Marathon County Ginseng", status="published")
    listing = ginseng.order_by("unit_weight_g").first()
    quote = listing_quote(listing, listing.skus.first().price_usd, "CN")
    assert any(r.message.startswith("Seller's rate card:") for r in quote.reasons), quote.reasons

    # A year of trade made through the services: paid over many months, some of it paid out.
    paid = Order.objects.filter(paid_at__isnull=False)
    assert paid.count() >= 8 and "History:" in out.getvalue()
    assert len({moment.strftime("%Y-%m") for moment in paid.values_list("paid_at", flat=True)}) >= 5
    assert Payout.objects.filter(status="paid").exists()
    assert (
        Transaction.objects.filter(kind="payment_capture").earliest("created_at").created_at
        < paid.latest("paid_at").paid_at
    )  # the ledger carries the simulated moments, not the moment of loading

    _brand_protection_went_through_the_year(out.getvalue())
    _english_only_sellers_read_in_chinese()

    counts = (User.objects.count(), Seller.objects.count(), Product.objects.count(), Sku.objects.count())
    orders = Order.objects.count()
    casework = (Notice.objects.count(), Case.objects.count(), Strike.objects.count())
    again = load_demo()
    assert again.created is False
    assert again.logins == summary.logins and again.products == summary.products
    assert counts == (
        User.objects.count(),
        Seller.objects.count(),
        Product.objects.count(),
        Sku.objects.count(),
    )
    assert Order.objects.count() == orders
    assert casework == (Notice.objects.count(), Case.objects.count(), Strike.objects.count())


def _brand_protection_went_through_the_year(output: str) -> None:
    """Knock-offs held by screening and notices with every ending, made on the simulated clock; the hold
    rule agrees with every listing; the reports count them."""
    now = timezone.now()
    year_ago = now - timedelta(days=366)
    brands = {b.name_en: b for b in Brand.objects.select_related("own_seller")}

    knock_offs = Product.objects.exclude(pk__in=ListingScreening.objects.filter(trigger="brand_changed")
                                         .values("product"))  # fmt: skip
    assert knock_offs.count() >= 3
    for product in knock_offs.select_related("seller"):
        screening = product.screenings.get(is_current=True)
        assert screening.verdict in ("review", "blocked") and screening.decision == "upheld"
        assert year_ago < screening.screened_at < screening.decided_at < now
        brand = next(b for name, b in brands.items() if product.title_en.startswith(name))
        assert product.seller != brand.own_seller and product.held_from_buyers
        assert not OrderLine.objects.filter(
            product_public_id=product.public_id
        )  # held before anyone bought it

    notices, cases = Notice.objects.all(), Case.objects.select_related("notice", "product")
    assert notices.count() >= 5 and 10 <= cases.count() <= 100
    assert (max(notices.values_list("filed_at", flat=True)) - min(notices.values_list("filed_at", flat=True))
            > timedelta(days=90))  # fmt: skip
    assert notices.exclude(prechecked_by=None).exists() and EvidenceFile.objects.filter(notice__isnull=False)
    endings = {(c.status, c.resolution) for c in cases}
    assert {
        ("upheld", "uncontested"),
        ("restored", "not_pursued"),
        ("restored", "operator_rejected"),
    } <= endings
    assert CounterNotice.objects.exists() and Strike.objects.exists()
    for case in cases:
        assert year_ago < case.notice.filed_at == case.taken_down_at < now
        brand = case.notice.brand
        assert case.seller not in (brand.own_seller, *(a.seller for a in brand.authorized_sellers.all()))
        if case.closed_at:
            assert case.taken_down_at < case.closed_at < now
        down_until = case.closed_at if case.status == "restored" else now
        sold = OrderLine.objects.filter(
            product_public_id=case.product.public_id,
            order__created_at__gt=case.taken_down_at,
            order__created_at__lt=down_until,
        )
        assert not sold.exists()  # no buyer bought a listing while it was down
        if case.resolution == "not_pursued":  # restored once the 15 days after the counter-notice ran out
            assert case.closed_at - case.countered_at > timedelta(days=15)
    assert set(Strike.objects.values_list("case", flat=True)) == set(
        cases.filter(status="upheld").values_list("pk", flat=True)
    )
    # No seller is frozen out of the year's trade: at most a listing freeze.
    assert not SellerStanding.objects.filter(level__in=["store_freeze", "closed"]).exists()
    for product in Product.objects.all():
        assert product.held_from_buyers == listing_held(product), product.title_en
    assert "notices taking down" in output

    # The Export Impact Report counts exactly these records for the year (reconciliation).
    period = Period(now.date() - timedelta(days=365), now.date() - timedelta(days=1))
    inside = [c.product_id for c in cases if period.starts_at <= c.taken_down_at < period.ends_before]
    held = ListingScreening.objects.filter(
        screened_at__gte=period.starts_at, screened_at__lt=period.ends_before
    )
    stopped = {s.product_id for s in held if s.verdict != "clear" and s.decision != "cleared"}
    headline = {f.key: f.value for f in impact.build(period).headline}
    assert headline["takedowns"] == len(set(inside)) > 0
    assert headline["listings_stopped"] == len(stopped) >= knock_offs.count()
    assert headline["counterfeits_stopped"] == len(set(inside)) + len(stopped)


@pytest.mark.django_db
def test_demo_refuses_a_database_that_holds_some_demo_accounts():
    accounts.sign_up_buyer("buyer@demo.example", "someone-elses-pass", "王芳", "ZJ", "杭州")

    with pytest.raises(DemoConflict):
        load_demo()

    assert User.objects.count() == 1 and not Seller.objects.exists()


@pytest.mark.django_db
def test_a_refused_first_checkout_does_not_stop_the_year_of_trade(monkeypatch, settings, tmp_path):
    # On this date the thin year has a shopper whose very first checkout is refused (over RMB 5,000 with more
    # than one item): the rollback takes the cart it had just made, and the history once emptied user.cart
    # afterwards, which raised "User has no cart" and stopped the demo.
    settings.VAR_DIR = tmp_path / "var"
    monkeypatch.setenv("DEMO_HISTORY_RATE", "0.04")
    with time_machine.travel(datetime(2026, 12, 4, 14, 53, tzinfo=UTC), tick=False):
        summary = load_demo(stdout=io.StringIO())
    assert summary.created is True
    assert Order.objects.exists()


def _english_only_sellers_read_in_chinese() -> None:
    """Some demo sellers list in English only: every published title still has Chinese, theirs made by the
    platform's translator (marked as machine text until they review it), and Chinese searches find them."""
    published = Product.objects.filter(status=ProductStatus.PUBLISHED)
    assert not [p.title_en for p in published if not CJK.search(p.title_zh)]
    english_only = [s for s in SELLERS if s.english_only]
    assert len(english_only) >= 2 and len({c for s in english_only for c in s.sells}) >= 3
    theirs = Product.objects.filter(seller__display_name__in=[s.display_name for s in english_only])
    assert theirs.count() >= 20 and theirs.filter(status=ProductStatus.PUBLISHED).count() >= 15
    memory = dict(TranslationMemory.objects.filter(seller=None).values_list("source_text", "translated_text"))
    for product in theirs:
        assert product.title_zh_origin == ChineseOrigin.MACHINE and product.machine_translated
        assert product.translation_status == TranslationStatus.DONE, product.translation_note
        expected = translation.translate([product.title_en], keep=[product.brand_name])[0].text
        assert product.title_zh == expected == memory[product.title_en]
        assert CJK.search(product.title_zh.replace(product.brand_name, "")), product.title_zh
        assert product.description_zh and product.description_zh_origin == ChineseOrigin.MACHINE
        assert all(
            CJK.search(o) for o in product.skus.exclude(option_en="").values_list("option_zh", flat=True)
        )
    for query, seller in (("荞麦蜂蜜", "Finger Lakes Honey House"), ("蔓越莓干", "Traverse Bay Cherry"),
                          ("积木", "Buckeye Woodcraft Toys")):  # fmt: skip
        found = search_products(query, limit=100).products
        assert any(p.seller.display_name == seller for p in found), (query, [p.title_zh for p in found])
