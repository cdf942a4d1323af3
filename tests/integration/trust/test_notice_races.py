"""Races on PostgreSQL with real threads: the same notice filed four times at once opens one case;
a counter-notice sent twice at once is recorded once; the deadline task run twice at once restores once."""

from datetime import timedelta

import pytest

from borderless.trust import takedowns
from borderless.trust.casework_models import Case, CaseStatus, CounterNotice, Notice
from casework_support import STATEMENT, make_brand, png
from factories import make_product, make_seller, owner_of
from support import at_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_same_notice_filed_four_times_at_once_opens_one_case(on_postgres):
    product = make_product(make_seller())
    brand = make_brand()
    outcomes = at_once(
        4,
        lambda _: takedowns.file_notice(
            brand.owner, brand.public_id, [product.public_id], "counterfeit", STATEMENT, [png()]
        ),
    )
    assert sum(isinstance(o, Notice) for o in outcomes) == 1
    assert sum(isinstance(o, takedowns.CaseworkConflict) for o in outcomes) == 3, outcomes
    assert Notice.objects.count() == 1 and Case.objects.count() == 1


def test_a_counter_notice_sent_twice_at_once_is_recorded_once_and_restored_once(on_postgres):
    product = make_product(make_seller())
    brand = make_brand()
    notice = takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "trademark", STATEMENT, [png()]
    )
    seller = owner_of(product.seller)
    outcomes = at_once(
        2, lambda _: takedowns.file_counter_notice(seller, notice.public_id, "Genuine goods from the brand.")
    )
    assert sum(isinstance(o, CounterNotice) for o in outcomes) == 1, outcomes
    assert CounterNotice.objects.count() == 1
    later = Case.objects.get().pursuit_deadline + timedelta(minutes=1)
    results = at_once(2, lambda _: takedowns.run_deadlines(now=later))
    assert sum(r["restored"] for r in results) == 1, results
    assert Case.objects.get().status == CaseStatus.RESTORED
