"""Hostile uploads: script in SVG, a decompression bomb, mislabelled and polyglot files."""

import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML = b"<html><body><script>alert(1)</script></body></html>"


def _png_bomb() -> bytes:
    """A valid PNG of 30000 x 30000 pixels, a few hundred KB compressed, 2.7 GB decoded."""
    width = height = 30_000
    raw = zlib.compress(b"\x00" * (width // 8 + 1) * height, 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def hostile_uploads():
    """(label, upload); each must be refused wherever an image or a document is uploaded."""
    png = _tiny_png()
    yield "svg with script", SimpleUploadedFile("logo.svg", SVG, "image/svg+xml")
    yield "svg named png", SimpleUploadedFile("logo.png", SVG, "image/png")
    yield "html named pdf", SimpleUploadedFile("certificate.pdf", HTML, "application/pdf")
    yield "exe named png", SimpleUploadedFile("photo.png", b"MZ\x90\x00" + b"\x00" * 200, "image/png")
    yield "decompression bomb", SimpleUploadedFile("bomb.png", _png_bomb(), "image/png")
    yield "truncated png", SimpleUploadedFile("cut.png", png[:40], "image/png")
    yield "polyglot png+html", SimpleUploadedFile("poly.png", HTML + png, "image/png")
    yield "empty file", SimpleUploadedFile("empty.png", b"", "image/png")
