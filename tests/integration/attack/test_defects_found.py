"""Regression tests of the defects the attack suites found (each also shows in the fuzzing or the matrix)."""

import pytest
from django.test import Client
from django.utils import translation
from snapshot import changed_tables, snapshot

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


# --- found by the bad-input corpus against the web forms (test_bad_input_forms) ---


def said(response, text: str, **values) -> bool:
    """The page says `text`, in English or in its Chinese translation (the pages' language)."""
    with translation.override("zh-hans"):
        chinese = translation.gettext(text)
    content = response.content.decode()
    return any((t % values if values else t) in content for t in (text, chinese))


def _signed_in(world, role):
    client = Client(raise_request_exception=False)
    client.force_login(world.user(role))
    return client


def test_a_bare_word_as_the_destination_page_to_return_to_goes_home(client):
    """POST /destination/ with `next` a bare word answered 500: `redirect` took it for a view's name."""
    response = client.post("/destination/", {"destination": "CN", "next": "unknown-choice"})
    assert response.status_code == 302 and response["Location"] == "/"


def test_an_unknown_destination_says_so(client):
    response = client.post("/destination/", {"destination": "XX", "next": "/"}, follow=True)
    assert said(response, "Choose a destination country from the list.")
    assert "destination" not in response.client.cookies or not response.client.cookies["destination"].value


def test_removing_an_item_not_in_the_cart_says_so(world):
    """Removing an unknown cart item redirected to the cart without a word."""
    client = _signed_in(world, "buyer")
    before = snapshot()
    response = client.post("/cart/remove/", {"sku": "00000000-0000-4000-8000-000000000000"}, follow=True)
    assert said(response, "This item is not in your cart.")
    assert changed_tables(before, snapshot()) == []


def test_an_unknown_product_status_changes_nothing(world):
    """A status other than published or draft unpublished the product."""
    product = world.a.objects["published"]
    client = _signed_in(world, "seller_owner")
    before = snapshot()
    response = client.post(f"/seller/products/{product.public_id}/status/", {"status": "NaN"}, follow=True)
    assert said(response, "Choose to publish or to unpublish the product.")
    assert changed_tables(before, snapshot()) == []


def test_an_unknown_brand_action_is_refused(world):
    """An unknown `action` on the brand page answered 200 without a word."""
    client = _signed_in(world, "brand_owner")
    response = client.post(f"/brand/{world.a.ids['brand']}/", {"action": "unknown-choice"})
    assert response.status_code == 400
    assert said(response, "Choose what to add: a reference product or an authorised seller.")


NOTE_ERROR = "A note is at most %(limit)d characters, without control characters. Nothing was changed."


@pytest.mark.parametrize("note", ["x" * 501, "ok\x00"])
def test_a_console_note_too_long_or_with_a_nul_byte_decides_nothing(world, note):
    """Notes over 500 characters were cut and kept, NUL bytes kept: the notice was prechecked all the same."""
    client = _signed_in(world, "operator")
    before = snapshot()
    url = f"/ops/casework/notices/{world.a.ids['notice']}/precheck/"
    response = client.post(url, {"decision": "accept", "note": note}, follow=True)
    assert said(response, NOTE_ERROR, limit=500)
    assert changed_tables(before, snapshot()) == []
