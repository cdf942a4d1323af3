"""API test helpers: a JSON client that speaks bearer tokens, the error-shape check, a valid product."""

import json

from django.test import Client

from borderless.accounts.services import create_api_token

API = "/api/v1"


class ApiClient:
    """Django's test client with JSON bodies and an optional bearer token."""

    def __init__(self, token: str | None = None, **defaults) -> None:
        self.client = Client(**defaults)
        self.token = token

    def _headers(self, headers: dict | None) -> dict:
        merged = dict(headers or {})
        if self.token:
            merged.setdefault("Authorization", f"Bearer {self.token}")
        return merged

    def request(self, method: str, path: str, body=None, *, headers: dict | None = None, **extra):
        call = getattr(self.client, method.lower())
        kwargs = {"headers": self._headers(headers), **extra}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        return call(API + path, **kwargs)

    def get(self, path: str, params: dict | None = None, **kw):
        return self.client.get(API + path, params or {}, headers=self._headers(kw.pop("headers", None)), **kw)

    def post(self, path: str, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def patch(self, path: str, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def put(self, path: str, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def delete(self, path: str, **kw):
        return self.request("DELETE", path, **kw)

    def upload(self, path: str, files: dict, **kw):
        return self.client.post(API + path, files, headers=self._headers(kw.pop("headers", None)), **kw)


def token_for(user) -> str:
    return create_api_token(user, "test")[1]


def assert_error(response, status: int, code: str | None = None) -> dict:
    """The one error shape, with the expected status; returns the `error` object."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["details"], dict)
    if code is not None:
        assert error["code"] == code, error
    return error


def product_payload(**overrides) -> dict:
    payload = {
        "category": "maple-syrup",
        "brand_name": "Sugarbush Farm",
        "hs_code": "1702.20",
        "title_en": "Vermont maple syrup, grade A amber, 500 ml",
        "title_zh": "佛蒙特枫糖浆 A级琥珀色 500毫升",
        "description_en": "Boiled over wood fire from our own sugar maples.",
        "description_zh": "用自家糖枫树的树液柴火熬制。",
        "net_content": {"value": "500", "unit": "ml"},
        "unit_weight_g": "720",
        "skus": [{"code": "MS-500", "price_usd": "18.50", "stock": 40, "gtin": "036000291452"}],
    }
    payload.update(overrides)
    return payload
