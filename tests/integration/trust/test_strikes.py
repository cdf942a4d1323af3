"""Strikes over a rolling 365 days, the standing they lead to, store freezes holding listings, the fast track
of accurate brand owners, and the operators' metrics."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import translation

from borderless.catalog.models import Product
from borderless.trust import takedowns
from borderless.trust.casework_metrics import (
    casework_metrics,
    disputed_cases,
    nearest_rank,
    notices_to_precheck,
)
from borderless.trust.casework_models import Case, CaseStatus, Standing
from borderless.trust.strikes import lapse_old_strikes, notice_accuracy, seller_standing, standing_for
from casework_support import STATEMENT, make_brand, png
from factories import make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # The messages asserted here are the English ones; the Chinese catalog translates them.
    with translation.override("en"):
        yield


MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _notice(brand, products, now, reason="counterfeit"):
    return takedowns.file_notice(
        brand.owner, brand.public_id, [p.public_id for p in products], reason, STATEMENT, [png()], now=now
    )


def _uncontested(brand, product, now, reason="counterfeit"):
    """A notice the seller does not answer: upheld with a strike once the deadline passes."""
    _notice(brand, [product], now, reason)
    takedowns.run_deadlines(now=now + timedelta(days=7))


@pytest.mark.parametrize(
    "strikes, serious, level",
    [
        (0, 0, Standing.GOOD),
        (1, 1, Standing.WARNING),
        (2, 0, Standing.LISTING_FREEZE),
        (3, 0, Standing.STORE_FREEZE),
        (5, 2, Standing.STORE_FREEZE),
        (3, 3, Standing.CLOSED),
    ],
)
def test_standing_escalates_with_strikes(strikes, serious, level):
    assert standing_for(strikes, serious) == level


def test_three_strikes_freeze_the_store_and_hold_every_listing_until_they_lapse():
    seller = make_seller()
    spare = make_product(seller, title_en="Untouched listing")
    brand = make_brand()
    for week in range(3):
        _uncontested(brand, make_product(seller), MONDAY + timedelta(weeks=week), reason="trademark")
    assert seller_standing(seller.pk) == Standing.STORE_FREEZE
    assert Product.objects.get(pk=spare.pk).held_from_buyers

    lapse_old_strikes(MONDAY + timedelta(days=366, weeks=1))  # the first strike has aged out
    assert seller_standing(seller.pk) == Standing.LISTING_FREEZE
    assert not Product.objects.get(pk=spare.pk).held_from_buyers


def test_three_serious_strikes_close_the_store_for_good():
    seller = make_seller()
    brand = make_brand()
    for week in range(3):
        _uncontested(brand, make_product(seller), MONDAY + timedelta(weeks=week), reason="counterfeit")
    assert seller_standing(seller.pk) == Standing.CLOSED
    lapse_old_strikes(MONDAY + timedelta(days=800))
    assert seller_standing(seller.pk) == Standing.CLOSED


def test_strikes_older_than_365_days_do_not_count():
    seller = make_seller()
    brand = make_brand()
    _uncontested(brand, make_product(seller), MONDAY, reason="trademark")
    _uncontested(brand, make_product(seller), MONDAY + timedelta(days=400), reason="trademark")
    assert seller_standing(seller.pk) == Standing.WARNING


def test_accurate_brand_owners_get_the_fast_track_and_lose_it_when_they_abuse_notices():
    brand = make_brand()
    for n in range(10):
        _uncontested(brand, make_product(make_seller()), MONDAY + timedelta(days=n))
    now = MONDAY + timedelta(days=30)
    accuracy = notice_accuracy(brand, now)
    assert (accuracy.decided, accuracy.upheld_share, accuracy.fast_track) == (10, 1.0, True)
    notice = _notice(brand, [make_product(make_seller())], now)
    assert notice.fast_tracked and notice.prechecked_at == now
    assert notice not in notices_to_precheck()

    # Two notices whose listings come back after unanswered counter-notices: 2 of 12 restored.
    for product in (make_product(make_seller()), make_product(make_seller())):
        bad = _notice(brand, [product], now)
        takedowns.file_counter_notice(
            owner_of(product.seller), bad.public_id, "Our own goods, not yours.", now=now
        )
    takedowns.run_deadlines(now=now + timedelta(days=16))
    later = now + timedelta(days=16, hours=1)
    assert notice_accuracy(brand, later).successful_counter_share > 0.05
    assert not _notice(brand, [make_product(make_seller())], later).fast_tracked


def test_a_new_brand_owner_is_prechecked_and_a_rejected_notice_restores_its_listings():
    product = make_product(make_seller())
    notice = _notice(make_brand(), [product], MONDAY)
    assert not notice.fast_tracked and list(notices_to_precheck()) == [notice]
    takedowns.precheck_notice(make_operator(), notice.public_id, accept=False, note="No trademark shown.")
    assert Case.objects.get().status == CaseStatus.RESTORED
    assert not Product.objects.get(pk=product.pk).held_from_buyers
    assert list(notices_to_precheck()) == []


def test_operator_metrics_from_the_records():
    brand = make_brand()
    seller = make_seller()
    first, second = make_product(seller), make_product(seller)
    notice = _notice(brand, [first, second], MONDAY)
    takedowns.file_counter_notice(
        owner_of(seller), notice.public_id, "Genuine goods, with invoices.", now=MONDAY
    )
    repeat = make_seller()
    for week in range(2):
        _uncontested(brand, make_product(repeat), MONDAY + timedelta(weeks=week), reason="trademark")
    assert [c.product for c in disputed_cases()] == [first, second]

    metrics = casework_metrics(days=30, now=MONDAY + timedelta(days=20))

    assert (metrics.cases, metrics.countered, metrics.on_notice) == (4, 2, 4)
    assert metrics.counter_notice_rate == 0.5
    assert metrics.takedown_median_s == 0 and metrics.takedown_p95_s == 0
    assert metrics.proactive_share == 0.0
    assert [(o["name"], o["strikes"], o["level"]) for o in metrics.repeat_offenders] == [
        (repeat.display_name, 2, Standing.LISTING_FREEZE)
    ]


def test_nearest_rank_percentiles():
    values = [float(v) for v in range(1, 101)]
    assert (nearest_rank(values, 0.5), nearest_rank(values, 0.95), nearest_rank([], 0.5)) == (
        50.0,
        95.0,
        None,
    )


def test_a_listing_freeze_stops_new_and_changed_listings():
    from django.core.exceptions import ValidationError

    from borderless.trust.listings import create_listing, update_listing

    seller = make_seller()
    brand = make_brand()
    keep = make_product(seller)
    update_listing(owner_of(seller), keep, {"title_en": "Allowed before any strike"})
    for week in range(2):
        _uncontested(brand, make_product(seller), MONDAY + timedelta(weeks=week), reason="trademark")
    assert seller_standing(seller.pk) == Standing.LISTING_FREEZE
    with pytest.raises(ValidationError, match="frozen"):
        update_listing(owner_of(seller), keep, {"title_en": "A change during the freeze"})
    with pytest.raises(ValidationError, match="frozen"):
        create_listing(owner_of(seller), {"title_en": "New"}, [])
    assert Product.objects.get(pk=keep.pk).title_en == "Allowed before any strike"
