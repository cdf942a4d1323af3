"""PostgreSQL ends the app's connections in the middle of a load of checkouts: nothing is left half made.

Buyers check out through the API, each from a thread of its own that keeps its connection between requests
(`CONN_MAX_AGE`, as a web node's threads do), while another connection ends every backend of the app's
database with `pg_terminate_backend`, three times. A checkout cut off answers an error, or its answer is lost;
the buyer posts it again with the same idempotency key. At the end every buyer has exactly one checkout with
its order, its reservation and its payment, the stock went down by what was ordered, and a new checkout
right after the kill is served without anything restarted.
"""

import threading
import time
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection, connections
from django.test import Client

from api_client import bearer
from borderless.catalog.models import Sku
from borderless.orders import services
from borderless.orders.models import Checkout, Order, StockReservation
from borderless.payments.models import Payment
from factories import ADDRESS, IDENTITY, make_buyer, make_product, make_seller

BUYERS = 12
ROUNDS = 3


def _terminate_the_apps_backends() -> int:
    """End every backend of the test database but this one's (a separate connection, as an operator's)."""
    import psycopg

    settings = connection.settings_dict
    dsn = f"host={settings['HOST'] or '127.0.0.1'} port={settings['PORT'] or 5432} user={settings['USER']}"
    with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
            [settings["NAME"]],
        ).fetchall()
    return sum(1 for (ended,) in rows if ended)


def _request(client: Client, method: str, path: str, **kwargs):
    """One request as a web node serves it: stale connections closed first (Django's request_started)."""
    close_old_connections()
    return getattr(client, method)(path, **kwargs)


def _check_out(client: Client, headers: dict, key: str) -> tuple[int, int]:
    """Post the checkout until it answers; (attempts, errors seen). A lost answer is posted again."""
    attempts = errors = 0
    while attempts < 10:
        attempts += 1
        try:
            response = _request(
                client, "post", "/api/v1/checkout", data={"address": ADDRESS, "identity": IDENTITY},
                content_type="application/json", headers={**headers, "Idempotency-Key": key},
            )  # fmt: skip
        except Exception:  # noqa: BLE001 - the connection ended under the request: the answer is lost
            errors += 1
            continue
        if response.status_code in (200, 201):
            return attempts, errors
        errors += 1
        time.sleep(0.05)
    raise AssertionError(f"checkout {key} never answered: {response.status_code} {response.content[:300]}")


@pytest.mark.django_db(transaction=True)
def test_ended_backends_leave_no_checkout_half_made_and_the_app_goes_on(on_postgres):
    sku = _stocked()
    buyers = [make_buyer() for _ in range(BUYERS)]
    for buyer in buyers:
        services.add_to_cart(buyer, sku.public_id, 1)
    headers = {buyer.pk: bearer(buyer) for buyer in buyers}
    _request(
        Client(), "get", "/api/v1/cart", headers=headers[buyers[0].pk]
    )  # the first request loads the app
    stop, ready = threading.Event(), threading.Barrier(BUYERS + 1)
    seen: dict = {}

    def buyer_thread(buyer):
        client, failed_reads = Client(raise_request_exception=True), 0
        try:
            _request(
                client, "get", "/api/v1/cart", headers=headers[buyer.pk]
            )  # a connection of its own, kept
            ready.wait(timeout=60)
            attempts, errors = _check_out(client, headers[buyer.pk], f"killed-{buyer.pk}")
            while not stop.is_set():
                try:
                    _request(client, "get", "/api/v1/orders", headers=headers[buyer.pk])
                except Exception:  # noqa: BLE001 - a read cut off; the next one must work again
                    failed_reads += 1
                time.sleep(0.01)
            last = _request(client, "get", "/api/v1/orders", headers=headers[buyer.pk])
            seen[buyer.pk] = (attempts, errors, failed_reads, last.status_code)
        except Exception as exc:  # noqa: BLE001 - reported below
            seen[buyer.pk] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer_thread, args=(b,)) for b in buyers]
    for thread in threads:
        thread.start()
    ready.wait(timeout=60)
    ended = []
    for _ in range(ROUNDS):
        ended.append(_terminate_the_apps_backends())
        time.sleep(0.1)
    stop.set()
    for thread in threads:
        thread.join(timeout=120)

    close_old_connections()
    connection.close()
    failures = {pk: s for pk, s in seen.items() if isinstance(s, Exception)}
    assert failures == {} and len(seen) == BUYERS, failures
    # Every buyer's thread held a connection when the first round ended them all.
    assert ended[0] >= BUYERS, ended
    assert all(last == 200 for *_, last in seen.values()), seen  # each thread reads again after the kills
    # Every buyer: one checkout, one order, one reservation, one payment; the stock down by what was ordered.
    assert Checkout.objects.count() == BUYERS
    assert Order.objects.count() == BUYERS
    assert StockReservation.objects.filter(sku=sku).count() == BUYERS
    assert Payment.objects.count() == BUYERS
    assert Sku.objects.get(pk=sku.pk).stock == 100 - BUYERS
    for checkout in Checkout.objects.all():
        assert checkout.orders.count() == 1, checkout

    # The app goes on without a restart: a new buyer checks out at once.
    late = make_buyer()
    services.add_to_cart(late, sku.public_id, 1)
    attempts, errors = _check_out(Client(), bearer(late), "after-the-kill")
    assert (attempts, errors) == (1, 0)
    assert Order.objects.count() == BUYERS + 1


def _stocked():
    seller = make_seller()
    product = make_product(seller, skus=[{"code": "KILL-1", "price_usd": Decimal("39.00"), "stock": 100}])
    return product.skus.get()
