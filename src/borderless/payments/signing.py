"""Webhook signatures: HMAC-SHA256 over "<unix time>.<body>", with a replay window. Plain Python.

The header reads `t=<unix seconds>,v1=<hex digest>`; several v1 values may be sent while a secret rotates.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from borderless.payments.errors import InvalidSignature, StaleSignature

HEADER = "Borderless-Signature"
TOLERANCE_SECONDS = 300  # five minutes either way


def digest(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """The header value for `body`, signed now (or at `timestamp`)."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={t},v1={digest(secret, t, body)}"


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value.strip().lower())
    if timestamp is None or not signatures:
        raise InvalidSignature(f"The {HEADER} header must read t=<unix time>,v1=<hex HMAC-SHA256>.")
    return timestamp, signatures


def verify(
    header: str, body: bytes, secret: str, *, now: float | None = None, tolerance: int = TOLERANCE_SECONDS
) -> int:
    """The signed timestamp if the signature is ours and fresh; InvalidSignature or StaleSignature if not.

    The signature is checked before the time, so a forged request never learns more than "invalid".
    """
    timestamp, signatures = _parse(header)
    expected = digest(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, s) for s in signatures):
        raise InvalidSignature("The webhook signature does not match its body.")
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise StaleSignature(
            f"The webhook was signed {int(now - timestamp)} seconds ago, outside the {tolerance}-second "
            "replay window.",
            {"signed_at": timestamp},
        )
    return timestamp
