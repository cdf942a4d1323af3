"""Notice and takedown: filing takes listings down from every buyer route, all or nothing; counter-notices,
the 15-day restoration (E-Commerce Law art. 43), operators' decisions and who may see what."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from borderless.catalog.models import Product
from borderless.orders.cart import add_to_cart
from borderless.orders.errors import InvalidCart
from borderless.search.services import search_products
from borderless.trust import takedowns
from borderless.trust.casework_models import Case, CaseStatus, EvidenceFile, Notice, Resolution, Strike
from borderless.trust.casework_views import evidence_file_for, notice_for
from borderless.trust.listings import update_listing
from casework_support import STATEMENT, make_brand, make_brand_owner, pdf, png
from factories import make_buyer, make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages asserted here are the English ones; the Chinese catalog translates them.
    with translation.override("en"):
        yield


MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _file(brand, products, now=MONDAY, reason="counterfeit", evidence=None):
    return takedowns.file_notice(
        brand.owner,
        brand.public_id,
        [p.public_id for p in products],
        reason,
        STATEMENT,
        evidence if evidence is not None else [png(), pdf()],
        now=now,
    )


def _held(product) -> bool:
    return Product.objects.get(pk=product.pk).held_from_buyers


def test_a_notice_takes_listings_down_from_page_search_api_and_cart(client):
    product = make_product(make_seller())
    buyer = make_buyer()
    assert search_products("ginseng").total == 1
    assert client.get(f"/p/{product.public_id}/").status_code == 200

    notice = _file(make_brand(), [product])

    assert notice.cases.get().status == CaseStatus.TAKEN_DOWN
    assert _held(product)
    assert search_products("ginseng").total == 0
    assert client.get(f"/p/{product.public_id}/").status_code == 404
    assert client.get(f"/api/v1/products/{product.public_id}").status_code == 404
    with pytest.raises(InvalidCart):
        add_to_cart(buyer, product.skus.get().public_id)


def test_the_seller_has_three_business_days_weekends_excluded():
    friday = datetime(2026, 11, 6, 15, 0, tzinfo=UTC)
    notice = _file(make_brand(), [make_product(make_seller())], now=friday)
    assert notice.cases.get().counter_deadline == datetime(2026, 11, 11, 15, 0, tzinfo=UTC)  # Wednesday


def test_301_listings_are_refused_and_nothing_is_created():
    brand = make_brand()
    with pytest.raises(ValidationError) as error:
        takedowns.file_notice(
            brand.owner,
            brand.public_id,
            [f"00000000-0000-4000-8000-{i:012d}" for i in range(301)],
            "counterfeit",
            STATEMENT,
            [png()],
        )
    assert "at most 300" in str(error.value)
    assert not Notice.objects.exists() and not EvidenceFile.objects.exists()


def test_unknown_listings_are_refused_and_the_known_ones_stay_up():
    product = make_product(make_seller())
    brand = make_brand()
    with pytest.raises(ValidationError) as error:
        takedowns.file_notice(
            brand.owner,
            brand.public_id,
            [product.public_id, "00000000-0000-4000-8000-000000000001"],
            "counterfeit",
            STATEMENT,
            [png()],
        )
    assert "00000000-0000-4000-8000-000000000001" in str(error.value)
    assert not Notice.objects.exists() and not Case.objects.exists() and not _held(product)


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("notes.txt", b"just text", content_type="text/plain"), "not an image"),
        (
            SimpleUploadedFile("fake.png", b"MZ\x90\x00 an executable", content_type="image/png"),
            "not an image",
        ),
        (
            SimpleUploadedFile(
                "huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
            ),
            "larger than",
        ),
    ],
)
def test_bad_evidence_files_are_refused_and_nothing_is_created(upload, message):
    product = make_product(make_seller())
    with pytest.raises(ValidationError) as error:
        _file(make_brand(), [product], evidence=[png(), upload])
    assert message in str(error.value)
    assert not Notice.objects.exists() and not _held(product)


def test_a_duplicate_notice_is_refused():
    brand = make_brand()
    first, second = make_product(make_seller()), make_product(make_seller())
    _file(brand, [first])
    with pytest.raises(takedowns.CaseworkConflict) as error:
        _file(brand, [second, first])
    assert error.value.details == {"listings": [str(first.public_id)]}
    assert Notice.objects.count() == 1 and not _held(second)


def test_a_brand_owner_cannot_file_for_a_brand_it_does_not_own_or_one_unverified():
    product = make_product(make_seller())
    brand = make_brand()
    stranger = make_brand_owner()
    with pytest.raises(Exception) as error:
        takedowns.file_notice(
            stranger, brand.public_id, [product.public_id], "counterfeit", STATEMENT, [png()]
        )
    assert isinstance(error.value, type(brand).DoesNotExist)
    pending = make_brand(verified=False)
    with pytest.raises(PermissionDenied):
        _file(pending, [product])
    with pytest.raises(PermissionDenied):  # a seller is no brand owner, whatever brand id it names
        takedowns.file_notice(
            owner_of(product.seller), brand.public_id, [product.public_id], "counterfeit", STATEMENT, [png()]
        )
    assert not Notice.objects.exists() and not _held(product)


def test_a_seller_cannot_counter_notice_another_sellers_case():
    product = make_product(make_seller())
    notice = _file(make_brand(), [product])
    intruder = owner_of(make_seller())
    with pytest.raises(Notice.DoesNotExist):
        takedowns.file_counter_notice(intruder, notice.public_id, "We sell genuine goods bought from Acme.")
    with pytest.raises(Notice.DoesNotExist):
        notice_for(intruder, notice.public_id)
    assert notice.cases.get().status == CaseStatus.TAKEN_DOWN


def test_sellers_never_see_the_complainants_evidence_and_brands_see_only_what_is_shared():
    product = make_product(make_seller())
    notice = _file(make_brand(), [product])
    seller_user = owner_of(product.seller)
    counter = takedowns.file_counter_notice(
        seller_user,
        notice.public_id,
        "Bought from Acme's own distributor; invoice attached.",
        shared_evidence=[pdf("invoice.pdf")],
        private_evidence=[png("supplier-contract.png")],
        now=MONDAY + timedelta(days=1),
    )
    as_seller = notice_for(seller_user, notice.public_id)
    assert as_seller.role == "seller" and as_seller.evidence == []
    for private in notice.evidence_files.all():
        with pytest.raises(EvidenceFile.DoesNotExist):
            evidence_file_for(seller_user, private.public_id)
    as_brand = notice_for(notice.brand.owner, notice.public_id)
    assert len(as_brand.evidence) == 2
    [(seen_counter, seen_files)] = as_brand.counter_notices
    assert seen_counter == counter and [f.original_name for f in seen_files] == ["invoice.pdf"]
    hidden = counter.evidence_files.get(shared_with_brand=False)
    with pytest.raises(EvidenceFile.DoesNotExist):
        evidence_file_for(notice.brand.owner, hidden.public_id)
    assert evidence_file_for(make_operator(), hidden.public_id) == hidden


def test_a_counter_noticed_listing_not_pursued_within_15_days_is_restored():
    product = make_product(make_seller())
    notice = _file(make_brand(), [product])
    countered_at = MONDAY + timedelta(days=2)
    takedowns.file_counter_notice(
        owner_of(product.seller),
        notice.public_id,
        "Genuine goods, bought from the brand's distributor.",
        now=countered_at,
    )
    assert takedowns.run_deadlines(now=countered_at + timedelta(days=14)) == {"upheld": 0, "restored": 0}
    assert _held(product)

    assert takedowns.run_deadlines(now=countered_at + timedelta(days=15, minutes=1))["restored"] == 1

    case = Case.objects.get()
    assert (case.status, case.resolution) == (CaseStatus.RESTORED, Resolution.NOT_PURSUED)
    assert not _held(product) and search_products("ginseng").total == 1
    assert not Strike.objects.exists()


def test_a_pursued_case_stays_down_until_an_operator_decides():
    product = make_product(make_seller())
    brand = make_brand()
    notice = _file(brand, [product])
    takedowns.file_counter_notice(
        owner_of(product.seller), notice.public_id, "These are genuine goods, really.", now=MONDAY
    )
    case = notice.cases.get()
    takedowns.report_pursuit(brand.owner, case.public_id, "lawsuit", "(2026) Hu 0115 Min Chu 123", now=MONDAY)
    takedowns.run_deadlines(now=MONDAY + timedelta(days=30))
    assert Case.objects.get().status == CaseStatus.PURSUED and _held(product)

    takedowns.decide_case(make_operator(), case.public_id, uphold=True, note="Test buy confirmed fake.")

    case.refresh_from_db()
    assert case.status == CaseStatus.UPHELD and _held(product)
    assert Strike.objects.get().serious  # counterfeit upheld


def test_an_operator_rejecting_a_disputed_notice_restores_the_listing():
    product = make_product(make_seller())
    notice = _file(make_brand(), [product], reason="trademark")
    takedowns.file_counter_notice(
        owner_of(product.seller), notice.public_id, "Nominative use of the mark only.", now=MONDAY
    )
    case = notice.cases.get()
    with pytest.raises(PermissionDenied):
        takedowns.decide_case(owner_of(product.seller), case.public_id, uphold=False)
    takedowns.decide_case(make_operator(), case.public_id, uphold=False, note="Descriptive use.")
    assert Case.objects.get().resolution == Resolution.OPERATOR_REJECTED and not _held(product)


def test_an_uncontested_takedown_is_upheld_after_the_deadline_with_a_strike():
    product = make_product(make_seller())
    _file(make_brand(), [product], reason="copyright")
    takedowns.run_deadlines(now=MONDAY + timedelta(days=2))
    assert Case.objects.get().status == CaseStatus.TAKEN_DOWN
    assert takedowns.run_deadlines(now=MONDAY + timedelta(days=3, minutes=1))["upheld"] == 1
    case = Case.objects.get()
    assert case.resolution == Resolution.UNCONTESTED and _held(product)
    assert not case.strike.serious


def test_a_late_or_second_counter_notice_is_refused():
    product = make_product(make_seller())
    notice = _file(make_brand(), [product])
    with pytest.raises(ValidationError):
        takedowns.file_counter_notice(
            owner_of(product.seller),
            notice.public_id,
            "Genuine goods from Acme Inc.",
            now=MONDAY + timedelta(days=4),
        )
    takedowns.file_counter_notice(
        owner_of(product.seller),
        notice.public_id,
        "Genuine goods from Acme Inc.",
        now=MONDAY + timedelta(days=1),
    )
    with pytest.raises(takedowns.CaseworkConflict):
        takedowns.file_counter_notice(
            owner_of(product.seller),
            notice.public_id,
            "Genuine goods again, Acme.",
            now=MONDAY + timedelta(days=1),
        )


def test_saving_a_taken_down_listing_again_does_not_bring_it_back():
    product = make_product(make_seller())
    _file(make_brand(), [product])
    update_listing(
        owner_of(product.seller), product, {"title_en": "Wisconsin ginseng roots, 4 oz, new photo"}
    )
    assert _held(product) and search_products("ginseng").total == 0


def test_a_notice_may_name_300_listings_at_two_queries_each(django_assert_max_num_queries):
    import copy
    import uuid

    base = make_product(make_seller())
    clones = []
    for _ in range(299):
        clone = copy.copy(base)
        clone.pk, clone.public_id = None, uuid.uuid4()
        clones.append(clone)
    products = [base, *Product.objects.bulk_create(clones)]
    brand = make_brand()
    with django_assert_max_num_queries(2 * 300 + 25):
        notice = _file(brand, products)
    assert notice.cases.count() == 300
    assert Product.objects.filter(held_from_buyers=True).count() == 300
