import pytest

from borderless.logistics import carriers


@pytest.mark.parametrize(
    ("code", "number", "normalised"),
    [
        ("USPS", "9400 1118 9922 3197 4284 90", "9400111899223197428490"),
        ("usps", "94001118992231974284", "94001118992231974284"),
        ("USPS", "ea123456789us", "EA123456789US"),
        ("UPS", "1Z999AA10123456784", "1Z999AA10123456784"),
        ("FedEx", "123456789012", "123456789012"),
        ("FedEx", "123456789012345", "123456789012345"),
        ("DHL", "12345-67890", "1234567890"),
        ("EMS", "EA123456789CN", "EA123456789CN"),
        ("SF", "SF1234567890123", "SF1234567890123"),
        ("Cainiao", "LP00123456789012", "LP00123456789012"),  # no known format: letters and digits
    ],
)
def test_numbers_in_the_carriers_format_are_taken_normalised(code, number, normalised):
    assert carriers.get(code).check(number) == normalised


@pytest.mark.parametrize(
    ("code", "number"),
    [
        ("USPS", "9400111899223197"),  # 16 digits
        ("USPS", "94001118992231974284901"),  # 23 digits
        ("USPS", "EA123456789CN"),  # S10, but not posted in the US
        ("UPS", "1Z999AA1012345678"),  # 1Z + 15
        ("FedEx", "1234567890123"),  # 13 digits
        ("DHL", "123456789"),
        ("SF", "SF12345678901"),  # SF + 11
        ("SF", "1234567890123"),
        ("Cainiao", "LP-1"),
        ("UPS", ""),
    ],
)
def test_numbers_outside_the_format_are_refused_with_the_format_named(code, number):
    with pytest.raises(carriers.BadTrackingNumber, match="tracking number"):
        carriers.get(code).check(number)


def test_unknown_carriers_are_refused_with_the_list_of_known_ones():
    with pytest.raises(carriers.UnknownCarrier, match="USPS, UPS, FedEx"):
        carriers.get("Pony Express")


def test_the_list_covers_the_carriers_of_the_trade_and_codes_are_unique():
    codes = [c.code for c in carriers.all_carriers()]
    assert {"USPS", "UPS", "FedEx", "DHL", "EMS", "SF", "Cainiao"} <= set(codes)
    assert len({c.lower() for c in codes}) == len(codes)
