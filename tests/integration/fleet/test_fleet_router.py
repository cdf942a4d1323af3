"""The database router: storefront and report pages read from a replica; writes, and reads in a
transaction, from the primary; the response says which (ADR 1102).

Settings are read once per process, so the probe runs in a child process with DATABASE_REPLICA_URL set (the
replica is the same SQLite file here: which alias served is what is checked; lag and read-your-writes
against a real streaming replica are in the fleet test).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connections, transaction
from django.test import Client
from borderless.fleet.replicas import reading_from
from borderless.fleet.router import ReplicaRouter
from borderless.catalog.models import Product
c = Client()
out = {}
for path in ["/", "/search/?q=tea", "/api/v1/products", "/cart/", "/seller/", "/api/v1/seller/products"]:
    out[path] = c.get(path).headers.get("X-Borderless-Read")
out["POST /signup/"] = c.post("/signup/", {}).headers.get("X-Borderless-Read")
# An API call on a replica page: its token lookup, which marks the token used (a write on PostgreSQL, refused
# by a hot standby), runs on the primary; the page's own reads on the replica.
from django.test.utils import CaptureQueriesContext
from borderless.accounts.models import ApiToken
from borderless.accounts.services import create_api_token, sign_up_buyer
_, plain = create_api_token(sign_up_buyer("probe@example.com", "a long probe password"), "probe")
with CaptureQueriesContext(connections["replica1"]) as on_replica:
    answer = c.get("/api/v1/orders", headers={"Authorization": f"Bearer {plain}", "Host": "127.0.0.1"})
out["GET /api/v1/orders with a token"] = [answer.status_code, answer.headers.get("X-Borderless-Read")]
out["token looked up on the replica"] = any(
    ApiToken._meta.db_table in q["sql"] for q in on_replica.captured_queries
)
# A search read from the replica reads there the index, the products and the cache's version: a version read
# on the primary while the page came from a lagging replica would cache an old page under the new version.
import os, sys
sys.path.insert(0, os.environ["PROBE_TESTS"])
from factories import make_product, make_seller
make_product(make_seller(), title_en="Maple syrup, grade A amber")
from borderless.search.services import refresh_index
refresh_index()
from borderless.search.models import IndexGeneration
with CaptureQueriesContext(connections["default"]) as on_primary, \
        CaptureQueriesContext(connections["replica1"]) as on_replica:
    answer = c.get("/api/v1/products", {"q": "maple syrup"}, headers={"Host": "127.0.0.1"})
out["search"] = [answer.status_code, answer.headers.get("X-Borderless-Read")]
def tables(queries):
    return sorted({t for t in (IndexGeneration._meta.db_table, "search_productfacts", "catalog_product")
                   if any(t in q["sql"] for q in queries)})
out["search read on the primary"] = tables(on_primary.captured_queries)
out["search read on the replica"] = tables(on_replica.captured_queries)
router = ReplicaRouter()
token = reading_from.set("replica1")
out["read"] = router.db_for_read(Product)
with transaction.atomic():
    out["read in a transaction"] = router.db_for_read(Product)
out["write"] = router.db_for_write(Product)
out["migrate on the replica"] = router.allow_migrate("replica1", "catalog")
reading_from.reset(token)
print(json.dumps(out))
"""


def test_reads_of_the_storefront_go_to_the_replica_and_the_rest_to_the_primary(tmp_path):
    db = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CI"}}
    env.update(BORDERLESS_VAR_DIR=str(tmp_path), DATABASE_URL=db, DATABASE_REPLICA_URL=db)
    env["PROBE_TESTS"] = str(Path(__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "/": "replica1",
        "/search/?q=tea": "replica1",
        "/api/v1/products": "replica1",
        "/cart/": "primary",
        "/seller/": "primary",
        "/api/v1/seller/products": "primary",
        "POST /signup/": "primary",
        "GET /api/v1/orders with a token": [200, "replica1"],
        "token looked up on the replica": False,
        "search": [200, "replica1"],
        "search read on the primary": [],
        "search read on the replica": ["catalog_product", "search_indexgeneration", "search_productfacts"],
        "read": "replica1",
        "read in a transaction": "default",
        "write": "default",
        "migrate on the replica": False,
    }
