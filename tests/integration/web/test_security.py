"""Security basics: CSRF, headers, cookies, login throttling, tokens never logged."""

import logging

import pytest
from django.test import Client

from factories import PASSWORD, make_buyer, make_seller, owner_of

pytestmark = pytest.mark.django_db


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in response


def test_hsts_behind_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_session_cookie_is_httponly_and_samesite():
    buyer = make_buyer()
    client = Client()
    response = client.post("/login/", {"username": buyer.email, "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    "path",
    ["/login/", "/signup/", "/seller/products/new/", "/seller/csv/", "/account/tokens/", "/i18n/setlang/"],
)
def test_every_form_needs_a_csrf_token(path):
    seller = make_seller()
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner_of(seller))
    response = client.post(path, {"name": "x"})
    assert response.status_code == 403


def test_login_is_throttled_per_account(settings):
    settings.AXES_FAILURE_LIMIT = 3
    buyer = make_buyer()
    for n in range(3):
        Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(
            "/login/", {"username": buyer.email, "password": "wrong-one!"}
        )
    response = Client(REMOTE_ADDR="10.0.0.99").post(
        "/login/", {"username": buyer.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    other = make_buyer()
    assert (
        Client(REMOTE_ADDR="10.0.0.98")
        .post("/login/", {"username": other.email, "password": PASSWORD})
        .status_code
        == 302
    )


def test_login_is_throttled_per_address(settings):
    settings.AXES_FAILURE_LIMIT = 3
    buyers = [make_buyer() for _ in range(4)]
    client = Client(REMOTE_ADDR="10.1.1.1")
    for buyer in buyers[:3]:
        client.post("/login/", {"username": buyer.email, "password": "wrong-one!"})
    assert client.post("/login/", {"username": buyers[3].email, "password": PASSWORD}).status_code == 429
    assert (
        Client(REMOTE_ADDR="10.1.1.2")
        .post("/login/", {"username": buyers[3].email, "password": PASSWORD})
        .status_code
        == 302
    )


def test_behind_the_proxy_the_throttle_counts_the_visitor_not_the_proxy(settings):
    """nginx on 127.0.0.1 names the visitor in X-Forwarded-For: one visitor's failures lock only that one."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.TRUSTED_PROXIES = frozenset({"127.0.0.1"})
    buyers = [make_buyer() for _ in range(4)]
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    for buyer in buyers[:3]:
        attacker.post("/login/", {"username": buyer.email, "password": "wrong-one!"})
    assert attacker.post("/login/", {"username": buyers[3].email, "password": PASSWORD}).status_code == 429
    # Another visitor through the same proxy signs in.
    visitor = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert visitor.post("/login/", {"username": buyers[3].email, "password": PASSWORD}).status_code == 302
    # Not from a trusted proxy, the header is the client's own word: it cannot move the attacker elsewhere.
    spoofing = Client(REMOTE_ADDR="10.2.2.2", HTTP_X_FORWARDED_FOR="198.51.100.21")
    for buyer in buyers[:3]:
        spoofing.post("/login/", {"username": buyer.email, "password": "wrong-two!"})
    elsewhere = Client(REMOTE_ADDR="10.2.2.2", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert elsewhere.post("/login/", {"username": buyers[3].email, "password": PASSWORD}).status_code == 429


def test_passwords_are_hashed_with_argon2(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    buyer = make_buyer()
    assert buyer.password.startswith("argon2$")


def test_api_tokens_are_stored_hashed_and_never_logged(client, caplog):
    from borderless.accounts.models import ApiToken

    buyer = make_buyer()
    client.force_login(buyer)
    with caplog.at_level(logging.DEBUG):
        response = client.post("/account/tokens/", {"name": "laptop"})
        token = response.context["new_token"]
        Client().get("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {token}")
        Client().get("/api/v1/auth/tokens", HTTP_AUTHORIZATION=f"Bearer {token}x")
    assert token.startswith("bl_")
    stored = ApiToken.objects.get(user=buyer)
    assert token not in (stored.token_hash, stored.prefix)
    assert token not in caplog.text
    assert client.get("/account/tokens/").content.decode().count(token) == 0
