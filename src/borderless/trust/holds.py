"""Whether brand protection keeps a listing from buyers: the one rule, with every reason in one place.

A listing is held while its current screening holds it, while a takedown case holds it, or while its
seller's store is frozen or closed. Whoever changes one of these calls `refresh_listing_hold()`. Screening,
which reads the reasons besides its own verdict in the one query it makes anyway (`other_holds_sql()`),
calls `hold_listing_if(product, is_held(...))`."""

from django.db import connection

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.trust.casework_models import HOLDING_STATUSES, Case, SellerStanding
from borderless.trust.models import ListingScreening


def other_holds_sql(product: Product) -> tuple[str, list]:
    """The reasons besides the screening as two columns a SELECT can list: `case_holds` (a takedown case
    holds the listing) and `standing_level` (the seller's standing, NULL if it has none); and the params."""
    cases, standings = Case._meta.db_table, SellerStanding._meta.db_table
    statuses = ", ".join(["%s"] * len(HOLDING_STATUSES))
    sql = (  # table names from the models; every value a parameter
        f"EXISTS (SELECT 1 FROM {cases} WHERE product_id = %s AND status IN ({statuses})) AS case_holds, "  # noqa: S608
        f"(SELECT level FROM {standings} WHERE seller_id = %s) AS standing_level"
    )
    return sql, [product.pk, *HOLDING_STATUSES, product.seller_id]


def is_held(screening: ListingScreening | None, case_holds: bool, standing_level: str | None) -> bool:
    if screening is not None and screening.holds_listing:
        return True
    if case_holds:
        return True
    return standing_level is not None and SellerStanding(level=standing_level).holds_listings


def listing_held(product: Product) -> bool:
    screening = ListingScreening.objects.filter(product_id=product.pk, is_current=True).first()
    sql, params = other_holds_sql(product)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", params)
        case_holds, standing_level = cursor.fetchone()
    return is_held(screening, bool(case_holds), standing_level)


def hold_listing_if(product: Product, held: bool) -> bool:
    catalog.set_held_from_buyers(product, held)
    return held


def refresh_listing_hold(product: Product) -> bool:
    return hold_listing_if(product, listing_held(product))


def refresh_seller_holds(seller_id: int) -> None:
    """After a store freeze starts or ends: every listing of the seller."""
    for product in Product.objects.filter(seller_id=seller_id).only("pk", "seller_id", "held_from_buyers"):
        refresh_listing_hold(product)
