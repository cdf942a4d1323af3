"""Brand owners, verified brands and evidence files for the notice-and-takedown tests."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from borderless.accounts.models import Role, User
from borderless.trust.models import Brand, BrandStatus
from factories import PASSWORD, make_operator

_serial = itertools.count(1)


def make_brand_owner() -> User:
    return User.objects.create_user(f"brandowner{next(_serial)}@example.com", PASSWORD, role=Role.BRAND_OWNER)


def make_brand(owner: User | None = None, verified: bool = True, name: str = "") -> Brand:
    owner = owner or make_brand_owner()
    brand = Brand(owner=owner, name_en=name or f"Acme {next(_serial)}", name_zh="艾克米")
    if verified:
        brand.status = BrandStatus.VERIFIED
        brand.reviewed_by = make_operator()
        brand.reviewed_at = timezone.now()
    brand.save()
    return brand


def png(name: str = "evidence.png", color: str = "red") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf(name: str = "registration.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", content_type="application/pdf"
    )


STATEMENT = "These listings sell counterfeit Acme goods bearing our registered mark."
