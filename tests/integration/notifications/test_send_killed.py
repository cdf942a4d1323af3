"""A worker process killed with SIGKILL inside a send, after the SMS gateway took the message and before
the notice was marked sent: once the lease has run out, the next worker sends it again with the same
idempotency key, and the gateway (the sandbox's record) has it once. Real processes on one database file
(SQLite) or one database (PostgreSQL, when DATABASE_URL names one)."""

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
LEASE_SECONDS = 60

SETUP = """
import sys, django
sys.path[:0] = [{tests!r}, {here!r}]
django.setup()
from borderless.trade import preload
preload()
from borderless.events import outbox
from borderless.notifications import services
from factories import make_buyer
from notifications_support import paid_order
buyer = make_buyer()
services.save_preferences(buyer, {{("order_paid", "sms"): True, ("order_paid", "email"): False}},
                          mobile="13600136000")
order, _ = paid_order(buyer)
from borderless.events.models import OutboxMessage
OutboxMessage.objects.filter(topic="notifications.send").delete()  # nothing of an earlier kick
outbox.deliver_due()  # the event: the notices are written and their sends queued
print(buyer.pk)
"""

HANGING = """
import time, django
django.setup()
from pathlib import Path
from borderless.events import outbox
from borderless.notifications import sms
real = sms.SandboxSms.send
def send_then_hang(self, request):
    answer = real(self, request)
    Path({marker!r}).write_text(answer)  # the gateway has the message
    time.sleep(600)  # killed here, before the notice is marked sent
sms.SandboxSms.send = send_then_hang
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

STATE = """
import json, django
django.setup()
from borderless.notifications import sms
from borderless.notifications.models import Notice
notice = Notice.objects.get(recipient_id={buyer}, channel="sms")
print(json.dumps({{"sent": notice.sent_at is not None, "reference": notice.reference,
                   "records": [r["message_id"] for r in sms.SandboxSms().sent()]}}))
"""


@pytest.fixture
def database_url(tmp_path):
    yield from own_database(tmp_path, "test_send_killed")


def test_an_sms_send_killed_after_the_gateway_took_it_is_sent_once(tmp_path, database_url):
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL", "HUEY_IMMEDIATE"}},
        "DJANGO_SETTINGS_MODULE": "borderless.settings",
        "BORDERLESS_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url,
        "HUEY_NAME": f"test-{uuid.uuid4().hex[:12]}",
        "HUEY_IMMEDIATE": "0",
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "CUSTOMS_GATEWAY": "sandbox",
        "SANDBOX_WEBHOOK_SECRET": "whsec_worker_test",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONPATH": os.pathsep.join([str(TESTS_DIR), os.environ.get("PYTHONPATH", "")]),
    }
    run_python(env, "-m", "borderless.cli", "migrate", "--verbosity", "0")
    buyer = run_python(env, "-c", SETUP.format(tests=str(TESTS_DIR), here=str(HERE)))
    assert json.loads(run_python(env, "-c", STATE.format(buyer=buyer))) == {
        "sent": False, "reference": "", "records": [],
    }  # fmt: skip

    marker = tmp_path / "handed-over"
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
        os.kill(hanging.pid, signal.SIGKILL)
        hanging.wait(10)
    finally:
        if hanging.poll() is None:
            hanging.kill()
            hanging.wait(10)
    first = marker.read_text()
    assert json.loads(run_python(env, "-c", STATE.format(buyer=buyer))) == {
        "sent": False, "reference": "", "records": [first],
    }  # fmt: skip

    run_python(env, "-c", DELIVER.format(later=0))  # the dead worker's lease still holds the send
    run_python(env, "-c", DELIVER.format(later=LEASE_SECONDS + 1))
    run_python(env, "-c", DELIVER.format(later=LEASE_SECONDS + 3600))
    assert json.loads(run_python(env, "-c", STATE.format(buyer=buyer))) == {
        "sent": True, "reference": first, "records": [first],
    }  # fmt: skip
