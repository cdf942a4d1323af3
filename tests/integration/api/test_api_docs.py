"""The OpenAPI document and the docs page: complete, and served from our own origin."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def openapi():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(openapi):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_declares_its_errors_in_the_one_shape(openapi):
    error_ref = "#/components/schemas/Error"
    for label, operation in operations(openapi):
        responses = operation["responses"]
        errors = {code for code in responses if code.startswith("4")}
        assert errors, label
        for code in errors:
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema == {"$ref": error_ref}, (label, code)
        if operation.get("security"):
            assert {"401", "403"} <= errors, label
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in errors, label


def test_no_integer_ids_in_payloads(openapi):
    for name, schema in openapi["components"]["schemas"].items():
        for field, spec in schema.get("properties", {}).items():
            if field == "id" or field.endswith("_id"):
                assert spec.get("format") == "uuid", (name, field)


def test_both_ways_to_authenticate_are_documented(openapi):
    schemes = openapi["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    secured = dict(operations(openapi))["POST /api/v1/seller/products"]["security"]
    assert len(secured) == 2


def test_docs_page_loads_everything_from_our_origin(settings):
    # Deployments run collectstatic for the manifest; here the files come straight from the apps.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources, html
    assert all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    for source in sources:
        if source.startswith("/static/"):
            assert finders.find(source.removeprefix("/static/")), source
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in re.search(r"script-src[^;]*", policy).group(0)


def test_the_relaxed_policy_is_for_the_docs_page_only():
    policy = Client().get("/api/v1/categories")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
