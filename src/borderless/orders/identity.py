"""The buyer's identity for customs (CN-C9): PRC resident ID numbers, masking, encryption at rest.

Validation and masking are pure. Encryption uses Fernet (AES-128-CBC + HMAC-SHA256) with a key from
FIELD_ENCRYPTION_KEY (one or more Fernet keys, comma-separated, the first encrypts: rotation), else one
derived from SECRET_KEY with HKDF-SHA256. A blind index (HMAC-SHA256 under a separately derived key, from
FIELD_BLIND_INDEX_KEY or the oldest encryption key or SECRET_KEY) lets us compare ID numbers (payer =
orderer) without decrypting; it is never a way back to the number.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from borderless.orders.errors import InvalidIdentity

# GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")
# Province-level codes (GB/T 2260): the first two digits of every resident ID number.
PROVINCE_CODES = frozenset(
    ("11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42",
     "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
     "83")
)  # fmt: skip
EARLIEST_BIRTH = date(1900, 1, 1)
_NAME_FORBIDDEN = re.compile(r"[\d\x00-\x1f\x7f<>@#$%^*_=+{}\[\]|\\/;\"]")


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalise_id_number(value: object, today: date | None = None) -> str:
    """The ID number in canonical form (18 characters, capital X), or InvalidIdentity saying what is wrong."""
    if not isinstance(value, str):
        raise InvalidIdentity("id_number: expected the 18-character resident ID number as text.")
    text = value.strip().replace(" ", "").upper()
    if len(text) != 18:
        raise InvalidIdentity(f"id_number: a resident ID number has 18 characters, not {len(text)}.")
    if not _SHAPE.match(text):
        raise InvalidIdentity("id_number: 17 digits followed by a digit or X.")
    if text[:2] not in PROVINCE_CODES:
        raise InvalidIdentity("id_number: the first two digits are not a province code.")
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        raise InvalidIdentity("id_number: digits 7 to 14 are not a valid birth date.") from None
    if not EARLIEST_BIRTH <= born <= (today or date.today()):
        raise InvalidIdentity("id_number: the birth date in it is not plausible.")
    if check_digit(text[:17]) != text[17]:
        raise InvalidIdentity("id_number: the check digit does not match (mistyped?).")
    return text


def normalise_real_name(value: object) -> str:
    if not isinstance(value, str):
        raise InvalidIdentity("name: expected the buyer's real name as text.")
    name = " ".join(value.split())
    if not 2 <= len(name) <= 50:
        raise InvalidIdentity("name: the real name as on the ID card, 2 to 50 characters.")
    if _NAME_FORBIDDEN.search(name):
        raise InvalidIdentity("name: the real name as on the ID card, without digits or symbols.")
    return name


def mask_id_number(id_number: str) -> str:
    """110105********123X: region and last four kept, the birth date hidden. Shown everywhere but customs."""
    return id_number[:6] + "*" * (len(id_number) - 10) + id_number[-4:]


@dataclass(frozen=True, slots=True)
class BuyerIdentity:
    name: str
    id_number: str  # canonical; only in memory, never stored as is

    @property
    def masked(self) -> str:
        return mask_id_number(self.id_number)

    def __repr__(self) -> str:  # keeps the number out of logs and tracebacks
        return f"BuyerIdentity(name={self.name!r}, id_number={self.masked!r})"


def parse_identity(data: object, today: date | None = None) -> BuyerIdentity:
    if not isinstance(data, dict):
        raise InvalidIdentity("identity: expected {name, id_number}.")
    name = normalise_real_name(data.get("name"))
    return BuyerIdentity(name, normalise_id_number(data.get("id_number"), today))


# --- encryption at rest -----------------------------------------------------------------------------------


def _secret_key() -> str:
    from django.conf import settings

    return settings.SECRET_KEY


def _hkdf(material: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(material)


@lru_cache(maxsize=8)
def _keys(configured: str, index_key: str, secret_key: str) -> tuple[MultiFernet, bytes]:
    raw = [k.strip() for k in configured.split(",") if k.strip()]
    if raw:
        fernets = [Fernet(k.encode()) for k in raw]
    else:
        derived = _hkdf(secret_key.encode(), b"borderless.orders.identity.fernet")
        fernets = [Fernet(base64.urlsafe_b64encode(derived))]
    # The index key must outlive key rotation: FIELD_BLIND_INDEX_KEY, else the oldest configured key.
    material = (index_key or (raw[-1] if raw else secret_key)).encode()
    return MultiFernet(fernets), _hkdf(material, b"borderless.orders.identity.blind-index")


def _current_keys() -> tuple[MultiFernet, bytes]:
    env = os.environ
    return _keys(env.get("FIELD_ENCRYPTION_KEY", ""), env.get("FIELD_BLIND_INDEX_KEY", ""), _secret_key())


def encrypt_id_number(id_number: str) -> str:
    return _current_keys()[0].encrypt(id_number.encode()).decode("ascii")


def decrypt_id_number(token: str) -> str:
    """The plaintext: for the customs messages (CN-C9/C10) and nothing else."""
    try:
        return _current_keys()[0].decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ValueError("The ID number cannot be decrypted with the configured keys.") from None


def blind_index(id_number: str) -> str:
    """HMAC-SHA256 of the canonical number: equal numbers give equal indexes, nothing else is revealed."""
    return hmac.new(_current_keys()[1], id_number.encode(), hashlib.sha256).hexdigest()
