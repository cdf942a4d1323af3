"""Two processes refreshing the index at once: neither waits on the other's outbox rows, nothing is lost."""

import threading

import pytest
from django.db import connection, connections, transaction

from borderless.catalog.models import ProductChange
from borderless.search.services import refresh_index, search_products
from factories import make_product, make_seller

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _empty_index_afterwards():
    # The index table is not a Django model, so flushing between transactional tests leaves it alone.
    yield
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_productdocument")


def _in_thread(target):
    errors = []

    def run():
        try:
            target()
        except Exception as exc:  # reported to the test below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, errors


def test_refresh_skips_rows_another_process_holds(on_postgres):
    seller = make_seller()
    held, free = make_product(seller, title_en="Held ginseng"), make_product(seller, title_en="Free ginseng")
    holding, release = threading.Event(), threading.Event()

    def hold_the_first_change():
        with transaction.atomic():
            list(ProductChange.objects.filter(product_id=held.pk).select_for_update())
            holding.set()
            release.wait(10)

    thread, errors = _in_thread(hold_the_first_change)
    assert holding.wait(10)
    try:
        refresh_index()  # must not wait for the held rows
        assert ProductChange.objects.filter(product_id=free.pk).count() == 0
        assert ProductChange.objects.filter(product_id=held.pk).exists()
    finally:
        release.set()
        thread.join(10)
    assert errors == []
    assert {p.title_en for p in search_products("ginseng").products} == {"Free ginseng", "Held ginseng"}
    assert not ProductChange.objects.exists()


def test_two_refreshes_at_once_index_everything_once(on_postgres):
    seller = make_seller()
    made = [make_product(seller, title_en=f"Ginseng lot {n}") for n in range(60)]
    start = threading.Barrier(2)

    def refresh():
        start.wait(10)
        refresh_index()

    runs = [_in_thread(refresh) for _ in range(2)]
    for thread, errors in runs:
        thread.join(30)
        assert errors == []
    assert not ProductChange.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*), COUNT(DISTINCT product_id) FROM search_productdocument")
        assert cursor.fetchone() == (len(made), len(made))
    assert search_products("ginseng", limit=100).total == len(made)
