"""A real worker process, killed with SIGKILL while it delivers a webhook, loses no event.

The database and the queue live in a temporary folder (SQLite storage) or in Redis db 15; every process
here is a real `borderless` command. The payment's outbox row and the sandbox's record commit together; the
first worker takes the delivery and hangs on the platform's endpoint (a test server that never answers),
and is killed. A second worker sends the message again once its lease has run out: the payment succeeds,
once.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[2]
# The processes share a SQLite file of their own, whatever database the suite runs on: the PostgreSQL pass
# would run the same thing a second time (tests/integration/events/test_events_worker.py kills a worker
# on PostgreSQL).
pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs on a SQLite file of its own; the SQLite pass of make test runs it",
)

SETUP = """
import sys, django
sys.path[:0] = [{tests!r}, {here!r}]
django.setup()
from borderless.trade import preload
preload()
from payments_support import open_payment
from borderless.payments.services import sandbox_complete
buyer, payment, _ = open_payment()
sandbox_complete(buyer, payment.public_id, "succeeded")
print(payment.public_id)
"""

STATE = """
import json, django
django.setup()
from borderless.events.models import OutboxMessage
from borderless.payments.models import Payment, PaymentEvent
from borderless.ledger.models import Transaction
p = Payment.objects.get(public_id={payment!r})
webhooks = OutboxMessage.objects.filter(topic="sandbox.webhook")  # customs messages follow the payment
print(json.dumps({{
    "status": p.status,
    "events": PaymentEvent.objects.count(),
    "captures": Transaction.objects.filter(kind="payment_capture").count(),
    "unsent": webhooks.filter(sent_at__isnull=True).count(),
    "attempts": sum(webhooks.values_list("attempts", flat=True)),
}}))
"""


class _Hanging(BaseHTTPRequestHandler):
    """The platform's endpoint as seen by the first worker: it takes the request and never answers."""

    arrived = threading.Event()
    release = threading.Event()

    def do_POST(self):  # noqa: N802
        type(self).arrived.set()
        type(self).release.wait(120)

    def log_message(self, *args):
        pass


def _run(env, *args, timeout=120):
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=TESTS_DIR
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def _state(env, payment):
    return json.loads(_run(env, "-c", STATE.format(payment=payment)).splitlines()[-1])


def _worker(env, tmp_path, name):
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115
    return subprocess.Popen(
        [sys.executable, "-m", "borderless.cli", "worker", "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=TESTS_DIR,
    )


def _scenario(tmp_path, extra_env):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hanging)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "HUEY_IMMEDIATE"}},
        "DJANGO_SETTINGS_MODULE": "borderless.settings",
        "BORDERLESS_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HUEY_NAME": f"test-{uuid.uuid4().hex[:12]}",
        "OUTBOX_LEASE_SECONDS": "2",
        "SANDBOX_WEBHOOK_SECRET": "whsec_worker_test",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
        **extra_env,
    }
    workers = []
    try:
        _run(env, "-m", "borderless.cli", "migrate", "--verbosity", "0", timeout=300)
        payment = _run(
            env, "-c", SETUP.format(tests=str(TESTS_DIR), here=str(Path(__file__).parent))
        ).splitlines()[-1]
        state = _state(env, payment)
        assert state == {"status": "requires_payment", "events": 0, "captures": 0, "unsent": 1, "attempts": 0}

        hanging = {**env, "SANDBOX_WEBHOOK_URL": f"http://127.0.0.1:{server.server_address[1]}/hook"}
        first = _worker(hanging, tmp_path, "first")
        workers.append(first)
        assert _Hanging.arrived.wait(60), (tmp_path / "first.log").read_text()[-3000:]
        os.kill(first.pid, signal.SIGKILL)  # committed, taken, not delivered
        first.wait(10)
        state = _state(env, payment)
        assert state["status"] == "requires_payment" and state["unsent"] == 1 and state["attempts"] == 1

        time.sleep(2.5)  # the dead worker's lease runs out
        second = _worker(env, tmp_path, "second")  # delivers inside the worker, to the same service
        workers.append(second)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            state = _state(env, payment)
            if state["unsent"] == 0:
                break
            time.sleep(0.5)
        assert state == {"status": "succeeded", "events": 1, "captures": 1, "unsent": 0, "attempts": 2}, (
            tmp_path / "second.log"
        ).read_text()[-3000:]
    finally:
        _Hanging.release.set()
        for w in workers:
            if w.poll() is None:
                w.kill()
                w.wait(10)
        server.shutdown()
        _Hanging.arrived.clear()
        _Hanging.release.clear()
    return env


def test_a_worker_killed_mid_delivery_loses_no_event_sqlite_queue(tmp_path):
    env = _scenario(tmp_path, {})
    assert (Path(env["BORDERLESS_VAR_DIR"]) / "huey.sqlite3").exists()  # the queue really was SQLite


def test_a_worker_killed_mid_delivery_loses_no_event_redis_queue(tmp_path, redis_url):
    import redis

    env = _scenario(tmp_path, {"REDIS_URL": redis_url})
    assert not (Path(env["BORDERLESS_VAR_DIR"]) / "huey.sqlite3").exists()  # the queue really was Redis
    client = redis.Redis.from_url(redis_url)
    keys = client.keys(f"huey.*{env['HUEY_NAME'].replace('-', '')}*")
    if keys:
        client.delete(*keys)
