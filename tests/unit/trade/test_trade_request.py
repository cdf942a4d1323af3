"""Malformed requests are refused with InvalidRequest and a message that says what to fix."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderless.trade import InvalidRequest, QuoteRequest, quote


def base(**overrides):
    req = {
        "destination": "CN",
        "currency": "CNY",
        "freight": "50.00",
        "items": [{"hs_code": "1702.20", "unit_price": "300.00", "quantity": 1}],
    }
    req.update(overrides)
    return req


def item(**overrides):
    return base(items=[{"hs_code": "1702.20", "unit_price": "300.00", "quantity": 1, **overrides}])


def refused(data, fragment):
    with pytest.raises(InvalidRequest) as exc:
        QuoteRequest.from_dict(data)
    assert fragment in exc.value.message
    return exc.value


def test_valid_request_parses():
    req = QuoteRequest.from_dict(base(date="2026-11-25", insurance="1.00", buyer={"annual_total": "10.00"}))
    assert req.items[0].hs_code == "170220"
    assert str(req.freight) == "50.00"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ([], "JSON object"),
        ({"currency": "CNY", "items": []}, "missing field(s) destination"),
        (base(destination="XX"), "not an ISO 3166 country"),
        (base(destination="BR"), "no landed-cost rules for BR"),
        (base(destination="cn"), "capitals"),
        (base(currency="RMB"), "not a currency"),
        (base(items=[]), "non-empty list"),
        (base(date="25/11/2026"), "not an ISO date"),
        (base(freight=50.5), "strings"),
        (base(freight="-5.00"), "negative"),
        (base(freight="abc"), "plain decimal"),
        (base(freigth="50.00"), "unknown field(s) freigth"),
        (base(fx_margin_bps=-1), "fx_margin_bps"),
        (item(unit_price="300.001"), "more than 2 decimal places for CNY"),
        (item(unit_price=300.0), "strings"),
        (item(unit_price="1e3"), "plain decimal"),
        (item(unit_price="NaN"), "plain decimal"),
        (item(hs_code="17.02"), "not an HS code"),
        (item(hs_code="7702.20"), "chapter 77"),
        (item(hs_code=170220), "string"),
        (item(quantity=0), "quantity"),
        (item(quantity=1.0), "quantity"),
        (item(quantity=True), "quantity"),
        (item(net_content={"value": "250", "unit": "oz"}), "unit"),
        (item(net_content={"value": "0", "unit": "ml"}), "greater than zero"),
        (item(rates={"vat": "1.2"}), "below 1"),
        (item(rates={"duty": 0.1}), "rate"),
        (item(rates={"tariff": "0.1"}), "unknown field(s) tariff"),
        (base(buyer={"annual_total": "-1"}), "negative"),
        (base(freight=None, items=[{"hs_code": "1702.20", "unit_price": "1.00"}]), "weight_g"),
    ],
)
def test_malformed_requests(data, fragment):
    refused(data, fragment)


def test_jpy_amounts_have_no_decimals():
    yen = [{"hs_code": "1702.20", "unit_price": "3000"}]
    refused(
        base(destination="JP", currency="JPY", freight="100.5", items=yen),
        "more than 0 decimal places for JPY",
    )
    refused(base(destination="JP", currency="JPY", freight="100"), "more than 0 decimal places for JPY")
    QuoteRequest.from_dict(base(destination="JP", currency="JPY", freight="1500", items=yen))


def test_more_than_500_lines_are_refused_fast():
    line = {"hs_code": "1702.20", "unit_price": "1.00"}
    QuoteRequest.from_dict(base(items=[line] * 500))
    start = time.perf_counter()
    refused(base(items=[line] * 10_000), "at most 500")
    assert time.perf_counter() - start < 0.05


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["destination", "date", "currency", "freight", "insurance", "buyer", "items", "fx_margin_bps"]
ITEM_FIELDS = ["hs_code", "description", "unit_price", "quantity", "net_content", "rates", "weight_g", "sku"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS + ITEM_FIELDS), json_values)
def test_any_malformed_value_gives_invalid_request_or_a_quote(field, value):
    data = base(date="2026-11-25")
    if field in ITEM_FIELDS:
        data["items"][0][field] = value
    else:
        data[field] = value
    try:
        request = QuoteRequest.from_dict(data)
    except InvalidRequest:
        return
    assert quote(request).as_dict()["destination"] == request.destination
