"""Screening as sellers save listings, as brands change, and as operators decide."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.trust import listings, screening
from borderless.trust import services as trust
from borderless.trust.models import Brand, Decision, ListingScreening
from factories import make_operator, make_seller, owner_of
from trust_factories import image_upload, make_brand

pytestmark = pytest.mark.django_db

BAG = {
    "category": "handbags",
    "hs_code": "420221",
    "title_zh": "真皮托特包",
    "description_en": "Full-grain leather tote.",
    "description_zh": "头层牛皮托特包。",
    "net_content_value": Decimal("1"),
    "net_content_unit": "piece",
    "unit_weight_g": Decimal("900"),
    "status": "published",
}


@pytest.fixture
def brand(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        brand = make_brand(name_en="Prairie Leatherworks", name_zh="草原皮具", aliases=["PLW"])
        trust.add_reference_product(
            brand.owner,
            brand,
            {
                "name_en": "Prairie Leatherworks Saddle Tote",
                "name_zh": "草原皮具 马鞍托特包",
                "msrp_amount": "320.00",
            },
            ["036000291452"],
            [image_upload()],
        )
    return brand


def list_bag(seller, title_en, brand_name="Unbranded", price="300.00", gtin=""):
    fields = {**BAG, "title_en": title_en, "brand_name": brand_name}
    skus = [{"code": "BAG-1", "price_usd": Decimal(price), "stock": 5, "gtin": gtin}]
    return listings.create_listing(owner_of(seller), fields, skus)


def test_a_look_alike_listing_is_held_and_explained(brand):
    product, result = list_bag(
        make_seller(), "Prairie Leatherwork saddle tote, 1:1 mirror quality", price="39.00"
    )

    assert result.verdict == "blocked"
    signals = {r["signal"] for r in result.reasons}
    assert {"brand_name", "disguised_brand_name", "fake_signal_words", "price_below_msrp"} <= signals
    product.refresh_from_db()
    assert product.held_from_buyers
    assert not catalog.buyer_products().filter(pk=product.pk).exists()
    assert screening.review_queue().first() == result


def test_the_brands_own_and_authorised_sellers_are_clear(brand, django_capture_on_commit_callbacks):
    authorised, stranger = make_seller(), make_seller()
    with django_capture_on_commit_callbacks(execute=True):
        trust.authorize_seller(brand.owner, brand, authorised.public_id)

    _, theirs = list_bag(authorised, "Prairie Leatherworks saddle tote", brand_name="Prairie Leatherworks")
    _, other = list_bag(stranger, "Prairie Leatherworks saddle tote", brand_name="Prairie Leatherworks")

    assert theirs.verdict == "clear" and theirs.score == 0
    assert other.verdict in ("review", "blocked")


def test_an_official_image_or_the_brands_gtin_on_an_unbranded_listing_is_held(brand):
    seller = make_seller()
    product, _ = list_bag(seller, "Leather tote bag")
    assert screening.current_screening(product).verdict == "clear"

    listings.add_listing_image(owner_of(seller), product, image_upload())

    current = screening.current_screening(product)
    assert current.verdict != "clear"
    assert "official_image" in {r["signal"] for r in current.reasons}
    _, by_gtin = list_bag(seller, "Leather tote", gtin="036000291452")
    assert "registered_gtin" in {r["signal"] for r in by_gtin.reasons}


def test_operator_clears_and_the_decision_stays_with_that_version(brand):
    seller = make_seller()
    product, held = list_bag(seller, "Prairie Leatherworks saddle tote", brand_name="Prairie Leatherworks")
    operator = make_operator()

    screening.decide(operator, held.public_id, Decision.CLEARED, "Invoice from the brand checked.")
    product.refresh_from_db()
    assert not product.held_from_buyers
    assert catalog.buyer_products().filter(pk=product.pk).exists()
    assert not screening.review_queue().exists()

    # Saving the same content again keeps the decision; changing it screens afresh and holds again.
    listings.update_listing(owner_of(seller), product, {"status": "published"})
    assert screening.current_screening(product).decision == Decision.CLEARED
    listings.update_listing(
        owner_of(seller), product, {"title_en": "Prairie Leatherworks saddle tote replica"}
    )
    product.refresh_from_db()
    assert product.held_from_buyers
    assert ListingScreening.objects.filter(product=product).count() == 2


def test_a_brand_verified_later_rescreens_existing_listings(django_capture_on_commit_callbacks):
    seller = make_seller()
    product, before = list_bag(seller, "Bison Ridge leather saddle tote replica", brand_name="Bison Ridge")
    assert before.verdict == "clear"

    with django_capture_on_commit_callbacks(execute=True):
        make_brand(name_en="Bison Ridge", name_zh="")

    current = screening.current_screening(product)
    assert current.verdict != "clear" and current.trigger == "brand_changed"
    assert Product.objects.get(pk=product.pk).held_from_buyers


def test_an_operators_upheld_listing_counts_in_the_sellers_history(brand):
    seller = make_seller()
    _, first = list_bag(seller, "Prairie Leatherworks saddle tote", brand_name="Prairie Leatherworks")
    screening.decide(make_operator(), first.public_id, Decision.UPHELD)
    list_bag(seller, "Leather tote, different")
    product, _ = list_bag(seller, "Leather tote, another")
    assert screening.past_blocked(product) == 1


def test_only_operators_decide(brand):
    _, held = list_bag(make_seller(), "Prairie Leatherworks tote", brand_name="Prairie Leatherworks")
    with pytest.raises(PermissionDenied):
        screening.decide(brand.owner, held.public_id, Decision.CLEARED)


def test_a_brand_verified_or_authorising_elsewhere_screens_the_very_next_listing():
    """The registry is kept between saves; a brand change is seen by the next save, before (and without)
    the background re-screen it starts."""
    seller = make_seller()
    list_bag(seller, "Leather tote bag")  # the registry as it was is now kept

    bison = make_brand(name_en="Bison Ridge", name_zh="")  # verified; its re-screen never runs here
    _, held = list_bag(seller, "Bison Ridge leather saddle tote replica", brand_name="Bison Ridge")
    assert held.verdict != "clear" and held.brand_id == bison.pk

    trust.authorize_seller(bison.owner, bison, seller.public_id)
    _, allowed = list_bag(seller, "Bison Ridge leather saddle tote replica", brand_name="Bison Ridge")
    assert allowed.verdict == "clear"


def test_a_change_committed_after_a_later_timestamp_still_reaches_the_next_listing():
    """Two brand changes can commit out of the order of their timestamps: the registry's latest time then
    stays put, and only the registry's version tells screening that the earlier-stamped change arrived."""
    seller = make_seller()
    bison = make_brand(name_en="Bison Ridge", name_zh="")
    later = make_brand(name_en="Cedar Hollow", name_zh="")
    _, held = list_bag(seller, "Bison Ridge leather saddle tote replica", brand_name="Bison Ridge")
    assert held.verdict != "clear"  # the registry is now cached

    # Another change committed first, stamped later than the authorisation below will be.
    Brand.objects.filter(pk=later.pk).update(updated_at=timezone.now() + timedelta(minutes=5))
    trust.registry_changed()
    list_bag(seller, "Leather tote bag")  # cached again, at that change
    trust.authorize_seller(bison.owner, bison, seller.public_id)  # stamped earlier, committed now
    _, allowed = list_bag(seller, "Bison Ridge leather saddle tote replica", brand_name="Bison Ridge")
    assert allowed.verdict == "clear"


# Per save: the savepoint and its release, the seller's standing, one read of what screening knows (current
# screening, seller's history, other holds, registry stamp), SKUs, images with their hashes, the previous
# screening retired and the new one stored. The number of brands and of images plays no part.
SCREENING_STATEMENTS = 8


def _statements(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def _added_by_screening(seller, product, title: str) -> int:
    owner = owner_of(seller)
    plain = _statements(lambda: catalog.update_product(owner, product, {"title_en": f"{title} (a)"}))
    screened = _statements(lambda: listings.update_listing(owner, product, {"title_en": f"{title} (b)"}))
    return screened - plain


def test_screening_adds_a_fixed_number_of_statements_to_saving_a_listing(
    brand, django_capture_on_commit_callbacks
):
    seller = make_seller()
    product, _ = list_bag(seller, "Leather tote bag")
    listings.add_listing_image(owner_of(seller), product, image_upload((30, 160, 90), "a.png", pattern=1))
    listings.update_listing(owner_of(seller), product, {"title_en": "Leather tote bag, brown"})
    few = _added_by_screening(seller, product, "Leather tote bag, tan")

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            other = make_brand(name_en=f"Northwind Saddlery {number}", name_zh="")
            images = [image_upload((90, 60 + number * 40, 20), "o.png", pattern=2) for _ in range(2)]
            trust.add_reference_product(
                other.owner, other, {"name_en": "Field satchel", "msrp_amount": "210.00"}, [], images
            )
    listings.add_listing_image(owner_of(seller), product, image_upload((30, 90, 160), "b.png", pattern=1))
    screening.brand_registry()  # rebuilt once after a brand change, not per listing
    many = _added_by_screening(seller, product, "Leather tote bag, olive")

    assert few == many == SCREENING_STATEMENTS
    assert screening.current_screening(product).verdict == "clear"


def test_screening_a_listing_on_its_own_takes_a_fixed_number_of_queries(brand, django_assert_num_queries):
    product, _ = list_bag(make_seller(), "Leather tote bag")
    catalog.update_product(owner_of(product.seller), product, {"title_en": "Leather tote bag, new"})
    # savepoint, lock, what screening knows, SKUs, images, retire, store, release
    with django_assert_num_queries(8):
        screening.screen_listing(product)
