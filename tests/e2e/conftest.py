"""Browser tests: Playwright driving Debian's Chromium against a live server."""

import importlib
import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from support import service_missing

# Playwright's sync API runs an event loop in the test thread; the tests' ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _OneRequestAtATime:
    """With SQLite in memory the live server's threads share the test's one connection (pytest-django passes
    it to them): two requests at once (a browser's and a webhook's from the local Stripe) interleave their
    savepoints on it ("no such savepoint"). They are served one at a time; PostgreSQL needs no such lock."""

    lock = threading.Lock()

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


class _SerialisedWSGIServer(ThreadedWSGIServer):
    def set_app(self, application):
        from django.db import connection

        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            application = _OneRequestAtATime(application)
        super().set_app(application)


LiveServerThread.server_class = _SerialisedWSGIServer


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        service_missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _categories(transactional_db):
    # Transactional tests flush every table afterwards, the categories of the data migration included.
    from borderless.catalog.categories import CATEGORIES
    from borderless.catalog.services import ensure_categories

    ensure_categories(CATEGORIES)


@pytest.fixture
def clear_the_journal(transactional_db):
    """The journal is append-only: PostgreSQL's flush truncates (no row triggers fire), but SQLite's flush
    deletes row by row and its triggers refuse: empty the ledger with its triggers lifted, then restore them.
    """
    yield
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    triggers = importlib.import_module("borderless.ledger.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        for sql in triggers.SQLITE_REVERSE:
            cursor.execute(sql)
        for table in ("ledger_entry", "ledger_hold", "ledger_transaction"):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table names
        for sql in triggers.SQLITE:
            cursor.execute(sql)
