"""Small factories that build real objects through the services, as a user of the platform would.

Import them in tests (`from factories import make_seller, make_product`); the tests directory is on the
path because pytest puts each rootless conftest's directory there.
"""

import itertools
from decimal import Decimal

from borderless.accounts import services as accounts
from borderless.accounts.models import Seller, User
from borderless.catalog import services as catalog
from borderless.catalog.categories import CATEGORIES
from borderless.catalog.models import Category, Product

PASSWORD = "correct horse battery staple"
_serial = itertools.count(1)


# A buyer's real name with a valid PRC ID number (CN-C9), and a delivery address in Beijing.
IDENTITY = {"name": "张三", "id_number": "11010519491231002X"}
ADDRESS = {
    "name": "张三",
    "phone": "13800138000",
    "province": "北京市",
    "city": "北京市",
    "district": "朝阳区",
    "street": "建国路 88 号 1 单元 101",
}


def _email(kind: str) -> str:
    return f"{kind}{next(_serial)}@example.com"


def make_operator(email: str | None = None) -> User:
    return User.objects.create_superuser(email or _email("operator"), PASSWORD)


def make_buyer(email: str | None = None, **fields) -> User:
    return accounts.sign_up_buyer(email or _email("buyer"), PASSWORD, **fields)


def make_seller(verified: bool = True, state: str = "WI", email: str | None = None, **business) -> Seller:
    """A seller organisation with an owner (`owner_of(seller)`), verified unless told not to."""
    n = next(_serial)
    details = {
        "legal_name": f"Test Farm {n} LLC",
        "display_name": f"Test Farm {n}",
        "state": state,
        "city": "Wausau",
        "business_type": "farm",
        "employee_band": "2-9",
        "revenue_band": "lt100k",
        "year_founded": 1990,
        **business,
    }
    owner = accounts.sign_up_seller(email or _email("seller"), PASSWORD, "Test Owner", details)
    seller = owner.membership.seller
    if verified:
        seller = accounts.verify_seller(make_operator(), seller)
    return seller


def owner_of(seller: Seller) -> User:
    return seller.memberships.select_related("user").get(role="owner").user


def staff_of(seller: Seller, email: str | None = None) -> User:
    """A new staff member of the seller, invited by its owner and joined through the invitation."""
    address = email or _email("staff")
    _, token = accounts.invite_member(owner_of(seller), address)
    return accounts.accept_invitation(token, address, PASSWORD, "Test Staff")


def make_product(seller: Seller, *, skus: list[dict] | None = None, **overrides) -> Product:
    """A product of the seller, published by default (pass status="draft" to keep it a draft).

    Any product field can be overridden; `price_usd` sets the price of the single default SKU.
    """
    price = overrides.pop("price_usd", Decimal("39.00"))
    fields = {
        "category": "american-ginseng",
        "brand_name": "Hsu Farms",
        "hs_code": "121120",
        "title_en": "Wisconsin American ginseng roots, 4 oz",
        "title_zh": "威斯康星花旗参整根 113克",
        "description_en": "Hand-dug, air-dried roots from a family farm in Marathon County.",
        "description_zh": "来自马拉松县家庭农场的手工采挖、自然风干参根。",
        "net_content_value": Decimal("113"),
        "net_content_unit": "g",
        "unit_weight_g": Decimal("150"),
        "status": "published",
        **overrides,
    }
    if skus is None:
        skus = [{"code": f"SKU-{next(_serial)}", "price_usd": price, "stock": 10}]
    if isinstance(fields["category"], str) and not Category.objects.filter(slug=fields["category"]).exists():
        # Transactional tests flush the categories the data migration loaded.
        catalog.ensure_categories(CATEGORIES)
    return catalog.create_product(owner_of(seller), fields, skus)


def tracking_number(carrier: str = "USPS") -> str:
    """A tracking number in the carrier's format, new on every call (a number is used once per carrier)."""
    n = next(_serial)
    formats = {"USPS": f"9400{n:018d}", "UPS": f"1Z{n:016d}", "FedEx": f"{n:012d}", "DHL": f"{n:010d}",
               "SF": f"SF{n:012d}", "EMS": f"EA{n:09d}CN"}  # fmt: skip
    return formats[carrier]
