"""Browser tests: Playwright driving Debian's Chromium against a live server."""

import importlib
import io
import logging
import os
import shutil
import threading

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from id_scan import Exchange, Scan, sent_in
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


class _Recording:
    """Keeps what the live server answered (whoever asked: the page, a download, page.request, a webhook),
    and the ID-shaped values the clients sent in, for the test's ID number scan."""

    lock = threading.Lock()
    exchanges: list[Exchange] | None = None  # None: no test is listening
    typed: set[str] = set()

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if _Recording.exchanges is None:
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        posted = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(posted)
        answer = {}

        def recording_start_response(status, headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["type"] = next((v for k, v in headers if k.lower() == "content-type"), "")
            return start_response(status, headers, exc_info)

        result = self.app(environ, recording_start_response)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()  # as the server would: Django's request_finished
        with _Recording.lock:
            _Recording.typed |= sent_in(posted) | sent_in(environ.get("QUERY_STRING", "").encode())
            if _Recording.exchanges is not None:
                path = environ.get("PATH_INFO", "")
                method = environ.get("REQUEST_METHOD", "")
                _Recording.exchanges.append(Exchange(method, path, answer["status"], answer["type"], body))
        return [body]


class _SerialisedWSGIServer(ThreadedWSGIServer):
    def set_app(self, application):
        from django.db import connection

        application = _Recording(application)
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
def _no_unmasked_id_numbers(request, caplog):
    """ID numbers are masked everywhere but the customs messages: every response body the live server sent
    during the test (HTML, JSON, CSV, text, PDF text, ZIP members) and every log record is scanned for an
    unmasked resident ID number, valid per GB 11643 or one the test typed in."""
    caplog.set_level(logging.INFO)
    quiet = [logging.getLogger(name) for name in ("django.server", "huey")]  # they do not propagate
    for logger in quiet:
        logger.addHandler(caplog.handler)
    with _Recording.lock:
        _Recording.exchanges, _Recording.typed = [], set()
    yield
    with _Recording.lock:
        exchanges, typed = _Recording.exchanges, set(_Recording.typed)
        _Recording.exchanges = None
    for logger in quiet:
        logger.removeHandler(caplog.handler)
    scan = Scan()
    for exchange in exchanges:
        scan.response(exchange, typed)
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    for when in ("setup", "call"):
        for record in caplog.get_records(when):
            scan.log(f"{record.name} ({when})", formatter.format(record), typed)
    request.node.user_properties.append(
        ("idscan", {"scanned": scan.scanned, "exempted": scan.exempted, "leaks": len(scan.leaks)})
    )
    assert not scan.leaks, "Unmasked ID numbers:\n" + "\n".join(scan.leaks)


def pytest_terminal_summary(terminalreporter):
    seen = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "teardown"
        for key, value in getattr(report, "user_properties", ())
        if key == "idscan"
    ]
    if seen:
        total = {k: sum(s[k] for s in seen) for k in ("scanned", "exempted", "leaks")}
        terminalreporter.write_line(
            f"ID number scan: tests {len(seen)}, responses scanned {total['scanned']}, "
            f"customs messages exempted {total['exempted']}, unmasked ID numbers {total['leaks']}"
        )


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
