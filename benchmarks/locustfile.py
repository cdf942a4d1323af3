"""The checkout benchmark's buyers as a locust scenario (`checkout_bench.py --client locust` runs it).

Each simulated buyer is the next of the bench's buyers (their API tokens and the SKUs on sale come from the
JSON file named by CHECKOUT_BENCH_TARGETS, which `checkout_bench.py` writes): `POST /api/v1/cart/items` for
one or two random SKUs (1–2 units each), then `POST /api/v1/checkout` with a fresh Idempotency-Key, without
think time. Only a 201 counts as a checkout; any other answer is a failure. By hand, against a running
server and a targets file:

    CHECKOUT_BENCH_TARGETS=targets.json .venv/bin/locust -f benchmarks/locustfile.py --headless \\
        -u 16 -r 16 -t 30s -H http://127.0.0.1:8124
"""

import itertools
import json
import os
import random
import sys
import uuid
from pathlib import Path

from locust import FastHttpUser, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkout_bench import BODY  # noqa: E402 (the same buyer and address as the plain client)

_targets = json.loads(Path(os.environ["CHECKOUT_BENCH_TARGETS"]).read_text())
TOKENS, SKUS = _targets["tokens"], _targets["skus"]
_next_buyer = itertools.count()


class Buyer(FastHttpUser):
    wait_time = constant(0)

    @task
    def fill_the_cart_and_check_out(self) -> None:
        headers = {"Authorization": f"Bearer {TOKENS[next(_next_buyer) % len(TOKENS)]}"}
        for sku in random.sample(SKUS, random.choice([1, 1, 2])):  # noqa: S311 (load, not secrets)
            body = {"sku": sku, "quantity": random.choice([1, 2])}  # noqa: S311
            self.client.post("/api/v1/cart/items", json=body, headers=headers, name="add-to-cart")
        checkout_headers = {**headers, "Idempotency-Key": uuid.uuid4().hex}
        with self.client.post(
            "/api/v1/checkout", json=BODY, headers=checkout_headers, name="checkout", catch_response=True
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {(response.text or '')[:80]}")
