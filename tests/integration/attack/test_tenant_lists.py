"""Lists, exports and search show a tenant its own objects only, and nobody a draft or a held listing.

Each check has its positive control: the caller's own object is there, so an empty answer cannot pass.
"""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from api_client import bearer

pytestmark = pytest.mark.django_db


def _marks(tenant) -> list[str]:
    """What betrays a tenant's objects in a page or a file: titles and public ids."""
    titles = [tenant.objects[k].title_en for k in ("published", "draft", "held")]
    return titles + [str(tenant.ids[k]) for k in ("product", "draft", "held", "order", "brand")]


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"%PDF"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode()


def _web(world, role, path):
    client = Client()
    client.force_login(world.user(role))
    response = client.get(path)
    assert response.status_code == 200, (role, path, response.status_code)
    return _text(response)


SELLER_PAGES = [
    "/seller/",
    "/seller/orders/",
    "/seller/csv/export/",
    "/seller/statement.csv",
    "/seller/statement.pdf",
    "/seller/tracking/",
    "/seller/insights/orders.csv",
    "/seller/notices/",
    "/seller/notifications/",
]


@pytest.mark.parametrize("role", ["seller_owner", "seller_staff"])
@pytest.mark.parametrize("path", SELLER_PAGES)
def test_seller_pages_and_exports_show_only_the_sellers_own(world, role, path, record_property):
    text = _web(world, role, path)
    leaked = [m for m in _marks(world.b) if m in text]
    record_property("matrix", {"cells": 1, "leaks": len(leaked)})
    assert leaked == []


def test_the_seller_sees_its_own_in_lists_and_exports(world):
    assert world.a.objects["draft"].title_en in _web(world, "seller_owner", "/seller/")
    assert world.a.objects["draft"].title_en in _web(world, "seller_owner", "/seller/csv/export/")
    assert str(world.a.ids["order"])[:8] in _web(world, "seller_owner", "/seller/orders/").lower()


@pytest.mark.parametrize(
    "role, path, notice",
    [
        ("buyer", "/notifications/", "notification"),
        ("seller_owner", "/seller/notifications/", "seller_notification"),
    ],
)
def test_an_inbox_shows_only_the_callers_own_notices(world, role, path, notice, record_property):
    text = _web(world, role, path)
    assert str(world.a.ids[notice]) in text and str(world.a.ids["order"])[:8] in text  # the control
    marks = [str(world.b.ids[notice]), str(world.b.ids["order"])[:8]]
    leaked = [m for m in marks if m in text]
    record_property("matrix", {"cells": 1, "leaks": len(leaked)})
    assert leaked == []


def _api(world, role, path, params=None) -> str:
    headers = {} if role == "anonymous" else bearer(world.user(role))
    response = Client().get(f"/api/v1{path}", params or {}, headers=headers)
    assert response.status_code == 200, (role, path, response.content[:300])
    return response.content.decode()


@pytest.mark.parametrize(
    "role, path, own",
    [
        ("seller_owner", "/seller/products", "draft"),
        ("seller_staff", "/seller/products", "draft"),
        ("buyer", "/orders", "order"),
        ("brand_owner", "/brands", "brand"),
        ("seller_owner", "/seller/payouts/statement", None),
    ],
)
def test_api_lists_are_filtered_to_the_caller(world, role, path, own, record_property):
    text = _api(world, role, path)
    if own:
        assert str(world.a.ids[own]) in text
    leaked = [m for m in _marks(world.b) if m in text]
    record_property("matrix", {"cells": 1, "leaks": len(leaked)})
    assert leaked == []


def _hidden(world) -> list[str]:
    return [str(t.ids[k]) for t in (world.a, world.b) for k in ("draft", "held")] + [
        t.objects[k].title_en for t in (world.a, world.b) for k in ("draft", "held")
    ]


@pytest.mark.parametrize("role", ["anonymous", "buyer", "seller_owner", "brand_owner", "operator"])
def test_nothing_held_or_draft_leaks_through_search_or_the_catalogue(world, role, record_property):
    client = Client()
    if role != "anonymous":
        client.force_login(world.user(role))
    pages = [
        client.get("/search/", {"q": "ginseng"}),
        client.get("/search/", {"q": "draft secret"}),
        client.get("/search/", {"q": "held listing"}),
        client.get("/"),
        client.get(f"/s/{world.a.ids['seller']}/"),
    ]
    texts = [_text(p) for p in pages]
    texts += [
        _api(world, role, "/products", {"q": q}) for q in ("ginseng", "draft secret", "held listing", "")
    ] + [_api(world, role, f"/sellers/{world.a.ids['seller']}")]
    for found in (
        texts[0],
        texts[5],
    ):  # the storefront's and the API's search find the published one (control)
        assert str(world.a.ids["product"]) in found and str(world.b.ids["product"]) in found
    leaked = sorted({m for t in texts for m in _hidden(world) if m in t})
    for kind in ("draft", "held"):
        for tenant in (world.a, world.b):
            assert client.get(f"/p/{tenant.ids[kind]}/").status_code == 404
            assert Client().get(f"/api/v1/products/{tenant.ids[kind]}").status_code == 404
    record_property("matrix", {"cells": len(texts) + 8, "leaks": len(leaked)})
    assert leaked == []
