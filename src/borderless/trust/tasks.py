"""Background work of brand protection."""

from huey.contrib.djhuey import db_task

from borderless.catalog.models import Product
from borderless.trust.models import Trigger

CHUNK = 200


@db_task()
def rescreen_for_brand(brand_id: int) -> int:
    """A brand's data changed: screen every listing again (each in its own short transaction), so a
    listing saved before the brand was verified, however it spells the name, is caught too."""
    return rescreen_all()


def rescreen_all() -> int:
    from borderless.trust.screening import screen_listing

    last_id, count = 0, 0
    while True:
        ids = list(Product.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)[:CHUNK])
        if not ids:
            return count
        for product_id in ids:
            product = Product.objects.filter(pk=product_id).first()
            if product is not None:
                screen_listing(product, Trigger.BRAND_CHANGED)
                count += 1
        last_id = ids[-1]
