"""The cross-tenant matrix of the web faces: every URL pattern, every role, own tenant and the other tenant.

The routes come from the URL configuration; the expected answers from `access_web.WEB`. A refused write
must leave every table as it was.
"""

import pytest
from access import REFUSALS, agrees, allowed, reading
from access_web import ADMIN_OPEN, ADMIN_PREFIX, LITERALS, WEB
from django.apps import apps
from django.db import transaction
from django.test import Client
from routes import PARAM, web_routes
from snapshot import changed_tables, snapshot
from world import ROLES

pytestmark = pytest.mark.django_db
NOTHING = "00000000-0000-4000-8000-000000000000"


def test_every_route_is_declared():
    routes = {r for r in web_routes() if not r.startswith(ADMIN_PREFIX)}
    assert sorted(routes - WEB.keys()) == [], "declare who may use these routes in access_web.WEB"
    assert sorted(WEB.keys() - routes) == [], "these declarations name no route any more"


def url_of(route: str, tenant, kind: str | None, world) -> str:
    if route.startswith("^media/"):
        # The brand's private document, asked for through the public media route by a path out of its root.
        document = world.a.objects["brand"].documents.first()
        return "/media/../private/" + document.file.name

    def fill(match):
        name = match.group("name")
        if name in LITERALS:
            return LITERALS[name]
        return str(tenant.ids.get(kind, NOTHING))

    return "/" + PARAM.sub(fill, route)


def client_for(world, role: str) -> Client:
    client = Client()
    if (user := world.user(role)) is not None:
        client.force_login(user)
    return client


def _cell(world, role, rule, url, expected: str) -> str:
    client = client_for(world, role)
    if rule.method == "GET":
        return reading(client.get(url), "GET")
    # Each write in a savepoint of its own: one role's change must not decide the next role's answer.
    with transaction.atomic():
        before = snapshot()
        seen = reading(client.post(url, {}), rule.method)
        changed = changed_tables(before, snapshot())
        transaction.set_rollback(True)
    if expected in REFUSALS and changed:
        return "changed " + ", ".join(changed)
    return "unchanged" if expected == "unchanged" and allowed(seen) else seen


@pytest.mark.parametrize("route", sorted(WEB))
def test_web_route(route, world, record_property):
    rule = WEB[route]
    cells = [("own", world.a, rule.own)] + ([("foreign", world.b, rule.foreign)] if rule.kind else [])
    wrong, leaks, checked = [], 0, 0
    for which, tenant, expected in cells:
        url = url_of(route, tenant, rule.kind, world)
        for role in ROLES:
            seen = _cell(world, role, rule, url, expected[role])
            checked += 1
            if not agrees(expected[role], seen, rule.method):
                wrong.append((which, role, url, expected[role], seen))
                leaks += expected[role] in REFUSALS and allowed(seen)
    record_property("matrix", {"cells": checked, "leaks": leaks})
    assert wrong == [], "\n".join(map(str, wrong))


def _admin_url(route: str) -> str:
    """The route with a real object's id where it names one (the first row of its model), else "1"."""
    parts = route.split("/")
    pk = "1"
    if "<path:object_id>" in parts or "<id>" in parts:
        try:
            model = apps.get_model(parts[1], parts[2])
        except (LookupError, IndexError):
            model = None
        first = model._default_manager.order_by("pk").first() if model else None
        pk = str(first.pk) if first else "1"
    url = PARAM.sub(pk, route).replace("^", "").replace("$", "").replace("(?P<url>.*)", "x")
    return "/" + url.replace("(?P<app_label>", "").split("|")[0].replace(")", "")


@pytest.mark.parametrize("route", sorted(r for r in web_routes() if r.startswith(ADMIN_PREFIX)))
def test_admin_route(route, world, record_property):
    url, leaks = _admin_url(route), 0
    for role in ROLES:
        response = client_for(world, role).get(url)
        assert response.status_code < 500, (role, url)
        if role == "operator" and "<" not in route and route not in ADMIN_OPEN:
            assert response.status_code in (200, 302, 403), (url, response.status_code)
        if role == "operator" or route in ADMIN_OPEN:
            continue
        location = response.get("Location", "")
        refused = response.status_code in (302, 404) and (
            response.status_code == 404 or "/admin/login/" in location
        )
        leaks += not refused
        assert refused, (role, url, response.status_code, location)
    record_property("matrix", {"cells": len(ROLES), "leaks": leaks})
