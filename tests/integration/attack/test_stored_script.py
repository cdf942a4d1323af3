"""Script saved in any text field is shown escaped on every page that shows it.

Every string of every JSON write of the API (as the first role allowed to make it) and every free-text
field of every POST form of the web faces takes, one at a time, a script and an `onerror` image marked with
a number of its own. The writes are kept; then every page the matrix lets a role read is opened as each
role allowed to read it. A page may show a marker escaped (`&lt;script&gt;`), never as markup: a `<script>`
or an `on…` attribute that runs. The test also counts the pages that do show a marker, so a field that
never reaches a page cannot pass for escaped.
"""

import json
import re
from urllib.parse import urlsplit

import lxml.html
import pytest
from access_api import API
from access_web import WEB
from django.test import Client
from test_bad_input_forms import NO_DATA
from test_tenant_matrix_api import _path
from test_tenant_matrix_web import client_for, url_of
from web_forms import CSRF, discover
from world import ROLES

from api_client import bearer

pytestmark = pytest.mark.django_db
SHOWN = re.compile(rb"bx(\d+)\(\)")
MARK = re.compile(r"bx(\d+)\(\)")


def running_markers(body: bytes) -> list[int]:
    """The markers the browser would run: the text of a `<script>`, or an `on…` attribute of any element."""
    if not SHOWN.search(body):
        return []
    document = lxml.html.fromstring(body)
    code = [script.text or "" for script in document.iter("script")]
    code += [
        value
        for element in document.iter()
        for name, value in element.attrib.items()
        if name.startswith("on")
    ]
    return [int(n) for text in code for n in MARK.findall(text)]


class Markers:
    def __init__(self):
        self.where: dict[int, str] = {}

    def new(self, where: str) -> str:
        number = len(self.where) + 1
        self.where[number] = where
        return f"<script>bx{number}()</script><img src=x onerror=bx{number}()>"


def _strings(body, path=()):
    """The paths of the string leaves of a JSON body."""
    if isinstance(body, dict):
        for key, item in body.items():
            yield from _strings(item, (*path, key))
    elif isinstance(body, list):
        for index, item in enumerate(body):
            yield from _strings(item, (*path, index))
    elif isinstance(body, str):
        yield path


def _with(body, path, text):
    body = json.loads(json.dumps(body))
    place = body
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = place[path[-1]] + text
    return body


def _first_role(rule) -> str | None:
    return next((role for role in ROLES if rule.own.get(role) == "ok" and role != "anonymous"), None)


def write_through_the_api(world, markers: Markers) -> int:
    saved = 0
    for operation, rule in sorted(API.items()):
        method, template = operation.split(" ", 1)
        role = _first_role(rule)
        if method not in ("POST", "PUT", "PATCH") or not callable(rule.body) or role is None:
            continue
        body = rule.body(world.a)
        for path in _strings(body):
            headers = {"Idempotency-Key": f"script-{len(markers.where)}", **bearer(world.user(role))}
            payload = json.dumps(_with(body, path, markers.new(f"{operation} {'.'.join(map(str, path))}")))
            response = Client().generic(
                method, _path(template, world.a), payload, content_type="application/json", headers=headers
            )
            saved += response.status_code < 300
    return saved


def write_through_the_forms(world, markers: Markers) -> int:
    saved = 0
    for form in discover(world):
        if urlsplit(form.action).path in NO_DATA or "login" in form.action:
            continue
        for name, kind in sorted(form.kinds.items()):
            if kind != "text" or name == CSRF or name == "next":
                continue
            client = Client(raise_request_exception=False)
            if (user := world.user(form.role)) is not None:
                client.force_login(user)
            body = {**form.fields, name: form.fields[name] + markers.new(f"{form.label} {name}")}
            saved += client.post(form.action, body).status_code in (200, 302, 303)
    return saved


def read_every_page(world):
    """(url, role, body) of every HTML page the matrix lets a role read, for each role allowed."""
    for route, rule in sorted(WEB.items()):
        if rule.method != "GET" or route.startswith("^") or "." in route:
            continue
        for role, expected in rule.own.items():
            if expected != "ok":
                continue
            url = url_of(route, world.a, rule.kind, world)
            response = client_for(world, role).get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                body = b"".join(response.streaming_content) if response.streaming else response.content
                yield url, role, body


def test_script_in_any_text_field_is_shown_escaped(world, record_property):
    markers = Markers()
    saved = write_through_the_api(world, markers) + write_through_the_forms(world, markers)
    pages = showing = 0
    shown, running = set(), []
    for url, role, body in read_every_page(world):
        pages += 1
        found = {int(n) for n in SHOWN.findall(body)}
        showing += bool(found)
        shown |= found
        for number in running_markers(body):
            running.append(f"{url} as {role}: marker of {markers.where[number]}")
    record_property(
        "script", {"fields": len(markers.where), "saved": saved, "pages": pages, "showing": showing,
                   "markers_shown": len(shown), "unescaped": len(running)},
    )  # fmt: skip
    assert running == [], "\n".join(sorted(set(running)))
    # The proof reaches the pages: seller, product and storefront text written above is on some of them.
    assert len(markers.where) >= 40 and saved >= 20 and showing >= 10, (len(markers.where), saved, showing)


def test_the_detector_sees_markup_and_lets_escaped_text_pass():
    markers = Markers()
    marker = markers.new("a title")
    escaped = marker.replace("<", "&lt;").replace(">", "&gt;").encode()
    page = b"<html><body><h1>%s</h1><input value='%s'></body></html>"
    assert running_markers(page % (marker.encode(), b"")) == [1, 1]
    assert running_markers(page % (escaped, escaped)) == []
    assert SHOWN.search(escaped)
