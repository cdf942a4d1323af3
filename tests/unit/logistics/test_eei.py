"""US-X1 to US-X3: when EEI must be filed, at the edges."""

from decimal import Decimal

import pytest

from borderless.logistics.eei import ExportLine, decide, valid_itn


def line(hs, value, eccn=""):
    return ExportLine(hs, Decimal(value), eccn, "item")


def test_exactly_2500_is_not_over_the_threshold():
    assert not decide([line("121120", "2500.00")], "CN").required


def test_one_cent_over_2500_needs_eei():
    decision = decide([line("121120", "2500.01")], "CN")
    assert decision.required and "1211.20" in decision.reasons[0] and "2,500.01" in decision.reasons[0]


def test_lines_sharing_one_schedule_b_number_add_up():
    # Two lines under 1211.20 (China's 10-digit codes differ past the sixth digit): 1,250.00 + 1,250.01.
    decision = decide([line("1211201000", "1250.00"), line("1211209900", "1250.01")], "CN")
    assert decision.required and decision.value_by_heading == {"121120": Decimal("2500.01")}


def test_different_numbers_each_under_the_threshold_need_no_eei():
    decision = decide([line("121120", "2000.00"), line("040900", "2000.00"), line("170220", "2500.00")], "CN")
    assert not decision.required and decision.reasons == ()


@pytest.mark.parametrize("value", ["0.01", "10.00", "2500.00"])
def test_an_eccn_item_to_china_needs_eei_whatever_its_value(value):
    decision = decide([line("847130", value, eccn="5a992")], "CN")
    assert decision.required and "5A992" in decision.reasons[0]


def test_ear99_or_no_eccn_is_not_controlled_and_other_destinations_follow_the_value_rule_only():
    assert not decide([line("847130", "10.00", eccn="EAR99")], "CN").required
    assert not decide([line("847130", "10.00", eccn="")], "CN").required
    assert not decide([line("847130", "10.00", eccn="5A992")], "JP").required


def test_an_hs_code_shorter_than_six_digits_is_an_error():
    with pytest.raises(ValueError, match="6 digits"):
        decide([line("1211", "1.00")], "CN")


@pytest.mark.parametrize(
    ("itn", "ok"),
    [
        ("X20261125123456", True),
        ("x20261125123456", True),
        ("X2026112512345", False),
        ("Y20261125123456", False),
        ("", False),
    ],
)
def test_itn_format_is_x_and_14_digits(itn, ok):
    assert valid_itn(itn) is ok
