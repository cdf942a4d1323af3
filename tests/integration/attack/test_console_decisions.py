"""Regression: a console decision posted without `decision` (or with an unknown one) decided anyway.

The seller, brand, screening, case and notice forms read anything but their first choice as the other one:
a screening posted without `decision` was upheld, a seller or brand rejected. Now each is a form error (an
error message on the page it returns to) and no table changes.
"""

from decimal import Decimal

import pytest
from django.contrib.messages import constants, get_messages
from django.test import Client
from snapshot import changed_tables, snapshot

from borderless.trust import listings
from borderless.trust.models import Decision
from factories import make_seller, owner_of
from trust_factories import make_brand

pytestmark = pytest.mark.django_db

BAG = {
    "category": "handbags", "hs_code": "420221", "title_zh": "真皮托特包", "description_en": "Leather tote.",
    "net_content_value": Decimal("1"), "net_content_unit": "piece", "unit_weight_g": Decimal("900"),
    "status": "published", "brand_name": "Unbranded",
}  # fmt: skip


@pytest.fixture
def held(django_capture_on_commit_callbacks):
    """A listing screening held for review: a look-alike of a verified brand, far below its price."""
    with django_capture_on_commit_callbacks(execute=True):
        make_brand(name_en="Prairie Leatherworks", name_zh="草原皮具")
    fields = {**BAG, "title_en": "Prairie Leatherwork saddle tote, 1:1 mirror quality"}
    skus = [{"code": "BAG-1", "price_usd": Decimal("39.00"), "stock": 5, "gtin": ""}]
    _, result = listings.create_listing(owner_of(make_seller()), fields, skus)
    assert result.verdict != "clear" and result.decision == Decision.NONE
    return result


def _routes(world, held):
    pending_seller = make_seller(verified=False)
    pending_brand = make_brand(verified=False, name_en="Pending Brand", name_zh="")
    return [
        f"/ops/sellers/{pending_seller.public_id}/decide/",
        f"/ops/brands/{pending_brand.public_id}/decide/",
        f"/ops/review/{held.public_id}/decide/",
        f"/ops/casework/cases/{world.a.ids['case']}/decide/",
        f"/ops/casework/notices/{world.a.ids['notice']}/precheck/",
    ]


@pytest.mark.parametrize("posted", [{}, {"decision": ""}, {"decision": "maybe"}, {"decision": "x" * 10_000}])
def test_a_decision_without_a_choice_is_a_form_error_and_changes_nothing(world, held, posted):
    client = Client()
    client.force_login(world.operator)
    for url in _routes(world, held):
        before = snapshot()
        response = client.post(url, {**posted, "note": "checked"})
        assert changed_tables(before, snapshot()) == [], url
        assert response.status_code == 302, url
        errors = [m.message for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]
        assert errors and "Choose a decision" in errors[0], (url, errors)


def test_an_explicit_choice_still_decides(world, held):
    client = Client()
    client.force_login(world.operator)
    client.post(f"/ops/review/{held.public_id}/decide/", {"decision": "uphold"})
    held.refresh_from_db()
    assert held.decision == Decision.UPHELD
