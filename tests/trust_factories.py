"""Brands, made through the trust services as a brand owner and an operator would."""

import io
from datetime import date, timedelta

from PIL import Image

from borderless.accounts import services as accounts
from borderless.trust import services as trust
from factories import PASSWORD, _email, make_operator


def make_brand_owner(email: str | None = None):
    return accounts.sign_up_brand_owner(email or _email("brand"), PASSWORD, "Brand Counsel")


def pdf_upload(name: str = "certificate.pdf", size: int = 2000):
    upload = io.BytesIO(b"%PDF-1.4\n" + b"0" * size)
    upload.name = name
    upload.size = len(upload.getvalue())
    return upload


def image_upload(colour=(200, 40, 40), name: str = "official.png", pattern: int = 0):
    image = Image.new("RGB", (240, 240), colour)
    for i in range(0, 240, 30):
        for j in range(0, 240, 30):
            if (i // 30 + j // 30 + pattern) % 3 == 0:
                image.paste((20, 20, 20 + pattern * 40 % 200), (i, j, i + 30, j + 30))
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    out.name = name
    out.size = len(out.getvalue())
    return out


def trademark(office="USPTO", number=None, classes=(18,)):
    return {
        "office": office,
        "number": number or _email("tm").split("@")[0],
        "classes": list(classes),
        "expires_on": (date.today() + timedelta(days=3650)).isoformat(),
    }


def make_brand(owner=None, verified=True, name_en="Prairie Leatherworks", name_zh="草原皮具", **fields):
    owner = owner or make_brand_owner()
    brand = trust.register_brand(
        owner, {"name_en": name_en, "name_zh": name_zh, **fields}, [trademark()], [pdf_upload()]
    )
    if verified:
        brand = trust.verify_brand(make_operator(), brand)
    return brand
