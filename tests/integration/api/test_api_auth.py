"""Sign-up, API tokens and login throttling through the API."""

import logging

import pytest
from api_support import ApiClient, assert_error

from borderless.accounts.models import ApiToken, Seller, User
from factories import PASSWORD, make_buyer, make_seller, owner_of

pytestmark = pytest.mark.django_db

BUSINESS = {
    "legal_name": "Cedar Creek Ginseng LLC",
    "state": "WI",
    "city": "Wausau",
    "business_type": "farm",
    "employee_band": "2-9",
    "revenue_band": "lt100k",
    "year_founded": 1987,
}


def test_buyer_signs_up(anon):
    response = anon.post(
        "/auth/signup",
        {"email": "Li.Wei@Example.com", "password": PASSWORD, "role": "buyer", "province": "SH"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "li.wei@example.com"
    assert body["role"] == "buyer"
    assert body.get("seller") is None
    user = User.objects.get(public_id=body["id"])
    assert user.buyer_profile.province == "SH"
    assert user.check_password(PASSWORD)


def test_seller_signs_up_pending_verification(anon):
    response = anon.post(
        "/auth/signup",
        {"email": "owner@cedarcreek.example", "password": PASSWORD, "role": "seller", "business": BUSINESS},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["role"] == "seller"
    assert body["seller"]["legal_name"] == "Cedar Creek Ginseng LLC"
    assert body["seller"]["display_name"] == "Cedar Creek Ginseng LLC"
    assert body["seller"]["verification_status"] == "pending"
    assert Seller.objects.get(public_id=body["seller"]["id"]).memberships.get().user.email == body["email"]


def test_seller_sign_up_without_business_is_refused(anon):
    response = anon.post("/auth/signup", {"email": "x@example.com", "password": PASSWORD, "role": "seller"})
    error = assert_error(response, 422, "invalid")
    assert "business" in error["details"]
    assert not User.objects.filter(email="x@example.com").exists()


def test_sign_up_reports_every_bad_field_and_writes_nothing(anon):
    make_buyer(email="taken@example.com")
    response = anon.post(
        "/auth/signup",
        {
            "email": "taken@example.com",
            "password": "short",
            "role": "seller",
            "business": {**BUSINESS, "state": "ZZ"},
        },
    )
    error = assert_error(response, 422, "invalid")
    assert {"email", "password", "state"} <= set(error["details"])
    assert Seller.objects.count() == 0


def test_sign_up_with_an_unknown_role_is_a_validation_error(anon):
    response = anon.post("/auth/signup", {"email": "a@example.com", "password": PASSWORD, "role": "operator"})
    error = assert_error(response, 422, "invalid")
    assert "role" in error["details"]
    assert not User.objects.filter(email="a@example.com").exists()


def test_malformed_json_is_a_400_in_the_error_shape(anon):
    response = anon.client.post("/api/v1/auth/signup", data="{not json", content_type="application/json")
    assert_error(response, 400, "bad_request")


def test_token_create_use_list_revoke(anon):
    seller = make_seller()
    owner = owner_of(seller)
    response = anon.post(
        "/auth/tokens", {"email": owner.email, "password": PASSWORD, "name": "inventory sync"}
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["token"].startswith("bl_")
    assert created["name"] == "inventory sync"

    api = ApiClient(created["token"])
    assert api.get("/seller/profile").json()["id"] == str(seller.public_id)

    listed = api.get("/auth/tokens").json()
    assert [t["id"] for t in listed] == [created["id"]]
    assert "token" not in listed[0] and "token_hash" not in listed[0]
    assert created["token"].startswith(listed[0]["prefix"])

    assert api.delete(f"/auth/tokens/{created['id']}").status_code == 204
    assert ApiToken.objects.get(public_id=created["id"]).revoked_at is not None
    assert_error(api.get("/seller/profile"), 401, "unauthorized")


def test_cannot_revoke_someone_elses_token(buyer_api):
    other = make_buyer()
    token = ApiToken.objects.create(user=other, name="theirs", prefix="bl_x", token_hash="0" * 64)
    assert_error(buyer_api.delete(f"/auth/tokens/{token.public_id}"), 404, "not_found")
    token.refresh_from_db()
    assert token.revoked_at is None


def test_wrong_password_is_401(anon, buyer):
    response = anon.post("/auth/tokens", {"email": buyer.email, "password": "not the password"})
    assert_error(response, 401, "invalid_credentials")
    assert not ApiToken.objects.filter(user=buyer).exists()


def test_a_made_up_token_is_401(anon):
    assert_error(ApiClient("bl_madeup").get("/auth/tokens"), 401, "unauthorized")
    assert_error(anon.get("/auth/tokens"), 401, "unauthorized")


def test_lockout_per_account_after_the_failure_limit(settings, buyer):
    # Each attempt from a different address: only the per-account counter can stop them.
    for n in range(settings.AXES_FAILURE_LIMIT):
        client = ApiClient(REMOTE_ADDR=f"198.51.100.{n + 1}")
        response = client.post("/auth/tokens", {"email": buyer.email, "password": "wrong password"})
        assert response.status_code in {401, 429}
    fresh_address = ApiClient(REMOTE_ADDR="203.0.113.77")
    response = fresh_address.post("/auth/tokens", {"email": buyer.email, "password": PASSWORD})
    error = assert_error(response, 429, "locked_out")
    assert "try again" in error["message"]
    assert not ApiToken.objects.filter(user=buyer).exists()
    # Another account from that address is not affected.
    other = make_buyer()
    assert fresh_address.post("/auth/tokens", {"email": other.email, "password": PASSWORD}).status_code == 201


def test_lockout_per_address_after_the_failure_limit(settings, buyer):
    client = ApiClient(REMOTE_ADDR="192.0.2.10")
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/auth/tokens", {"email": f"nobody{n}@example.com", "password": "guess"})
    response = client.post("/auth/tokens", {"email": buyer.email, "password": PASSWORD})
    assert_error(response, 429, "locked_out")
    assert not ApiToken.objects.filter(user=buyer).exists()
    # The same account from elsewhere still gets in.
    elsewhere = ApiClient(REMOTE_ADDR="192.0.2.99")
    assert elsewhere.post("/auth/tokens", {"email": buyer.email, "password": PASSWORD}).status_code == 201


def test_session_cookie_works_and_unsafe_methods_need_csrf(buyer):
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)
    assert client.get("/api/v1/auth/tokens").status_code == 200
    token = ApiToken.objects.create(user=buyer, name="t", prefix="bl_y", token_hash="1" * 64)
    response = client.delete(f"/api/v1/auth/tokens/{token.public_id}")
    assert_error(response, 403, "csrf_failed")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    token.refresh_from_db()
    assert token.revoked_at is None
    # With the CSRF cookie and the matching header, as the web pages send them, the same call goes through.
    secret = _get_new_csrf_string()
    client.cookies["csrftoken"] = secret
    response = client.delete(
        f"/api/v1/auth/tokens/{token.public_id}", headers={"X-CSRFToken": _mask_cipher_secret(secret)}
    )
    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_tokens_and_passwords_never_reach_the_log(anon, buyer, caplog):
    caplog.set_level(logging.DEBUG)
    created = anon.post("/auth/tokens", {"email": buyer.email, "password": PASSWORD}).json()["token"]
    ApiClient(created).get("/auth/tokens")
    anon.get("/auth/tokens", headers={"Authorization": f"Token {created}"})
    anon.post("/auth/tokens", {"email": buyer.email, "password": "wrong " + created})
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert created not in logged
    assert PASSWORD not in logged


def test_malformed_multipart_token_request_is_a_400_not_a_crash(anon, buyer):
    # Found by schemathesis: the lockout handler reads the form body, which Django cannot parse here.
    body = f'{{"email": "{buyer.email}", "password": "wrong password"}}'
    response = anon.client.post("/api/v1/auth/tokens", data=body, content_type="multipart/form-data")
    assert_error(response, 400, "bad_request")


def test_a_bearer_call_skips_the_browser_middleware_and_a_bad_token_with_a_session_does_not_borrow_it(buyer):
    from django.test import Client

    from borderless.accounts import services as accounts

    _, token = accounts.create_api_token(buyer, "t")
    client = Client(enforce_csrf_checks=True)
    # A bearer call: no CSRF token needed, no session or CSRF cookie set, no session read.
    bearer = {"Authorization": f"Bearer {token}"}
    body = {"sku": "nope", "quantity": 1}
    response = client.post("/api/v1/cart/items", body, content_type="application/json", headers=bearer)
    assert response.status_code in (404, 422) and not response.cookies
    assert "Content-Security-Policy" not in response  # JSON for a program: no page to protect
    # A browser with a session still passes through sessions and CSRF: without the token, 403.
    client.force_login(buyer)
    response = client.post(
        "/api/v1/cart/items", {"sku": "nope", "quantity": 1}, content_type="application/json"
    )
    assert_error(response, 403, "csrf_failed")
    # A made-up bearer token next to a valid session cookie is refused: the call is a token call.
    response = client.get("/api/v1/cart", headers={"Authorization": "Bearer bl_madeup"})
    assert response.status_code == 401
    assert client.get("/api/v1/cart").status_code == 200  # the session alone still works
