"""Logistics: the carriers a parcel may travel with, and the carriers' signed tracking events."""

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema

from borderless.api.errors import Error
from borderless.api.orders import domain_errors
from borderless.logistics import carriers, tracking
from borderless.logistics.models import EventSource
from borderless.payments import signing

router = Router(tags=["logistics"])


class CarrierOut(Schema):
    code: str
    name: str
    name_zh: str
    tracking_formats: list[str]  # regular expressions; empty: not known (6 to 40 letters and digits)


class TrackingOut(Schema):
    received: int
    stored: int
    duplicates: int
    delivered_orders: list[str]


@router.get("/carriers", response={200: list[CarrierOut], 422: Error}, auth=None)
def list_carriers(request: HttpRequest):
    """The carriers a seller may ship with and their tracking-number formats."""
    return [
        CarrierOut(
            code=c.code,
            name=c.name,
            name_zh=c.name_zh,
            tracking_formats=[p.pattern for p in c.tracking_formats],
        )
        for c in carriers.all_carriers()
    ]


@router.post(
    "/logistics/webhooks/carrier-events",
    response={200: TrackingOut, frozenset({400, 422}): Error},
    auth=None,
    openapi_extra={
        "parameters": [
            {
                "in": "header",
                "name": signing.HEADER,
                "required": True,
                "schema": {"type": "string"},
                "description": "t=<unix time>,v1=<hex HMAC-SHA256 of '<t>.<body>'>",
            }
        ],
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["events"],
                        "properties": {
                            "events": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["carrier", "tracking_number", "code", "occurred_at"],
                                    "properties": {
                                        "carrier": {"type": "string"},
                                        "tracking_number": {"type": "string"},
                                        "code": {"type": "string"},
                                        "occurred_at": {"type": "string", "format": "date-time"},
                                        "location": {"type": "string"},
                                        "description": {"type": "string"},
                                    },
                                },
                            }
                        },
                    }
                }
            },
            "required": True,
        },
    },
)
@domain_errors
def carrier_events(request: HttpRequest):
    """Carriers' tracking events, signed with the carrier webhook secret (5-minute replay window). A forged
    or stale signature: 400. A batch with any event that cannot be taken (unknown carrier, code or parcel, a
    time without its offset): 422 with the errors by index, and nothing stored. Events already received are
    counted as duplicates and change nothing; an order is delivered when all its parcels are."""
    signing.verify(request.headers.get(signing.HEADER, ""), request.body, settings.CARRIER_WEBHOOK_SECRET)
    result = tracking.ingest(tracking.parse_webhook(request.body), EventSource.WEBHOOK)
    return TrackingOut(
        received=result.received,
        stored=result.stored,
        duplicates=result.duplicates,
        delivered_orders=[str(o) for o in result.delivered_orders],
    )
