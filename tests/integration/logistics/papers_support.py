"""Reading the papers back: the PDF's text (whitespace removed, as CJK extraction spaces glyphs), and the
label's Code 128 barcode decoded from the bars drawn on the page."""

import io
import re

from barcode.charsets.code128 import CODES, STOP
from pypdf import PdfReader

BAR = re.compile(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f")


def pages(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).pages


def words(page) -> str:
    # fpdf2 gives a CFF (OpenType) font an embedded encoding CMap that pypdf reads as one-byte codes: each
    # two-byte code comes back as NUL + the character its ToUnicode map names. The characters are the glyphs'.
    return "".join(page.extract_text().replace("\x00", "").split())


def text(pdf: bytes) -> str:
    return "".join(words(p) for p in pages(pdf))


def modules_on(page) -> str:
    """The page's barcode as "1"/"0" modules, from its filled rectangles of the bar height."""
    bars = [tuple(float(v) for v in m) for m in BAR.findall(page.get_contents().get_data())]
    height = max(abs(b[3]) for b in bars)
    bars = sorted((x, w) for x, _, w, h in bars if abs(abs(h) - height) < 0.01)
    edges = [(x, x + w) for x, w in bars]
    widths = [e - s for s, e in edges] + [edges[i + 1][0] - edges[i][1] for i in range(len(edges) - 1)]
    module = min(widths)
    out = []
    for i, (start, end) in enumerate(edges):
        if i:
            out.append("0" * round((start - edges[i - 1][1]) / module))
        out.append("1" * round((end - start) / module))
    return "".join(out)


def decode_code128(modules: str) -> str:
    """Code 128 read back: symbols of 11 modules, the checksum verified, code sets A/B/C followed."""
    assert modules.endswith(STOP + "11"), "no stop pattern (its 11 modules and the 2-module final bar)"
    body = modules[: -len(STOP) - 2]
    values = [CODES.index(body[i : i + 11]) for i in range(0, len(body), 11)]
    start, *data, check = values
    assert (start + sum(i * v for i, v in enumerate(data, 1))) % 103 == check, "checksum"
    code = {103: "A", 104: "B", 105: "C"}[start]
    switches = {"A": {99: "C", 100: "B"}, "B": {99: "C", 101: "A"}, "C": {100: "B", 101: "A"}}
    text = []
    for v in data:
        if v in switches[code]:
            code = switches[code][v]
        elif code == "C":
            text.append(f"{v:02d}")
        else:
            text.append(chr(v + 32) if code == "B" or v < 64 else chr(v - 64))
    return "".join(text)
