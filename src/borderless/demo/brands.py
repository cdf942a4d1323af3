"""Demo brands: three demo sellers' own brands, registered by the demo brand owner, verified, each with a
reference product taken from the seller's real listing (its name, price and GTIN) and the seller itself
authorised. Every demo listing is then screened, and all of them are clear.

No official images: the demo's packshots are drawn, one shape per product line on the category's backdrop,
so two sellers' pictures of the same line differ only in a caption and are the same picture to a
perceptual hash (0-2 bits of 64 apart). Real photographs differ far more."""

import datetime

from borderless.accounts.models import Seller, User
from borderless.catalog.models import Product
from borderless.demo import people
from borderless.demo.sellers import SELLERS, brand_of
from borderless.trust import services as trust
from borderless.trust.models import Brand
from borderless.trust.tasks import rescreen_all

# Seller code, trademark number (made up, in USPTO's eight-digit serial form), Nice class.
DEMO_BRANDS = (("MCG", "97481230", 5), ("OGF", "97481231", 3), ("HIN", "97481232", 5))


def load_brands(operator: User, say) -> None:
    owner = User.objects.get(email=people.BRAND_OWNER_EMAIL)
    expires = datetime.date(2034, 6, 30)
    for code, number, nice_class in DEMO_BRANDS:
        spec = next(s for s in SELLERS if s.code == code)
        seller = Seller.objects.get(memberships__user__email=spec.owner_email)
        name_en, name_zh = brand_of(spec)
        trademark = {"office": "USPTO", "number": number, "classes": [nice_class], "expires_on": expires}
        brand = trust.register_brand(owner, {"name_en": name_en, "name_zh": name_zh}, [trademark])
        brand = trust.verify_brand(operator, brand, "USPTO record checked (demo).")
        trust.set_own_seller(operator, brand, seller)
        _add_reference_product(owner, brand, seller)
        trust.authorize_seller(owner, brand, seller.public_id)
    screened = rescreen_all()
    say(f"Brands: {Brand.objects.count()} verified, {screened} listings screened")


def _add_reference_product(owner: User, brand: Brand, seller: Seller) -> None:
    product = Product.objects.filter(seller=seller, skus__gtin__gt="").order_by("id").first()
    sku = product.skus.exclude(gtin="").order_by("id").first()
    fields = {"name_en": product.title_en, "name_zh": product.title_zh, "msrp_amount": str(sku.price_usd)}
    trust.add_reference_product(owner, brand, fields, [sku.gtin])
