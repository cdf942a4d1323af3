"""What screening adds to saving a listing, on PostgreSQL.

    .venv/bin/python benchmarks/screening_bench.py [--brands 12,500] [--listings 200]

Creates (anew each run) the database `borderless_bench_screening` (BENCH_SCREENING_DATABASE_URL overrides it),
migrates it, and registers the twelve brands of the evaluation set (tests/data/trust) plus synthetic ones up
to each `--brands` figure, every brand with reference products, GTINs and official image hashes. One
verified seller lists the evaluation set's listings (each with one image hash). Then, per listing, in its own
transaction: the catalog's update alone (`catalog.services.update_product`, a changed title), and the same
update through `trust.listings.update_listing` (update plus screening), and `screen_listing` alone.
Reports the median and 95th percentile of each, and the difference.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

from benchdb import ensure_database, setup_django

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/borderless_bench_screening"
TARGET_MS = 10.0


def _register(brand_count: int) -> None:
    import json

    from borderless.accounts.models import User
    from borderless.trust.models import Brand, BrandGtin, BrandImage, BrandProduct, BrandStatus

    owner = User.objects.get(email="brands@bench.example")
    operator = User.objects.get(email="ops@bench.example")
    existing = Brand.objects.count()
    data = json.loads((ROOT / "tests/data/trust/evaluation_brands.json").read_text(encoding="utf-8"))[
        "brands"
    ]
    rng = random.Random(existing)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    specs = []
    for number in range(existing, brand_count):
        if number < len(data):
            spec = data[number]
        else:
            name = "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(4)).title()
            spec = {
                "name_en": f"{name} {number}",
                "name_zh": "".join(rng.choice(han) for _ in range(3)),
                "aliases": [],
                "products": [
                    {"name_en": f"{name} product {i}", "name_zh": "", "msrp": "49.00", "gtins": []}
                    for i in range(2)
                ],
            }
        specs.append(spec)
    for spec in specs:
        brand = Brand.objects.create(
            owner=owner,
            name_en=spec["name_en"],
            name_zh=spec["name_zh"],
            aliases=spec["aliases"],
            status=BrandStatus.VERIFIED,
            reviewed_by=operator,
            reviewed_at=operator.date_joined,
        )
        for product in spec["products"]:
            row = BrandProduct.objects.create(
                brand=brand,
                name_en=product["name_en"],
                name_zh=product["name_zh"],
                msrp_amount=product["msrp"],
            )
            BrandGtin.objects.bulk_create([BrandGtin(product=row, gtin=g) for g in product["gtins"]])
            BrandImage.objects.create(product=row, image="bench.jpg", phash=f"{rng.getrandbits(64):016x}")


def _jpeg(seed: int) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (64, 64), (seed % 256, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def prepare(url: str, listings: int):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from borderless.accounts import services as accounts
    from borderless.accounts.models import User
    from borderless.catalog import services as catalog
    from borderless.catalog.models import Product, ProductImage
    from borderless.trust.models import ListingImageHash

    call_command("migrate", verbosity=0)
    if not User.objects.filter(email="ops@bench.example").exists():
        operator = User.objects.create_superuser("ops@bench.example", "bench password 1234")
        accounts.sign_up_brand_owner("brands@bench.example", "bench password 1234", "Bench Brands")
        details = {
            "legal_name": "Bench Goods LLC",
            "display_name": "Bench Goods",
            "state": "WI",
            "city": "Wausau",
            "business_type": "retailer",
            "employee_band": "2-9",
            "revenue_band": "lt100k",
            "year_founded": 2001,
        }
        owner = accounts.sign_up_seller(
            "seller@bench.example", "bench password 1234", "Bench Seller", details
        )
        accounts.verify_seller(operator, owner.membership.seller)
        owner = User.objects.get(pk=owner.pk)
        rows = list(
            csv.DictReader((ROOT / "tests/data/trust/evaluation_listings.csv").open(encoding="utf-8"))
        )
        rng = random.Random(1)
        for index in range(listings):
            row = rows[index % len(rows)]
            fields = {
                "category": "handbags",
                "brand_name": row["brand_field"] or "Unbranded",
                "hs_code": "420221",
                "title_en": f"{row['title_en']} #{index}",
                "title_zh": row["title_zh"],
                "description_en": row["description"] * 3,
                "description_zh": row["title_zh"] * 3,
                "net_content_value": Decimal("1"),
                "net_content_unit": "piece",
                "unit_weight_g": Decimal("500"),
                "status": "published",
            }
            product = catalog.create_product(
                owner, fields, [{"code": "B1", "price_usd": row["price_usd"], "stock": 5}]
            )
            image = ProductImage(product=product)
            image.image.save("bench.jpg", ContentFile(_jpeg(index)), save=True)
            ListingImageHash.objects.create(image=image, phash=f"{rng.getrandbits(64):016x}")
    return User.objects.get(email="seller@bench.example"), list(Product.objects.order_by("id")[:listings])


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(owner, products):
    from django.db import transaction

    from borderless.catalog import services as catalog
    from borderless.trust import listings
    from borderless.trust.screening import brand_registry, screen_listing

    brand_registry()  # built once per process (and again only when a brand changes)
    plain, screened, alone = [], [], []
    for round_ in range(2):
        for product in products:
            title = product.title_en.split(" ~")[0] + f" ~{round_}"

            def update_only(product=product, title=title):
                with transaction.atomic():
                    catalog.update_product(owner, product, {"title_en": title + "a"})

            def update_and_screen(product=product, title=title):
                with transaction.atomic():
                    listings.update_listing(owner, product, {"title_en": title + "b"})

            def screen_only(product=product):
                with transaction.atomic():
                    screen_listing(product)

            plain.append(_timed(update_only))
            screened.append(_timed(update_and_screen))
            alone.append(_timed(screen_only))
    return plain, screened, alone


def _p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--brands", default="12,500")
    parser.add_argument("--listings", type=int, default=200)
    args = parser.parse_args()
    url = os.environ.get("BENCH_SCREENING_DATABASE_URL", DEFAULT_URL)
    ensure_database(url, regenerate=True)
    setup_django(url)
    owner, products = prepare(url, args.listings)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}")
    for count in (int(c) for c in args.brands.split(",")):
        _register(count)
        plain, screened, alone = measure(owner, products)
        extra = [s - p for s, p in zip(screened, plain, strict=True)]
        print(
            f"{count} brands, {len(plain)} saves: update {statistics.median(plain):.1f} ms "
            f"(p95 {_p(plain, 0.95):.1f}); update+screen {statistics.median(screened):.1f} ms "
            f"(p95 {_p(screened, 0.95):.1f}); screening alone {statistics.median(alone):.1f} ms "
            f"(p95 {_p(alone, 0.95):.1f}); added median {statistics.median(extra):.1f} ms "
            f"(p95 {_p(extra, 0.95):.1f}); target < {TARGET_MS:.0f} ms"
        )


if __name__ == "__main__":
    main()
