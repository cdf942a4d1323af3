"""Looking for unmasked PRC resident ID numbers in what the server sent and logged.

A number counts as leaked when an 18-character run (17 digits and a digit or X) passes the GB 11643 checks
(province code, birth date, MOD 11-2 check digit), or when it is one of the numbers the client itself sent
in (a mistyped one included: it is still the buyer's number). Masked numbers (110105********002X) have no
such run. The customs messages (CEB XML) must carry the number and are not scanned.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from borderless.orders.errors import InvalidIdentity
from borderless.orders.identity import normalise_id_number

_RUN = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9Xx])")
# The operators' download of a customs message as sent: the one place the full number belongs.
CUSTOMS_MESSAGE = re.compile(r"^/ops/customs/messages/[0-9a-fA-F-]+\.xml$")
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript", "+json", "+xml")


def is_id_number(candidate: str) -> bool:
    try:
        normalise_id_number(candidate)
    except InvalidIdentity:
        return False
    return True


def sent_in(body: bytes) -> set[str]:
    """The ID-shaped values a client posted (form fields, JSON, query strings): the numbers it typed."""
    text = body.decode("utf-8", "replace")
    values = {v for _k, v in parse_qsl(text, keep_blank_values=True)} | {text}
    return {m.group().upper() for v in values for m in _RUN.finditer(v)}


def body_text(content_type: str, body: bytes) -> str:
    """What a reader of the response sees: text as is, a PDF's extracted text, a ZIP's members' text."""
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/pdf" or body.startswith(b"%PDF"):
        return _pdf_text(body)
    if kind in ("application/zip", "application/x-zip-compressed") or body.startswith(b"PK\x03\x04"):
        return _zip_text(body)
    return body.decode("utf-8", "replace")


def _pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    raw = body.decode("latin-1")  # an unreadable PDF (an uploaded sample) is scanned as its bytes
    try:
        reader = PdfReader(io.BytesIO(body))
        return raw + "\n" + "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError):
        return raw


def _zip_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as bundle:
        return "\n".join(
            body_text("", bundle.read(name)) for name in bundle.namelist() if not name.endswith("/")
        )


def is_scanned(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("application/pdf", "application/zip", "text/csv") or any(t in kind for t in _TEXT_TYPES)


def unmasked_numbers(text: str, typed: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Every unmasked resident ID number in the text: valid ones, and the ones the client typed in."""
    found = {m.group().upper() for m in _RUN.finditer(text) if is_id_number(m.group())}
    upper = text.upper()
    return found | {number for number in typed if number in upper}


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    content_type: str
    body: bytes


@dataclass
class Scan:
    """What one test's live server sent: responses scanned, exempted, and the leaks found in them."""

    scanned: int = 0
    exempted: int = 0
    skipped: int = 0  # images, fonts, other binaries: no text in them
    leaks: list[str] = field(default_factory=list)

    def response(self, exchange: Exchange, typed: set[str]) -> None:
        if CUSTOMS_MESSAGE.match(exchange.path):
            self.exempted += 1
            return
        if not is_scanned(exchange.content_type):
            self.skipped += 1
            return
        self.scanned += 1
        for number in sorted(unmasked_numbers(body_text(exchange.content_type, exchange.body), typed)):
            self.leaks.append(f"{exchange.method} {exchange.path} ({exchange.status}) shows {number}")

    def log(self, where: str, text: str, typed: set[str]) -> None:
        for number in sorted(unmasked_numbers(text, typed)):
            self.leaks.append(f"{where} logs {number}")
