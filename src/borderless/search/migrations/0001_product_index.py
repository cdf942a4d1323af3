"""The product index table, in the form each database supports, and a first fill through the outbox."""

from django.db import migrations
from django.utils import timezone

SQLITE = [
    "CREATE VIRTUAL TABLE search_productdocument USING fts5("
    "title, body, tokenize = 'unicode61 remove_diacritics 0')",
]
POSTGRES = [
    "CREATE TABLE search_productdocument ("
    "product_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX search_productdocument_document_gin ON search_productdocument USING gin (document)",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = SQLITE
    elif vendor == "postgresql":
        statements = POSTGRES
    else:
        raise NotImplementedError(f"Search has no index for the {vendor} database.")
    for sql in statements:
        schema_editor.execute(sql)
    # Products that exist already are indexed by the next refresh, like any changed product.
    Product = apps.get_model("catalog", "Product")
    ProductChange = apps.get_model("catalog", "ProductChange")
    now = timezone.now()
    ProductChange.objects.bulk_create(
        (ProductChange(product_id=pk, created_at=now) for pk in Product.objects.values_list("pk", flat=True)),
        batch_size=500,
    )


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS search_productdocument")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_categories")]
    operations = [migrations.RunPython(create_index, drop_index)]
