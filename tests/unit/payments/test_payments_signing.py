"""Webhook signatures without a database: valid, forged, stale, malformed, rotated secrets."""

import hashlib
import hmac

import pytest

from borderless.payments.errors import InvalidSignature, StaleSignature
from borderless.payments.signing import sign, verify

SECRET = "whsec_unit"
BODY = b'{"id":"evt_1","type":"payment.succeeded"}'
NOW = 1_750_000_000


def test_a_signature_is_hmac_sha256_of_time_dot_body():
    header = sign(BODY, SECRET, NOW)
    expected = hmac.new(SECRET.encode(), f"{NOW}.".encode() + BODY, hashlib.sha256).hexdigest()
    assert header == f"t={NOW},v1={expected}"
    assert verify(header, BODY, SECRET, now=NOW) == NOW


@pytest.mark.parametrize("offset", [-300, 0, 300])
def test_inside_the_five_minute_window_either_way(offset):
    assert verify(sign(BODY, SECRET, NOW + offset), BODY, SECRET, now=NOW)


@pytest.mark.parametrize("offset", [-301, 301, -86_400])
def test_outside_the_window_is_stale(offset):
    with pytest.raises(StaleSignature):
        verify(sign(BODY, SECRET, NOW + offset), BODY, SECRET, now=NOW)


def test_a_forged_and_stale_signature_says_only_invalid():
    with pytest.raises(InvalidSignature):
        verify(sign(BODY, "other", NOW - 3600), BODY, SECRET, now=NOW)


@pytest.mark.parametrize(
    "header",
    ["", "garbage", f"t={NOW}", "v1=abc", f"t=-{NOW},v1=abc", f"t={NOW},v1=", f"t={NOW}x,v1=00"],
)
def test_malformed_headers_are_invalid(header):
    with pytest.raises(InvalidSignature):
        verify(header, BODY, SECRET, now=NOW)


def test_a_changed_body_or_time_breaks_the_signature():
    header = sign(BODY, SECRET, NOW)
    with pytest.raises(InvalidSignature):
        verify(header, BODY + b" ", SECRET, now=NOW)
    moved = header.replace(f"t={NOW}", f"t={NOW + 1}")
    with pytest.raises(InvalidSignature):
        verify(moved, BODY, SECRET, now=NOW)


def test_any_of_several_signatures_may_match_while_a_secret_rotates():
    old = sign(BODY, "old-secret", NOW).split(",")[1]
    header = sign(BODY, SECRET, NOW) + "," + old
    assert verify(header, BODY, "old-secret", now=NOW) == NOW
    assert verify(header, BODY, SECRET, now=NOW) == NOW
