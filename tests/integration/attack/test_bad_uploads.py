"""Hostile uploads against every upload of the API and the seller centre: refused clearly, nothing stored.

A path-traversal file name must never decide where a file lands: an accepted file is stored under a name
the platform makes.
"""

import pytest
from django.db import transaction
from django.test import Client
from snapshot import changed_tables, snapshot
from uploads import hostile_uploads

from api_client import bearer
from casework_support import STATEMENT, png

pytestmark = pytest.mark.django_db


def _targets(world):
    a = world.a
    return [
        ("seller_owner", f"/api/v1/seller/products/{a.ids['draft']}/images", "image", {}),
        ("brand_owner", f"/api/v1/brands/{a.ids['brand']}/documents", "document", {}),
        ("brand_owner", f"/api/v1/brands/{a.ids['brand']}/products", "images",
         {"name_en": "Reference saddle bag", "msrp_amount": "100.00"}),
        ("brand_owner", "/api/v1/notices", "evidence",
         {"brand": str(a.ids["brand"]), "reason": "counterfeit", "statement": STATEMENT,
          "listings": str(a.ids["product"])}),
    ]  # fmt: skip


def test_hostile_uploads_are_refused_and_store_nothing(world, record_property):
    wrong, tried, changed_count = [], 0, 0
    for role, path, field, form in _targets(world):
        auth = bearer(world.user(role))
        for label, upload in hostile_uploads():
            tried += 1
            with transaction.atomic():
                before = snapshot()
                response = Client().post(path, {**form, field: upload}, headers=auth)
                changed = changed_tables(before, snapshot())
                transaction.set_rollback(True)
            changed_count += bool(changed)
            if response.status_code not in (400, 413, 422) or changed:
                wrong.append((path, label, response.status_code, response.content[:200], changed))
    record_property("corpus", {"inputs": tried, "changed": changed_count})
    assert wrong == [], "\n".join(map(str, wrong))


def test_a_path_traversal_name_does_not_decide_where_a_file_lands(world, settings):
    auth = bearer(world.a.users["seller_owner"])
    upload = png("../../../../etc/cron.d/evil.png")
    response = Client().post(f"/api/v1/seller/products/{world.a.ids['draft']}/images", {"image": upload},
                             headers=auth)  # fmt: skip
    assert response.status_code == 201, response.content
    image = world.a.objects["draft"].images.get()
    assert ".." not in image.image.name and "etc" not in image.image.name
    assert image.image.path.startswith(str(settings.MEDIA_ROOT))
