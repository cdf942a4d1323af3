"""Fill an empty database with the demo marketplace, through the same services the product uses.

Idempotent: every demo account has a fixed email address. If all of them exist the demo is already loaded
and nothing is written; if none exists everything is written in one transaction; if only some exist (someone
signed up with a demo address by hand) loading stops with DemoConflict rather than guess.
"""

import random
from dataclasses import dataclass, field
from typing import TextIO

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings

from borderless.accounts import services as accounts
from borderless.accounts.models import Role, Seller, User, Verification
from borderless.catalog import services as catalog
from borderless.catalog.gtin import gtin_check_digit
from borderless.catalog.models import Product, ProductStatus
from borderless.demo import brands as demo_brands
from borderless.demo import people
from borderless.demo.content import CONTENT
from borderless.demo.content.base import ProductDraft, SellerBrand, compose_products
from borderless.demo.history import SHOPPER_DOMAIN, load_history
from borderless.demo.images import packshot
from borderless.demo.rate_cards import set_demo_rate_card
from borderless.demo.sellers import SELLERS, SellerSpec, brand_of, city_zh
from borderless.translation.fill import fill_listing

SEED = 2026
# Sign-ups hash each password with Argon2 (about 0.1-0.4 s each); every demo account shares one password,
# so the accounts are created with a cheap hash and then all given the same real hash, computed once.
SIGN_UP_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"
DRAFT_SHARE = 0.08  # of a verified seller's listings, left unpublished
VERIFICATION_NOTE = "Business registration, EIN and product documents checked."


class DemoConflict(Exception):
    """Some demo accounts exist and some do not: the database holds something other than the demo."""


@dataclass
class DemoSummary:
    created: bool  # False when the demo data was already there and nothing was written
    logins: list[tuple[str, str, str]]  # (role label, email, password) to print for people trying the demo
    sellers: int = 0
    verified_sellers: int = 0
    products: int = 0
    published_products: int = 0
    buyers: int = 0
    states: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def demo_emails() -> list[str]:
    emails = [people.OPERATOR_EMAIL, people.STAFF_EMAIL, people.BRAND_OWNER_EMAIL]
    emails += [seller.owner_email for seller in SELLERS]
    emails += [buyer.email for buyer in people.BUYERS]
    return emails


def demo_logins() -> list[tuple[str, str, str]]:
    verified = next(s for s in SELLERS if s.verified)
    pending = next(s for s in SELLERS if not s.verified)
    password = people.DEMO_PASSWORD
    return [
        ("Operator", people.OPERATOR_EMAIL, password),
        (f"Seller owner, verified ({verified.display_name})", verified.owner_email, password),
        (f"Seller staff ({verified.display_name})", people.STAFF_EMAIL, password),
        (f"Seller owner, pending verification ({pending.display_name})", pending.owner_email, password),
        ("Buyer", people.BUYERS[0].email, password),
        ("Brand owner", people.BRAND_OWNER_EMAIL, password),
    ]


def load_demo(stdout: TextIO | None = None) -> DemoSummary:
    """Load the demo marketplace unless it is already there. Returns what to print.

    Meant for the command line: while it runs, sign-ups in the same process hash passwords cheaply.
    """

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    emails = demo_emails()
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    if existing == set(emails):
        say("The demo data is already loaded; nothing changed.")
        return _summary(created=False)
    if existing:
        raise DemoConflict(
            f"{len(existing)} of {len(emails)} demo accounts already exist "
            f"(for example {sorted(existing)[0]}); load the demo into an empty database."
        )
    with transaction.atomic():
        with override_settings(PASSWORD_HASHERS=[SIGN_UP_HASHER, *settings.PASSWORD_HASHERS]):
            _load(say)
            load_history(say)
        # Everyone signed up above (the history's shoppers too) gets a hash the running platform verifies.
        User.objects.filter(Q(email__in=emails) | Q(email__endswith=f"@{SHOPPER_DOMAIN}")).update(
            password=make_password(people.DEMO_PASSWORD)
        )
    summary = _summary(created=True)
    say(
        f"Loaded {summary.sellers} sellers ({summary.verified_sellers} verified) from {len(summary.states)} "
        f"states, {summary.products} products ({summary.published_products} published) in "
        f"{len(summary.categories)} categories, and {summary.buyers} buyers."
    )
    return summary


def _load(say) -> None:
    password = people.DEMO_PASSWORD
    operator = User.objects.create_superuser(people.OPERATOR_EMAIL, password, full_name=people.OPERATOR_NAME)
    User.objects.create_user(
        people.BRAND_OWNER_EMAIL, password, full_name=people.BRAND_OWNER_NAME, role=Role.BRAND_OWNER
    )
    for buyer in people.BUYERS:
        accounts.sign_up_buyer(buyer.email, password, buyer.full_name, buyer.province, buyer.city)
    say(f"Buyers: {len(people.BUYERS)}")
    gtins = _GtinIssuer(random.Random(SEED))
    for spec in SELLERS:
        owner = _sign_up(spec, password)
        if spec.verified:
            accounts.verify_seller(operator, owner.membership.seller, note=VERIFICATION_NOTE)
            owner = User.objects.select_related("membership__seller").get(pk=owner.pk)
        if spec is SELLERS[0]:
            _add_staff(owner, password)
        count = _list_products(spec, owner, gtins)
        rates = ", its own shipping rates" if set_demo_rate_card(spec.code, owner) else ""
        say(f"  {spec.display_name} ({spec.city}, {spec.state}): {count} products{rates}")
    demo_brands.load_brands(operator, say)


def _sign_up(spec: SellerSpec, password: str) -> User:
    business = {
        "legal_name": spec.legal_name,
        "display_name": spec.display_name,
        "display_name_zh": spec.display_name_zh,
        "about_en": spec.about_en,
        "about_zh": spec.about_zh,
        "state": spec.state,
        "city": spec.city,
        "business_type": spec.business_type,
        "employee_band": spec.employee_band,
        "revenue_band": spec.revenue_band,
        "year_founded": spec.year_founded,
    }
    return accounts.sign_up_seller(spec.owner_email, password, spec.owner, business)


def _add_staff(owner: User, password: str) -> None:
    _invitation, token = accounts.invite_member(owner, people.STAFF_EMAIL)
    accounts.accept_invitation(token, people.STAFF_EMAIL, password, people.STAFF_NAME)


class _GtinIssuer:
    """UPC-A numbers (GTIN-12): one invented company prefix per seller, item numbers in sequence."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[int] = set()

    def for_seller(self):
        company = self.rng.randint(10000, 99999)
        while company in self.used:
            company = self.rng.randint(10000, 99999)
        self.used.add(company)
        items = iter(range(1, 100000))

        def issue() -> str:
            body = f"8{company:05d}{next(items):05d}"
            return body + str(gtin_check_digit(body))

        return issue


def _allocate(spec: SellerSpec) -> dict[str, int]:
    """How many listings the seller has in each of its categories: the first (main) one gets two in three."""
    available = {
        slug: sum(len(line.packs) for line in CONTENT[slug].lines if not kinds or line.kind in kinds)
        for slug, kinds in spec.sells.items()
    }
    counts = dict.fromkeys(available, 0)
    slugs = list(available)
    turn = [slugs[0], slugs[0], *slugs[1:]] if len(slugs) > 1 else slugs
    remaining = spec.products
    while remaining and any(counts[s] < available[s] for s in slugs):
        for slug in turn:
            if remaining and counts[slug] < available[slug]:
                counts[slug] += 1
                remaining -= 1
    return counts


def _list_products(spec: SellerSpec, owner: User, gtins: _GtinIssuer) -> int:
    rng = random.Random(f"{SEED}-{spec.code}")
    brand_en, brand_zh = brand_of(spec)
    gtin_for = gtins.for_seller()
    drafts: list[ProductDraft] = []
    for slug, count in _allocate(spec).items():
        kinds = frozenset(spec.sells[slug])
        brand = SellerBrand(spec.code, brand_en, brand_zh, spec.state, spec.city, city_zh(spec), kinds)
        drafts += compose_products(CONTENT[slug], brand, count, rng, gtin_for)
    for draft in drafts:
        publish = spec.verified and rng.random() >= DRAFT_SHARE
        fields = {**draft.fields, "status": ProductStatus.PUBLISHED if publish else ProductStatus.DRAFT}
        skus = draft.skus
        if spec.english_only:
            fields, skus = english_only(fields, skus)
        product = catalog.create_product(owner, fields, skus)
        if spec.english_only:
            # What the worker does after the save, done now: the rest of the demo sees the listing as
            # buyers will, translated by the platform's translator and published once its title is.
            fill_listing(product.pk)
        picture = packshot(
            draft.line.shape, brand_en, draft.line.name_en, CONTENT[draft.category].background, rng
        )
        upload = SimpleUploadedFile(f"{draft.skus[0]['code'].lower()}.jpg", picture, "image/jpeg")
        alt_zh = "" if spec.english_only else draft.alt_zh
        catalog.add_image(owner, product, upload, alt_en=draft.alt_en, alt_zh=alt_zh)
    return len(drafts)


def english_only(fields: dict, skus: list[dict]) -> tuple[dict, list[dict]]:
    """The listing as a seller who writes no Chinese sends it: every Chinese text left out."""
    english = {name: value for name, value in fields.items() if name not in ("title_zh", "description_zh")}
    return english, [{name: v for name, v in sku.items() if name != "option_zh"} for sku in skus]


def _summary(created: bool) -> DemoSummary:
    owners = [seller.owner_email for seller in SELLERS]
    sellers = Seller.objects.filter(memberships__user__email__in=owners)
    products = Product.objects.filter(seller__in=sellers)
    return DemoSummary(
        created=created,
        logins=demo_logins(),
        sellers=sellers.count(),
        verified_sellers=sellers.filter(verification_status=Verification.VERIFIED).count(),
        products=products.count(),
        published_products=products.filter(status=ProductStatus.PUBLISHED).count(),
        buyers=User.objects.filter(email__in=[b.email for b in people.BUYERS]).count(),
        states=sorted(set(sellers.values_list("state", flat=True))),
        categories=sorted(set(products.values_list("category__slug", flat=True))),
    )
