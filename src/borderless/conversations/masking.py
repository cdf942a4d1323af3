"""Contact details in a customer-service message, masked so that a sale does not leave the platform.

Plain functions on plain text (no Django). What is masked:
- phone numbers: Chinese mobiles (1[3-9] and nine digits, also written 138 1234 5678 or 138-1234-5678, with
  +86 / 0086 / (+86) before them), US numbers (+1 / 1 and ten digits, (555) 123-4567, 555.123.4567), and any
  other run of 10 or more digits written with spaces, dashes or dots between them;
- WeChat ids: 微信 / 威信 / V信 / 薇 / wx / vx / wechat / weixin followed (after an optional 号, colon or
  space) by an id of 5 to 20 letters, digits, _ or -;
- e-mail addresses, also written "name at example dot com" or "name＠example．com" (full-width).
Order numbers and prices are not phone numbers: a digit run is masked only when it has the shape of a phone.
"""

import re
from dataclasses import dataclass

MASK = "＊＊＊"

_SEP = r"[\s\-.·]?"
_CN_PREFIX = r"(?:(?:\+|00)\s?86|\(\+?86\))[\s\-]?"
# A Chinese mobile: 1, then 3-9, then nine digits, in 3-4-4 groups or not.
_CN_MOBILE = rf"(?:{_CN_PREFIX})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}"
# A Chinese landline with its area code: 010-12345678, 0571 8888 8888.
_CN_LANDLINE = rf"(?:{_CN_PREFIX})?0\d{{2,3}}[\s\-]\d{{3,4}}[\s\-]?\d{{4}}"
# A US number: optional +1, area code (optionally in brackets), 3 then 4 digits; or ten digits in a row.
_US = r"(?:(?:\+|00)?1[\s\-.]?)?(?:\(\d{3}\)\s?|\d{3}[\s\-.])\d{3}[\s\-.]\d{4}"
_US_PLAIN = r"(?:\+?1)?[2-9]\d{9}"

_EDGE_BEFORE = r"(?<![0-9A-Za-z.+])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
PHONE = re.compile(rf"{_EDGE_BEFORE}(?:{_CN_MOBILE}|{_CN_LANDLINE}|{_US}|{_US_PLAIN}){_EDGE_AFTER}")

_WECHAT_WORD = r"(?:微信|威信|薇信|[vV]信|微|薇|wechat|weixin|wei\s?xin|wx|vx)"
WECHAT = re.compile(
    rf"(?i)(?<![a-z]){_WECHAT_WORD}\s*(?:号|id)?\s*[:：=]?\s*(?:是|为|加)?\s*[:：]?\s*"
    r"(?P<id>[a-z][a-z0-9_\-]{4,19}|\+?\d[\d\s\-]{4,16}\d)(?![a-z0-9_\-])"
)

_AT = r"(?:@|\s?\(at\)\s?|\s?\[at\]\s?|\s+at\s+)"
_DOT = r"(?:\.|\s?\(dot\)\s?|\s?\[dot\]\s?|\s+dot\s+)"
EMAIL = re.compile(
    rf"(?i)[a-z0-9][a-z0-9._%+\-]*{_AT}[a-z0-9\-]+(?:{_DOT}[a-z0-9\-]+)*{_DOT}(?:com|net|org|cn|edu|gov|io|co|"
    r"us|uk|info|biz|me|cc|top|xyz|[a-z]{2})\b"
)

KINDS = ("phone", "wechat", "email")


@dataclass(frozen=True)
class Masked:
    text: str
    kinds: tuple[str, ...]  # which kinds of contact detail were masked, in KINDS order

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


# Full-width digits, letters and signs (１３８, ＠, ．, ＋) read as ASCII; one character for one, so a
# match in the read text is a match at the same place in the written text.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _spans(pattern: re.Pattern, text: str, kind: str) -> list[tuple[int, int, str]]:
    if kind == "wechat":
        return [(m.start("id"), m.end("id"), kind) for m in pattern.finditer(text)]
    return [(m.start(), m.end(), kind) for m in pattern.finditer(text)]


def mask_contacts(text: str) -> Masked:
    """The text with every contact detail replaced by ＊＊＊, and the kinds found."""
    read = text.translate(_FULL_WIDTH)
    spans: list[tuple[int, int, str]] = []
    for pattern, kind in ((EMAIL, "email"), (WECHAT, "wechat"), (PHONE, "phone")):
        for start, end, found in _spans(pattern, read, kind):
            if not any(start < e and s < end for s, e, _ in spans):  # the first kind to claim a span keeps it
                spans.append((start, end, found))
    out, last = [], 0
    for start, end, _ in sorted(spans):
        out += [text[last:start], MASK]
        last = end
    out.append(text[last:])
    kinds = {k for _, _, k in spans}
    return Masked("".join(out), tuple(k for k in KINDS if k in kinds))
