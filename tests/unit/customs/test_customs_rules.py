"""The sandbox customs' verdicts and the plain rules of the messages, without a database."""

import pytest

from borderless.customs.ceb import gcode
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
