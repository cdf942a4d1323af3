"""Carrier events as a carrier would send them: a signed webhook body, or a CSV."""

import csv
import io
import json
from datetime import datetime

from django.conf import settings

from borderless.payments import signing

URL = "/api/v1/logistics/webhooks/carrier-events"
COLUMNS = ("carrier", "tracking_number", "code", "occurred_at", "location", "description")


def event(parcel, code, at: datetime, location="", **extra) -> dict:
    return {"carrier": parcel.carrier, "tracking_number": parcel.tracking_number, "code": code,
            "occurred_at": at.isoformat(), "location": location, **extra}  # fmt: skip


def signed(events: list[dict], secret: str | None = None, timestamp: int | None = None) -> tuple[bytes, str]:
    body = json.dumps({"events": events}).encode()
    return body, signing.sign(body, secret or settings.CARRIER_WEBHOOK_SECRET, timestamp)


def post_events(client, events: list[dict], **signing_args):
    body, header = signed(events, **signing_args)
    return client.post(URL, body, content_type="application/json", headers={signing.HEADER: header})


def csv_of(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
