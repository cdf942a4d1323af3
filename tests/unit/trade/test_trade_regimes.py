"""Which destinations we quote: one table below the request and the regimes, so both answer alike."""

from decimal import Decimal as D

import pytest

from borderless.trade import InvalidRequest, default_freight, regime_for
from borderless.trade.destinations import EU, OWN_REGIME, eu_members, regime_key
from borderless.trade.freight import zone_for
from borderless.trade.regimes import REGIMES
from borderless.trade.request import check_destination, parse_request


def test_every_regime_key_has_a_regime_and_every_regime_a_key():
    assert set(REGIMES) == {*OWN_REGIME, EU}


@pytest.mark.parametrize(
    ("destination", "code", "currency"),
    [("CN", "CN-CBEC", "CNY"), ("GB", "UK", "GBP"), ("AU", "AU", "AUD"), ("CA", "CA", "CAD"),
     ("JP", "JP", "JPY"), ("DE", "EU-IOSS", "EUR"), ("FR", "EU-IOSS", "EUR"), ("IE", "EU-IOSS", "EUR")],
)  # fmt: skip
def test_each_destination_gets_its_regime(destination, code, currency):
    regime = regime_for(destination)
    assert (regime.code, regime.currency_for(destination)) == (code, currency)


def test_the_eu_member_states_share_one_regime_and_one_freight_zone():
    assert len(eu_members()) == 27 and {"DE", "FR", "IT"} <= eu_members()
    assert not {"GB", "CH", "NO", "EU"} & eu_members()
    for member in eu_members():
        assert regime_key(member) == EU and zone_for(member) == EU
        assert regime_for(member) is REGIMES[EU]
    assert zone_for("GB") == "GB" and zone_for("US") == "US"


def test_every_destination_we_quote_has_default_freight():
    for destination in (*OWN_REGIME, *sorted(eu_members())):
        assert default_freight(destination, D("500")).currency == "USD"


@pytest.mark.parametrize(
    ("destination", "fragment"),
    [("ZZ", "'ZZ' is not an ISO 3166 country code"), ("EU", "'EU' is not an ISO 3166 country code"),
     ("US", "no landed-cost rules for US"), ("CH", "no landed-cost rules for CH")],
)  # fmt: skip
def test_the_request_and_the_regimes_refuse_a_destination_alike(destination, fragment):
    with pytest.raises(InvalidRequest) as by_regime:
        regime_for(destination)
    with pytest.raises(InvalidRequest) as by_check:
        check_destination(destination)
    item = {"hs_code": "1702.20", "unit_price": "1"}
    data = {"destination": destination, "currency": "USD", "items": [item]}
    with pytest.raises(InvalidRequest) as by_parse:
        parse_request(data)
    assert fragment in by_regime.value.message
    assert by_regime.value.message == by_check.value.message == by_parse.value.message
