"""A worker process killed with SIGKILL inside an event handler (its side effects written, not committed)
loses nothing and applies nothing twice: once its lease has run out, the next delivery declares the paid
order to customs, once. Real processes on one database file (SQLite) or one database (PostgreSQL, when
DATABASE_URL names one)."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from worker_processes import own_database, run_python

TESTS_DIR = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

SETUP = """
import sys, django
sys.path[:0] = [{tests!r}, {here!r}]
django.setup()
from borderless.trade import preload
preload()
from events_support import open_payment, provider_says_paid
payment, order = open_payment()
provider_says_paid(payment)  # the order is paid; "payment succeeded" waits in the outbox
print(order.public_id)
"""

# The worker's delivery, with the customs handler dying after its writes and before its commit.
HANGING = """
import sys, time, django
django.setup()
from pathlib import Path
from borderless.customs import services
from borderless.events import outbox
real = services.declare_order
def declare_then_hang(order):
    declared = real(order)
    Path({marker!r}).write_text(str(declared.pk))  # the declaration and its messages are written
    time.sleep(600)  # killed here
services.declare_order = declare_then_hang
outbox.deliver_due()
"""

DELIVER = """
import django
django.setup()
from datetime import timedelta
from django.utils import timezone
from borderless.events import outbox
print(outbox.deliver_due(now=timezone.now() + timedelta(seconds={later})))
"""
LEASE_SECONDS = 60

STATE = """
import json, django
django.setup()
from borderless.customs.models import CustomsMessage, Declaration
from borderless.events.models import HandledEvent, OutboxMessage
event = OutboxMessage.objects.get(topic="event:payment succeeded")
print(json.dumps({{
    "declarations": Declaration.objects.filter(order__public_id={order!r}).count(),
    "messages": sorted(CustomsMessage.objects.filter(declaration__order__public_id={order!r})
                       .values_list("kind", flat=True)),
    "handled": list(HandledEvent.objects.filter(handler__startswith="customs.")
                    .values_list("handler", flat=True)),
    "event_sent": event.sent_at is not None,
    "attempts": event.attempts,
}}))
"""


def _state(env, order):
    return json.loads(run_python(env, "-c", STATE.format(order=order)))


@pytest.fixture
def database_url(tmp_path):
    yield from own_database(tmp_path, "test_events_worker")


def test_a_worker_killed_inside_a_handler_declares_the_order_once_after_its_lease(tmp_path, database_url):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "HUEY_IMMEDIATE"}},
        "DJANGO_SETTINGS_MODULE": "borderless.settings",
        "BORDERLESS_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "HUEY_NAME": f"test-{uuid.uuid4().hex[:12]}",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "CUSTOMS_GATEWAY": "sandbox",
        "SANDBOX_WEBHOOK_SECRET": "whsec_worker_test",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
    }
    run_python(env, "-m", "borderless.cli", "migrate", "--verbosity", "0")
    order = run_python(env, "-c", SETUP.format(tests=str(TESTS_DIR), here=str(HERE)))
    assert _state(env, order) == {
        "declarations": 0, "messages": [], "handled": [], "event_sent": False, "attempts": 0,
    }  # fmt: skip

    marker = tmp_path / "declared"
    log = open(tmp_path / "hanging.log", "w")  # noqa: SIM115
    hanging = subprocess.Popen(
        [sys.executable, "-c", HANGING.format(marker=str(marker))],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=TESTS_DIR,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and time.monotonic() < deadline and hanging.poll() is None:
            time.sleep(0.1)
        assert marker.exists(), (tmp_path / "hanging.log").read_text()[-3000:]
        os.kill(hanging.pid, signal.SIGKILL)  # inside the handler's transaction, before its commit
        hanging.wait(10)
    finally:
        if hanging.poll() is None:
            hanging.kill()
            hanging.wait(10)
    state = _state(env, order)
    assert state == {
        "declarations": 0, "messages": [], "handled": [], "event_sent": False, "attempts": 1,
    }, state  # fmt: skip

    assert run_python(env, "-c", DELIVER.format(later=0)) == "0"  # the dead worker's lease still holds it
    after_lease = DELIVER.format(later=LEASE_SECONDS + 1)  # a worker once the lease has run out
    assert run_python(env, "-c", after_lease) == "1"
    expected = {
        "declarations": 1,
        "messages": ["CEB311", "CEB411"],
        "handled": ["customs.declare_paid_order"],
        "event_sent": True,
        "attempts": 2,
    }
    assert _state(env, order) == expected

    # Delivered once more (a second worker whose lease ran out under a slow first): nothing twice.
    redeliver = "import django; django.setup()\nfrom borderless.events.models import OutboxMessage\n"
    redeliver += "OutboxMessage.objects.filter(topic='event:payment succeeded').update(sent_at=None)"
    run_python(env, "-c", redeliver)
    assert run_python(env, "-c", after_lease) != "0"
    assert _state(env, order) == {**expected, "attempts": 3}
