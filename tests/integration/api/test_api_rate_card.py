"""GET and PUT /seller/rate-card: a member's own card, validated, nothing changed by a refused request."""

import pytest
from api_support import ApiClient, assert_error, token_for

from borderless.catalog.models import RateCard
from factories import staff_of

pytestmark = pytest.mark.django_db
CARD = {
    "brackets": [
        {"zone": "CN", "up_to_g": 500, "base": "9.00"},
        {"zone": "CN", "up_to_g": 5000, "base": "12.00", "per_additional_kg": "3.50"},
        {"zone": "EU", "up_to_g": 2000, "base": "15", "per_additional_kg": "0"},
    ]
}


def test_no_card_yet_reads_as_empty_version_zero(seller_api):
    response = seller_api.get("/seller/rate-card")
    assert response.status_code == 200
    assert response.json() == {"currency": "USD", "version": 0, "updated_at": None, "brackets": []}


def test_put_then_get_the_card(seller, seller_api):
    response = seller_api.put("/seller/rate-card", CARD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["version"] == 1 and body["updated_at"]
    assert body["brackets"] == [
        {"zone": "CN", "up_to_g": 500, "base": "9.00", "per_additional_kg": "0.00"},
        {"zone": "CN", "up_to_g": 5000, "base": "12.00", "per_additional_kg": "3.50"},
        {"zone": "EU", "up_to_g": 2000, "base": "15.00", "per_additional_kg": "0.00"},
    ]
    assert seller_api.get("/seller/rate-card").json() == body
    # The same card again is no change; another one is the next version; [] leaves the default card.
    assert seller_api.put("/seller/rate-card", CARD).json()["version"] == 1
    assert seller_api.put("/seller/rate-card", {"brackets": CARD["brackets"][:1]}).json()["version"] == 2
    cleared = seller_api.put("/seller/rate-card", {"brackets": []}).json()
    assert cleared["version"] == 3 and cleared["brackets"] == []
    assert RateCard.objects.get(seller=seller).brackets == []


@pytest.mark.parametrize(
    ("bracket", "field", "words"),
    [
        ({"zone": "CN", "up_to_g": 500, "base": "-1.00"}, "brackets[1].base", "negative"),
        ({"zone": "CN", "up_to_g": 500, "base": "1.00", "per_additional_kg": "-2"},
         "brackets[1].per_additional_kg", "negative"),
        ({"zone": "CN", "up_to_g": 500, "base": "1.001"}, "brackets[1].base", "2 decimals"),
        ({"zone": "CN", "up_to_g": 0, "base": "1.00"}, "brackets[1].up_to_g", "greater than or equal to 1"),
        ({"zone": "BR", "up_to_g": 500, "base": "1.00"}, "brackets[1].zone", "CN"),
        ({"zone": "CN", "up_to_g": 400, "base": "1.00"}, "brackets[1].up_to_g", "must go up in weight"),
        ({"zone": "CN", "up_to_g": 1000, "base": "20000.00"}, "brackets[1].base", "10,000"),
    ],
)  # fmt: skip
def test_a_bad_bracket_is_a_422_naming_it_and_nothing_changes(seller, seller_api, bracket, field, words):
    seller_api.put("/seller/rate-card", {"brackets": [{"zone": "JP", "up_to_g": 1000, "base": "10.00"}]})
    first = {"zone": "CN", "up_to_g": 500, "base": "9.00"}
    error = assert_error(seller_api.put("/seller/rate-card", {"brackets": [first, bracket]}), 422, "invalid")
    assert field in error["details"], error
    assert words in " ".join(error["details"][field])
    card = RateCard.objects.get(seller=seller)
    assert card.version == 1 and [b["zone"] for b in card.brackets] == ["JP"]


def test_too_many_brackets_and_malformed_bodies_are_refused(seller_api):
    many = {"brackets": [{"zone": "CN", "up_to_g": g + 1, "base": "1.00"} for g in range(61)]}
    assert_error(seller_api.put("/seller/rate-card", many), 422)
    assert_error(seller_api.put("/seller/rate-card", {"brackets": "CN 500 9.00"}), 422)
    assert_error(
        seller_api.request("PUT", "/seller/rate-card", None, data="{", content_type="application/json"), 400
    )
    assert not RateCard.objects.exists()


def test_each_seller_reads_and_writes_only_its_own_card(seller, seller_api, other_seller, other_seller_api):
    seller_api.put("/seller/rate-card", CARD)
    assert other_seller_api.get("/seller/rate-card").json()["brackets"] == []
    other_seller_api.put("/seller/rate-card", {"brackets": [{"zone": "CN", "up_to_g": 500, "base": "1.00"}]})
    assert seller_api.get("/seller/rate-card").json()["brackets"][0]["base"] == "9.00"
    assert RateCard.objects.get(seller=other_seller).brackets[0]["base"] == "1.00"


def test_staff_may_read_and_write_the_card(seller, seller_api):
    staff = ApiClient(token_for(staff_of(seller)))
    assert staff.put("/seller/rate-card", CARD).status_code == 200
    assert seller_api.get("/seller/rate-card").json()["version"] == 1


def test_buyers_and_anonymous_callers_are_refused(seller, seller_api, buyer_api, anon):
    seller_api.put("/seller/rate-card", CARD)
    assert_error(anon.get("/seller/rate-card"), 401)
    assert_error(anon.put("/seller/rate-card", CARD), 401)
    assert_error(buyer_api.get("/seller/rate-card"), 403)
    assert_error(buyer_api.put("/seller/rate-card", {"brackets": []}), 403)
    assert RateCard.objects.get(seller=seller).version == 1
