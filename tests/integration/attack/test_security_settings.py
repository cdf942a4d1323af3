"""Session rotation on login, the password policy, and text with HTML rendered back escaped."""

import pytest
from django.test import Client

from factories import PASSWORD, make_buyer, make_product, make_seller

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_login_gives_a_new_session_key():
    buyer = make_buyer()
    client = Client()
    client.post("/destination/", {"destination": "CN"})
    session = client.session
    session["probe"] = 1
    session.save()
    before = client.cookies["sessionid"].value
    assert client.post("/login/", {"username": buyer.email, "password": PASSWORD}).status_code == 302
    assert client.cookies["sessionid"].value != before


@pytest.mark.parametrize("password", ["short-1", "maple-syrup", "password1234", "1234567890123"])
def test_weak_passwords_are_refused_at_sign_up(password):
    body = {"email": "weak@example.com", "password": password, "role": "buyer"}
    response = Client().post("/api/v1/auth/signup", body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["error"]["message"]
    assert make_buyer().email != "weak@example.com"
    from borderless.accounts.models import User

    assert not User.objects.filter(email="weak@example.com").exists()


def test_html_in_listing_text_is_rendered_escaped_on_every_page_that_shows_it():
    seller = make_seller(display_name=f"Farm {SCRIPT}")
    product = make_product(seller, title_en=f"Ginseng {SCRIPT}", description_en=f"Roots {SCRIPT}")
    client = Client()
    pages = [f"/p/{product.public_id}/", f"/s/{seller.public_id}/", "/search/?q=ginseng&lang=en", "/"]
    shown = 0
    for path in pages:
        page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        at = page.find("<script>alert")
        assert at < 0, (path, page[max(0, at - 300) : at + 80])
        assert "<img src=x" not in page, path
        shown += "&lt;script&gt;alert" in page
    assert shown >= 2  # the text is there, escaped (the product and the seller pages at least)
