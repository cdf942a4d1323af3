from datetime import date
from decimal import Decimal as D

import pytest

from borderless.money import Money
from borderless.trade import InvalidRequest, default_freight, landed_price_for_listing


def test_default_freight_by_zone_weight_and_dimensions():
    assert default_freight("CN", D("250")) == Money(D("14.00"), "USD")
    assert default_freight("CN", D("500")) == Money(D("14.00"), "USD")
    assert default_freight("CN", D("501")) == Money(D("18.50"), "USD")
    assert default_freight("FR", D("100")) == default_freight("DE", D("100"))
    # 30 × 20 × 10 cm = 1.2 kg dimensional: three 500 g steps although it weighs 200 g.
    assert default_freight("CN", D("200"), (D(30), D(20), D(10))) == Money(D("23.00"), "USD")
    with pytest.raises(ValueError):
        default_freight("BR", D("100"))


def test_landed_price_for_a_product_card():
    q = landed_price_for_listing("CN", "3304.99", D("45.00"), (D("30"), "ml"), D("250"), date(2025, 6, 13))
    assert q.currency == "CNY" and q.allowed
    assert q.lines[0].quantity == 1
    assert q.freight.amount == (D("14.00") * q.fx.rate).quantize(D("0.01"))
    assert q.consumption_tax.amount > 0  # 45 USD for 30 ml is over RMB 10/ml
    assert any(r.rule == "FREIGHT" for r in q.reasons)


def test_landed_price_for_listing_refuses_bad_input():
    with pytest.raises(InvalidRequest):
        landed_price_for_listing("CN", "12", D("1"), None, D("1"))
    with pytest.raises(InvalidRequest):
        landed_price_for_listing("CN", "170220", D("1"), (D("1"), "oz"), D("1"))
