"""PRC resident ID numbers (CN-C9): shape, birth date, check digit; masking; encryption at rest."""

from datetime import date

import pytest
from cryptography.fernet import Fernet

from borderless.orders.errors import InvalidIdentity
from borderless.orders.identity import (
    blind_index,
    check_digit,
    decrypt_id_number,
    encrypt_id_number,
    mask_id_number,
    normalise_id_number,
    normalise_real_name,
    parse_identity,
)

VALID = "11010519491231002X"  # the sample number of GB 11643, check character X


def test_check_digit_follows_iso_7064_mod_11_2():
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44030619900307123") == "2"


@pytest.mark.parametrize("number", [VALID, "440306199003071232", "510107200002290029"])
def test_valid_numbers_are_accepted(number):
    assert normalise_id_number(number) == number


def test_a_lower_case_x_and_spaces_are_normalised():
    assert normalise_id_number(" 110105 19491231 002x ") == VALID


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("110105194912310021", "check digit"),  # last character changed
        ("440306199003071233", "check digit"),
        ("11010519491231002", "18 characters"),
        ("11010519491231002XX", "18 characters"),
        ("1101051949123100X2", "digit or X"),
        ("990105194912310020", "province"),
        ("110105199902300024", "birth date"),  # 30 February
        ("510107200102290024", "birth date"),  # 29 February of a common year
        ("110105189912310027", "not plausible"),  # born before 1900
        ("110105209912310023", "not plausible"),  # born in the future
    ],
)
def test_invalid_numbers_are_refused_with_the_reason(number, why):
    with pytest.raises(InvalidIdentity) as caught:
        normalise_id_number(number, today=date(2026, 1, 1))
    assert why in caught.value.message


def test_bad_date_is_refused_even_with_a_correct_check_digit():
    body = "11010519990230002"  # 30 February 1999
    with pytest.raises(InvalidIdentity, match="birth date"):
        normalise_id_number(body + check_digit(body))


def test_masking_hides_the_birth_date():
    assert mask_id_number(VALID) == "110105********002X"
    assert repr(parse_identity({"name": "张三", "id_number": VALID})).count("19491231") == 0


@pytest.mark.parametrize("name", ["", "张", "Zhang3", "<script>", "x" * 51])
def test_real_names_must_look_like_names(name):
    with pytest.raises(InvalidIdentity):
        normalise_real_name(name)


def test_real_names_keep_the_middle_dot_of_minority_names():
    assert normalise_real_name("  买买提·艾力 ") == "买买提·艾力"


def test_encryption_round_trip_and_no_plaintext_in_the_token(monkeypatch):
    monkeypatch.delenv("FIELD_ENCRYPTION_KEY", raising=False)
    token = encrypt_id_number(VALID)
    assert VALID not in token and "19491231" not in token
    assert token != encrypt_id_number(VALID)  # random IV: equal numbers do not give equal tokens
    assert decrypt_id_number(token) == VALID


def test_configured_keys_rotate_and_the_blind_index_survives_rotation(monkeypatch):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setenv("FIELD_ENCRYPTION_KEY", old)
    token = encrypt_id_number(VALID)
    index = blind_index(VALID)
    monkeypatch.setenv("FIELD_ENCRYPTION_KEY", f"{new},{old}")
    assert decrypt_id_number(token) == VALID  # old tokens still readable
    assert blind_index(VALID) == index  # derived from the oldest key
    monkeypatch.setenv("FIELD_ENCRYPTION_KEY", new)
    with pytest.raises(ValueError, match="cannot be decrypted"):
        decrypt_id_number(token)


def test_blind_index_tells_numbers_apart_without_revealing_them(monkeypatch):
    monkeypatch.delenv("FIELD_ENCRYPTION_KEY", raising=False)
    a, b = blind_index(VALID), blind_index("440306199003071232")
    assert a != b and len(a) == 64 and VALID not in a
    assert a == blind_index(VALID)


def test_key_derived_from_secret_key_changes_with_it(settings, monkeypatch):
    monkeypatch.delenv("FIELD_ENCRYPTION_KEY", raising=False)
    token = encrypt_id_number(VALID)
    settings.SECRET_KEY = "another secret key for this test only"
    with pytest.raises(ValueError):
        decrypt_id_number(token)
