"""Background work of translation: a listing's missing Chinese, filled after the seller saves it."""

from huey import crontab
from huey.contrib.djhuey import db_task

from borderless.catalog.models import Product, TranslationStatus
from borderless.fleet.jobs import periodic_job


@db_task()
def translate_listing(product_id: int) -> None:
    from borderless.translation.fill import fill_listing

    delay = fill_listing(product_id)
    if delay is not None:
        translate_listing.schedule(args=(product_id,), delay=delay)


@periodic_job("translation.retry_translations", crontab(minute="*/10"), seconds=600)
def retry_translations() -> int:
    """Listings still queued or failed (a lost task, a worker restart): translated again."""
    from borderless.translation.fill import MAX_ATTEMPTS, fill_listing

    ids = Product.objects.filter(
        translation_status__in=[TranslationStatus.QUEUED, TranslationStatus.FAILED],
        translation_attempts__lt=MAX_ATTEMPTS,
    ).values_list("pk", flat=True)[:500]
    for product_id in list(ids):
        fill_listing(product_id)
    return len(ids)
