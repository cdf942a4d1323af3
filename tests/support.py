"""Helpers shared by the suites (importable as `support`: the tests directory is on the path)."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def service_missing(what: str) -> None:
    """Fail under CI, skip elsewhere, with a message that says what to start."""
    message = f"{what} is not available"
    if CI:
        pytest.fail(f"{message}, and CI=true makes it mandatory.", pytrace=False)
    pytest.skip(f"{message}: start it to run this test.")


def at_once(n: int, fn) -> list:
    """Call fn(0) … fn(n - 1) in n threads released together; each result, or the exception it raised.

    Each thread closes its own database connection, so the calls race as separate clients would.
    """
    from django.db import connection

    barrier = threading.Barrier(n)

    def run(i):
        barrier.wait(10)
        try:
            return fn(i)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the caller compares
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(run, range(n)))
