"""What the storefront filters and sorts on, kept beside each product's words, filled from the catalog.

PostgreSQL: columns of the index table itself, so a search reads one table (and the small seller table).
SQLite: FTS5 tables hold text only, so the facts live in a plain side table keyed by the product id.
"""

from django.db import migrations

FACTS = "seller_id, category_id, origin_state, min_price_usd, published_at, is_published"
# The facts of the products indexed so far, straight from the catalog (no re-segmenting of their text).
FACTS_FROM_CATALOG = (
    "SELECT p.id, p.seller_id, p.category_id, p.origin_state, "
    "(SELECT MIN(s.price_usd) FROM catalog_sku s WHERE s.product_id = p.id), p.published_at, "
    "p.status = 'published' FROM catalog_product p"
)
SQLITE = [
    "CREATE TABLE search_productfacts (product_id integer NOT NULL PRIMARY KEY, seller_id integer NOT NULL, "
    "category_id integer NOT NULL, origin_state varchar(2) NOT NULL, min_price_usd decimal NULL, "
    "published_at datetime NULL, is_published bool NOT NULL)",
    "CREATE INDEX search_productfacts_browse ON search_productfacts (is_published, published_at, product_id)",
    "CREATE INDEX search_productfacts_seller ON search_productfacts (seller_id)",
    f"INSERT INTO search_productfacts (product_id, {FACTS}) {FACTS_FROM_CATALOG} "
    "WHERE p.id IN (SELECT rowid FROM search_productdocument)",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_productfacts"]
POSTGRES = [
    "ALTER TABLE search_productdocument ADD COLUMN seller_id bigint NOT NULL DEFAULT 0, "
    "ADD COLUMN category_id bigint NOT NULL DEFAULT 0, ADD COLUMN origin_state varchar(2) NOT NULL DEFAULT '', "
    "ADD COLUMN min_price_usd numeric(12, 2) NULL, ADD COLUMN published_at timestamp with time zone NULL, "
    "ADD COLUMN is_published boolean NOT NULL DEFAULT false",
    f"UPDATE search_productdocument d SET ({FACTS}) = (f.seller_id, f.category_id, f.origin_state, "
    f"f.min_price_usd, f.published_at, f.is_published) FROM ({FACTS_FROM_CATALOG}) "
    f"AS f (product_id, {FACTS}) WHERE f.product_id = d.product_id",
    # Browsing walks these newest first and stops after a page; only published rows are in them.
    "CREATE INDEX search_productdocument_browse ON search_productdocument "
    "(published_at DESC, product_id DESC) INCLUDE (seller_id) WHERE is_published",
    "CREATE INDEX search_productdocument_category ON search_productdocument "
    "(category_id, published_at DESC, product_id DESC) WHERE is_published",
    "CREATE INDEX search_productdocument_state ON search_productdocument "
    "(origin_state, published_at DESC, product_id DESC) WHERE is_published",
    "CREATE INDEX search_productdocument_price ON search_productdocument (min_price_usd) WHERE is_published",
    "CREATE INDEX search_productdocument_seller ON search_productdocument (seller_id)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_productdocument_browse",
    "DROP INDEX IF EXISTS search_productdocument_category",
    "DROP INDEX IF EXISTS search_productdocument_state",
    "DROP INDEX IF EXISTS search_productdocument_price",
    "DROP INDEX IF EXISTS search_productdocument_seller",
    f"ALTER TABLE search_productdocument DROP COLUMN {', DROP COLUMN '.join(FACTS.split(', '))}",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_by_vendor:
            raise NotImplementedError(f"Search has no index for the {vendor} database.")
        for sql in statements_by_vendor[vendor]:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_product_index"), ("catalog", "0002_categories")]
    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
