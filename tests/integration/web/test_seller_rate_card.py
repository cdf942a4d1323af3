"""The seller centre's rate card: members edit their own, bad rows are named and nothing is saved."""

from decimal import Decimal

import pytest

from borderless.catalog.models import RateCard
from borderless.catalog.rate_cards import set_rate_card
from factories import make_buyer, make_seller, owner_of, staff_of

pytestmark = pytest.mark.django_db
URL = "/seller/rate-card/"


def card_post(*rows, initial: int = 0, delete: tuple[int, ...] = ()):
    data = {
        "brackets-TOTAL_FORMS": str(len(rows)),
        "brackets-INITIAL_FORMS": str(initial),
        "brackets-MIN_NUM_FORMS": "0",
        "brackets-MAX_NUM_FORMS": "60",
    }
    for i, (zone, up_to, base, per_kg) in enumerate(rows):
        data |= {f"brackets-{i}-zone": zone, f"brackets-{i}-up_to_g": up_to, f"brackets-{i}-base": base,
                 f"brackets-{i}-per_additional_kg": per_kg}  # fmt: skip
        if i in delete:
            data[f"brackets-{i}-DELETE"] = "on"
    return data


@pytest.fixture
def seller():
    return make_seller(state="VT")


@pytest.fixture
def seller_client(client, seller):
    client.force_login(owner_of(seller))
    return client


def test_a_seller_without_a_card_sees_the_default_rates_and_an_empty_form(seller_client):
    response = seller_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="rate-card-form"' in html and 'id="default-card"' in html
    assert "CN · Mainland China" in html and "14.00" in html  # the default card's first step to China
    assert 'id="rate-card-version"' not in html
    assert response.context["formset"].total_form_count() == 3
    # An empty row's zone starts blank, so a browser submits the empty rows as empty and they are skipped.
    assert html.count('<option value="" selected>—</option>') == 3


def test_save_a_card_then_edit_and_remove_a_bracket(seller_client, seller):
    blank = ("", "", "", "")
    response = seller_client.post(
        URL, card_post(("CN", "500", "9.00", ""), ("CN", "2000", "12", "3.50"), blank)
    )
    assert response.status_code == 302 and response["Location"] == URL
    card = RateCard.objects.get(seller=seller)
    assert card.version == 1
    assert card.brackets == [
        {"zone": "CN", "up_to_g": 500, "base": "9.00", "per_additional_kg": "0.00"},
        {"zone": "CN", "up_to_g": 2000, "base": "12.00", "per_additional_kg": "3.50"},
    ]
    page = seller_client.get(URL)
    assert "Rate card saved." in page.content.decode() and "Version 1, saved" in page.content.decode()
    assert page.context["formset"].initial_form_count() == 2
    response = seller_client.post(
        URL, card_post(("CN", "500", "8.00", ""), ("CN", "2000", "12.00", "3.50"), initial=2, delete=(1,))
    )
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.version == 2
    assert card.brackets == [{"zone": "CN", "up_to_g": 500, "base": "8.00", "per_additional_kg": "0.00"}]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((("CN", "2000", "12.00", ""), ("CN", "500", "9.00", "")), "must go up in weight"),
        ((("CN", "500", "9.00", ""), ("CN", "500", "10.00", "")), "not above 500 g"),
        ((("CN", "500", "-1.00", ""),), "cannot be negative"),
        ((("CN", "500", "9.00", "-0.50"),), "cannot be negative"),
        ((("CN", "500", "9.001", ""),), "2 decimal places"),
        ((("CN", "0", "9.00", ""),), "greater than or equal to 1"),
        ((("CN", "500", "", ""),), "This field is required"),
        ((("BR", "500", "9.00", ""),), "Select a valid choice"),
    ],
)
def test_a_bad_row_is_shown_on_the_form_and_nothing_is_saved(seller_client, seller, rows, message):
    set_rate_card(owner_of(seller), [{"zone": "JP", "up_to_g": 1000, "base": "10.00"}])
    response = seller_client.post(URL, card_post(*rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="rate-card-errors"' in html and "was not saved" in html
    assert message in html
    card = RateCard.objects.get(seller=seller)
    assert card.version == 1 and card.brackets[0]["zone"] == "JP"


def test_the_error_sits_on_the_row_it_concerns(seller_client):
    response = seller_client.post(URL, card_post(("CN", "2000", "12.00", ""), ("CN", "500", "9.00", "")))
    forms = response.context["formset"].forms
    assert not forms[0].errors
    assert "must go up in weight" in " ".join(forms[1].errors["up_to_g"])


def test_staff_may_edit_the_card_too(client, seller):
    client.force_login(staff_of(seller))
    assert client.post(URL, card_post(("JP", "1000", "10.00", ""))).status_code == 302
    assert RateCard.objects.get(seller=seller).updated_by.membership.role == "staff"


def test_another_seller_sees_only_its_own_card_and_cannot_change_this_one(client, seller):
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 500, "base": "9.00"}])
    other = make_seller(state="WI")
    client.force_login(owner_of(other))
    page = client.get(URL)
    assert page.context["card"] is None and page.context["formset"].initial_form_count() == 0
    assert client.post(URL, card_post(("CN", "500", "1.00", ""))).status_code == 302
    assert RateCard.objects.get(seller=seller).brackets[0]["base"] == "9.00"
    assert RateCard.objects.get(seller=other).brackets[0]["base"] == "1.00"


def test_buyers_and_visitors_cannot_see_or_change_a_card(client, seller):
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 500, "base": "9.00"}])
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post(URL, card_post(("CN", "500", "1.00", ""))).status_code == 302
    client.force_login(make_buyer())
    assert client.get(URL).status_code == 403
    assert client.post(URL, card_post(("CN", "500", "1.00", ""))).status_code == 403
    assert RateCard.objects.get(seller=seller).brackets[0]["base"] == "9.00"


def test_the_calculator_shows_the_sellers_freight(seller_client, seller):
    from factories import make_product

    product = make_product(seller, unit_weight_g=Decimal("150"))
    set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 500, "base": "2.00"}])
    html = seller_client.get(f"/seller/products/{product.public_id}/landed/").content.decode()
    assert "Seller&#x27;s rate card: 2.00 USD for 150.0 g (CN, up to 500 g)." in html
    assert "has no rate for JP at 150.0 g" in html


def test_operators_read_cards_in_the_admin_but_do_not_edit_them(client, seller):
    from factories import make_operator

    card = set_rate_card(owner_of(seller), [{"zone": "CN", "up_to_g": 500, "base": "9.00"}])
    client.force_login(make_operator())
    assert seller.display_name in client.get("/admin/catalog/ratecard/").content.decode()
    page = client.get(f"/admin/catalog/ratecard/{card.pk}/change/")
    assert page.status_code == 200 and "9.00" in page.content.decode()
    assert client.get("/admin/catalog/ratecard/add/").status_code == 403
