"""The sandbox customs' verdicts and the plain rules of the messages, without a database."""

import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from borderless.customs import schema
from borderless.customs.ceb import Line, OrderFacts, build_order, fit, gcode, item_no
from borderless.customs.errors import CustomsDataError
from borderless.customs.sandbox import PERSONAL_USE_UNITS, verdict
from borderless.customs.waybill import logistics_code


def _inventory(*lines):
    return {"lines": [{"gcode": code, "qty": str(qty)} for code, qty in lines]}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([("1211200000", 50)], ("released", "")),  # ginseng: not inspected, whatever the quantity
        ([("3304990000", 1)], ("held", "released")),  # cosmetics are inspected
        ([("3304990000", PERSONAL_USE_UNITS)], ("held", "released")),  # the limit itself is personal use
        ([("3304990000", PERSONAL_USE_UNITS + 1)], ("held", "refused")),
        ([("3004900000", 7), ("1211200000", 1)], ("held", "refused")),  # medicines too
        ([("1211200000", 7), ("3304990000", 2)], ("held", "released")),  # only inspected lines count
    ],
)
def test_verdicts(lines, expected):
    assert verdict(_inventory(*lines)) == expected


def test_commodity_codes_are_ten_digits():
    assert gcode("1211.20") == "1211200000"
    assert gcode("33049900") == "3304990000"
    with pytest.raises(CustomsDataError):
        gcode("12")


def test_carriers_have_a_ten_character_code():
    assert logistics_code("UPS") == "UPS0000001"
    assert logistics_code(" sf  Express ") == "SF00000001"
    assert logistics_code("Yun Express") == "YUNEXPRESS"
    assert len(logistics_code("A")) == 10
    with pytest.raises(CustomsDataError):
        logistics_code("—")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("GIN-113-STD", "GIN-113-STD"),  # already a customs item number: unchanged
        ("WI.GINSENG/10yr 113 g #2", "WI-GINSENG-10yr-113-g-2"),
        ("  /cream_50ml./ ", "cream_50ml"),
        ("人参一号", "ITEM3"),  # nothing customs can read: numbered by its line
        ("A" * 64, "A" * 60),
    ],
)
def test_sku_codes_become_item_numbers_customs_takes(code, expected):
    number = item_no(code, 3)
    assert number == expected
    assert re.fullmatch(r"[0-9A-Za-z_\-]{1,60}", number)  # the schema's DocNo


def test_an_order_with_a_long_title_and_address_and_an_odd_code_is_a_valid_ceb311():
    title, street = (
        "威斯康星州马拉松县林下栽培十年生花旗参整根礼盒装" * 6,
        "建国路 88 号院 " + "华贸中心写字楼二座" * 12,
    )
    line = Line(gnum=1, item_no=item_no("WI.GINSENG/10yr", 1), name=fit(title), model=fit("整根 " * 60),
                bar_code="", hs_code="1211200000", country="502", quantity=1, unit_price=Decimal("280.80"),
                total_price=Decimal("280.80"), net_weight_kg=Decimal("0.113"))  # fmt: skip
    facts = OrderFacts(
        order_no="A" * 32, goods_value=Decimal("280.80"), freight=Decimal("40.00"), discount=Decimal("0.00"),
        tax_total=Decimal("25.55"), actural_paid=Decimal("346.35"), buyer_reg_no="B" * 32, buyer_name="张三",
        buyer_id_number="11010519491231002X", telephone="13800138000", consignee=fit("张三" * 60),
        consignee_address=fit("北京市北京市朝阳区" + street), pay_transaction_id="PAY1", payer_name="张三",
        amount_paid=Decimal("346.35"), pay_time=datetime(2026, 11, 2, 9, tzinfo=UTC), lines=(line,),
    )  # fmt: skip
    xml = build_order(facts, uuid.UUID(int=1), datetime(2026, 11, 2, 9, tzinfo=UTC))
    assert schema.errors_of(xml) == []
    unfitted = build_order(
        replace(facts, lines=(replace(line, name=title),)), uuid.UUID(int=1), facts.pay_time
    )
    assert any("itemName" in e for e in schema.errors_of(unfitted))  # what the catalogue's titles did before
