"""POST /quotes: the same JSON contract as `borderless quote`, for anyone, with invalid input a 422."""

import io
import json
from decimal import Decimal

import pytest
from api_support import API, ApiClient, assert_error
from django.test import Client

from borderless.trade.cli import quote_main

MAPLE = {
    "destination": "CN",
    "date": "2026-11-25",
    "currency": "CNY",
    "freight": "50.00",
    "insurance": "0.00",
    "buyer": {"annual_total": "0.00"},
    "items": [
        {
            "hs_code": "1702.20",
            "description": "maple syrup",
            "unit_price": "300.00",
            "quantity": 1,
            "net_content": {"value": "250", "unit": "ml"},
            "rates": {"duty": "0.10", "vat": "0.13", "consumption_tax": "0"},
        }
    ],
}
TWO_OVER_LIMIT = dict(
    MAPLE, freight="0.00", items=[{"hs_code": "1702.20", "unit_price": "2600.00", "quantity": 2}]
)
ANNUAL_CROSSED = dict(
    MAPLE,
    buyer={"annual_total": "24000.00"},
    items=[dict(MAPLE["items"][0], unit_price="2500.00")],
)


def cli(text: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = quote_main(["-"], stdin=io.StringIO(text), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def post_text(text: str | bytes, content_type: str = "application/json"):
    return Client().post(f"{API}/quotes", data=text, content_type=content_type)


def single_item(unit_price: str, freight: str = "0.00") -> dict:
    return dict(
        MAPLE, freight=freight, items=[{"hs_code": "1702.20", "unit_price": unit_price, "quantity": 1}]
    )


@pytest.mark.parametrize("request_body", [MAPLE, TWO_OVER_LIMIT, ANNUAL_CROSSED, dict(MAPLE, currency="USD")])
def test_api_answers_exactly_what_the_cli_prints(anon, request_body):
    text = json.dumps(request_body)
    code, out, err = cli(text)
    assert code == 0, err
    response = post_text(text)
    assert response.status_code == 200, response.content
    assert response.json() == json.loads(out)


def test_maple_syrup_worked_example(anon):
    body = anon.post("/quotes", MAPLE).json()
    assert (body["regime"], body["treatment"], body["allowed"]) == ("CN-CBEC", "preferential", True)
    assert (body["dutiable_value"], body["vat"], body["total_tax"], body["total"]) == (
        "350.00",
        "31.85",
        "31.85",
        "381.85",
    )
    assert body["lines"][0]["vat"] == "31.85"


@pytest.mark.parametrize("request_body", [TWO_OVER_LIMIT, ANNUAL_CROSSED])
def test_orders_over_the_limits_are_refused_with_cn_c4(anon, request_body):
    response = anon.post("/quotes", request_body)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["allowed"] is False and body["treatment"] == "not_allowed"
    assert body["total"] is None and body["total_tax"] is None
    assert "CN-C4" in {r["rule"] for r in body["reasons"]}


def test_single_order_limit_boundary(anon):
    """Exactly 5,000.00 is within (CN-C5); a cent more is full tax for one item (CN-C3), refused for two."""
    at_limit = anon.post("/quotes", single_item("5000.00")).json()
    assert (at_limit["treatment"], at_limit["allowed"]) == ("preferential", True)
    one_over = anon.post("/quotes", single_item("5000.01")).json()
    assert (one_over["treatment"], one_over["allowed"]) == ("full", True)
    assert "CN-C3" in {r["rule"] for r in one_over["reasons"]}
    assert Decimal(one_over["total_tax"]) > Decimal(at_limit["total_tax"])
    two = {"hs_code": "1702.20", "unit_price": "2500.00", "quantity": 2}
    two_at_limit = anon.post("/quotes", dict(MAPLE, freight="0.00", items=[two])).json()
    assert (two_at_limit["treatment"], two_at_limit["allowed"]) == ("preferential", True)
    two_over = anon.post("/quotes", dict(MAPLE, freight="0.01", items=[two])).json()
    assert (two_over["treatment"], two_over["allowed"]) == ("not_allowed", False)
    assert "CN-C4" in {r["rule"] for r in two_over["reasons"]}


def test_quotes_need_no_authentication_and_ignore_a_bad_token(db):
    response = ApiClient("bl_not_a_real_token").post("/quotes", MAPLE)
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    ("text", "field", "fragment"),
    [
        ("not json", "__all__", "not valid JSON"),
        ("[" * 100_000, "__all__", "not valid JSON"),
        ("[]", "__all__", "expected a JSON object"),
        ('{"destination": "CN", "currency": "CNY", "freight": 50.5, "items": []}', "__all__", "fraction"),
        ('{"destination": "CN", "currency": "CNY", "freight": NaN, "items": []}', "__all__", "NaN"),
        (json.dumps(dict(MAPLE, destination="ZZ")), "destination", "not an ISO 3166"),
        (json.dumps(dict(MAPLE, destination="US")), "destination", "no landed-cost rules"),
        (json.dumps(dict(MAPLE, currency="XYZ")), "currency", "not a currency"),
        (json.dumps(dict(MAPLE, freight="50.001")), "freight", "decimal places"),
        (json.dumps(dict(MAPLE, freight="-1")), "freight", "negative"),
        (json.dumps(dict(MAPLE, colour="red")), "__all__", "unknown field"),
        (json.dumps(dict(MAPLE, items=[])), "items", "non-empty"),
        (
            json.dumps(dict(MAPLE, items=[{"hs_code": "1702.20", "unit_price": "1.00"}] * 10_000)),
            "items",
            "10000 lines",
        ),
        (
            json.dumps(dict(MAPLE, items=[{"hs_code": "17", "unit_price": "1.00"}])),
            "items[0].hs_code",
            "not an HS code",
        ),
        (
            '{"destination": "CN", "currency": "CNY", "freight": "1", "items": [{"hs_code": "1702.20",'
            ' "unit_price": "1", "quantity": 1e2}]}',
            "__all__",
            "fraction",
        ),  # fmt: skip
    ],
)
def test_invalid_requests_are_422_with_the_engines_message(db, text, field, fragment):
    error = assert_error(post_text(text), 422, "invalid")
    assert fragment in error["message"], error
    assert field in error["details"], error
    code, _, err = cli(text)
    assert code == 2 and fragment in err  # the CLI refuses it for the same reason


def test_an_integer_too_long_to_read_is_422_not_a_crash(db):
    text = json.dumps(MAPLE).replace('"quantity": 1', '"quantity": ' + "9" * 5000)
    error = assert_error(post_text(text), 422, "invalid")
    assert "not valid JSON" in error["message"]


def test_invalid_utf8_is_422(db):
    assert_error(post_text(b'{"destination": "\xff"}'), 422, "invalid")


def test_oversized_body_is_413(db):
    padding = "x" * (3 * 1024 * 1024)
    response = post_text(json.dumps(dict(MAPLE, padding=padding)))
    assert_error(response, 413, "too_large")


def test_schema_documents_the_request_and_the_answer(anon):
    operation = Client().get(f"{API}/openapi.json").json()["paths"]["/api/v1/quotes"]["post"]
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert request_schema["required"] == ["destination", "currency", "items"]
    amount = request_schema["properties"]["freight"]
    assert amount["type"] == "string" and amount["pattern"]
    assert {"200", "413", "422"} <= set(operation["responses"])
