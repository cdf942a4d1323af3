"""Regression tests of the defects the attack suites found (each also shows in the fuzzing or the matrix)."""

import pytest
from api_client import bearer

from borderless.orders import services as orders
from borderless.payments.models import Payment
from borderless.payments.services import start_payment
from borderless.trust.models import ListingScreening
from factories import ADDRESS, IDENTITY

pytestmark = pytest.mark.django_db


def test_a_clear_screening_cannot_be_decided(client, world):
    """Deciding a screening that holds nothing answered 500 (the answer's model allows held verdicts only)."""
    screening_id = world.a.ids["screening"]
    before = ListingScreening.objects.values().get(public_id=screening_id)
    response = client.post(
        f"/api/v1/ops/screenings/{screening_id}/decision",
        {"decision": "cleared"},
        content_type="application/json",
        headers=bearer(world.operator),
    )
    assert response.status_code == 422
    # The API answers in the platform's language (Chinese).
    assert response.json()["error"]["details"]["decision"] == ["只有被暂扣的商品才能放行或维持暂扣。"]
    assert ListingScreening.objects.values().get(public_id=screening_id) == before


def test_only_the_payer_completes_a_sandbox_payment(client, world):
    """An operator may read a buyer's payment, but paid (or failed) it on the buyer's behalf."""
    buyer = world.a.users["buyer"]
    result = orders.checkout(buyer, "attack-payer", ADDRESS, IDENTITY)
    payment, _ = start_payment(buyer, result.checkout.public_id)
    url = f"/api/v1/payments/{payment.public_id}/sandbox/complete"
    body = {"outcome": "succeeded"}
    for user in (world.operator, world.b.users["buyer"], world.a.users["seller_owner"]):
        response = client.post(url, body, content_type="application/json", headers=bearer(user))
        assert response.status_code == 404
        assert Payment.objects.get(pk=payment.pk).status == payment.status
    assert (
        client.get(f"/api/v1/payments/{payment.public_id}", headers=bearer(world.operator)).status_code == 200
    )
    response = client.post(url, body, content_type="application/json", headers=bearer(buyer))
    assert response.status_code == 202


def test_operators_read_every_brand_and_owners_only_their_own(client, world):
    """Operators verify brands but GET /brands refused them (403); now they read every brand."""
    both = {str(world.a.ids["brand"]), str(world.b.ids["brand"])}
    response = client.get("/api/v1/brands", headers=bearer(world.operator))
    assert response.status_code == 200
    assert both <= {b["id"] for b in response.json()}
    one = client.get(f"/api/v1/brands/{world.b.ids['brand']}", headers=bearer(world.operator))
    assert one.status_code == 200 and one.json()["name_en"] == world.b.objects["brand"].name_en
    owner = bearer(world.a.users["brand_owner"])
    assert {b["id"] for b in client.get("/api/v1/brands", headers=owner).json()} == {
        str(world.a.ids["brand"])
    }
    assert client.get(f"/api/v1/brands/{world.b.ids['brand']}", headers=owner).status_code == 404
    for role in ("buyer", "seller_owner"):
        assert client.get("/api/v1/brands", headers=bearer(world.user(role))).status_code == 403
