"""Carrier events: signed webhooks and CSV, one vocabulary, stored once, placed by time, delivering once."""

import json
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from logistics_support import T0, paid_order
from tracking_support import csv_of, event, post_events

from borderless.logistics import tracking
from borderless.logistics.models import TrackingEvent
from borderless.logistics.services import ParcelSpec
from borderless.orders.models import Order
from borderless.payouts import services as payouts
from borderless.payouts.models import Release
from factories import make_operator, make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db


def parsed(events):
    return tracking.parse_webhook(json.dumps({"events": events}).encode())


def shipped(carrier="UPS", parcels=1):
    order = paid_order(worked=False)
    specs = [ParcelSpec(carrier, tracking_number(carrier), Decimal(400)) for _ in range(parcels)]
    payouts.ship(owner_of(order.seller), order.public_id, parcels=specs, now=T0)
    order.refresh_from_db()
    return order, list(order.parcels.all())


def journey(parcel):
    """A UPS parcel's scans, Wisconsin to Beijing, in the carrier's own codes."""
    return [
        event(parcel, "M", T0 + timedelta(hours=1), "Wausau, WI"),
        event(parcel, "P", T0 + timedelta(hours=5), "Wausau, WI"),
        event(parcel, "I", T0 + timedelta(days=1), "Louisville, KY"),
        event(parcel, "AR", T0 + timedelta(days=3), "Beijing, CN"),
        event(parcel, "CR", T0 + timedelta(days=4), "Beijing, CN"),
        event(parcel, "O", T0 + timedelta(days=5, hours=1), "Chaoyang, Beijing"),
        event(parcel, "D", T0 + timedelta(days=5, hours=6), "Chaoyang, Beijing"),
    ]


def test_a_signed_webhook_normalises_stores_and_delivers_the_order_at_the_event_time(client):
    order, [parcel] = shipped()
    r = post_events(client, journey(parcel))
    assert r.status_code == 200, r.content
    assert r.json() == {
        "received": 7,
        "stored": 7,
        "duplicates": 0,
        "delivered_orders": [str(order.public_id)],
    }
    assert [e.status for e in tracking.timeline(order)] == [
        "label_created", "picked_up", "departed_origin", "arrived_destination", "customs_released",
        "out_for_delivery", "delivered",
    ]  # fmt: skip
    order.refresh_from_db()
    assert order.status == "delivered" and order.delivered_at == T0 + timedelta(days=5, hours=6)
    # The delivery starts the escrow clock: ten days later auto-confirmation releases it.
    assert payouts.auto_confirm(now=order.delivered_at + timedelta(days=9)) == 0
    assert payouts.auto_confirm(now=order.delivered_at + timedelta(days=10)) == 1
    assert Release.objects.get(order=order).trigger == "auto_confirmed"


def test_duplicate_events_are_stored_once_and_never_move_the_order_twice(client):
    order, [parcel] = shipped()
    scans = journey(parcel)
    assert post_events(client, scans + scans[-2:]).json()["duplicates"] == 2
    again = post_events(client, scans)
    assert again.status_code == 200
    assert again.json() == {"received": 7, "stored": 0, "duplicates": 7, "delivered_orders": []}
    assert TrackingEvent.objects.filter(order=order).count() == 7
    assert order.transitions.filter(to_status="delivered").count() == 1


def test_late_events_take_their_place_by_time_and_never_move_the_order_back(client):
    order, [parcel] = shipped()
    scans = journey(parcel)
    post_events(client, [scans[-1]])  # delivered arrives first
    order.refresh_from_db()
    assert order.status == "delivered"
    post_events(
        client, scans[:3] + [event(parcel, "X", T0 + timedelta(days=6), "Beijing", description="damaged")]
    )
    order.refresh_from_db()
    assert order.status == "delivered" and order.transitions.filter(to_status="delivered").count() == 1
    statuses = [e.status for e in tracking.timeline(order)]
    assert statuses == ["label_created", "picked_up", "departed_origin", "delivered", "exception"]


def test_an_order_in_several_parcels_is_delivered_when_the_last_one_is(client):
    order, (first, second) = shipped(parcels=2)
    post_events(client, [event(first, "D", T0 + timedelta(days=4))])
    order.refresh_from_db()
    assert order.status == "shipped"
    post_events(client, [event(second, "delivered", T0 + timedelta(days=6))])  # the vocabulary's own name
    order.refresh_from_db()
    assert order.status == "delivered" and order.delivered_at == T0 + timedelta(days=6)


@pytest.mark.parametrize(
    ("signing_args", "code"),
    [
        ({"secret": "not-the-carriers-secret"}, "invalid_signature"),
        ({"timestamp": 1_000_000}, "stale_signature"),
    ],
)
def test_forged_or_stale_signatures_are_refused_and_nothing_is_stored(client, signing_args, code):
    order, [parcel] = shipped()
    r = post_events(client, journey(parcel), **signing_args)
    assert r.status_code == 400 and r.json()["error"]["code"] == code
    assert not TrackingEvent.objects.exists()
    unsigned = client.post(
        "/api/v1/logistics/webhooks/carrier-events", b"{}", content_type="application/json"
    )
    assert unsigned.status_code == 400


def test_a_batch_with_an_unknown_parcel_or_code_is_rejected_whole_with_the_index(client):
    order, [parcel] = shipped()
    ghost = {**event(parcel, "P", T0), "tracking_number": tracking_number("UPS")}
    r = post_events(client, [event(parcel, "M", T0), ghost])
    assert r.status_code == 422 and r.json()["error"]["code"] == "tracking_rejected"
    assert r.json()["error"]["details"]["errors"][0]["row"] == "events[1]"
    bad = post_events(
        client, [event(parcel, "ZZ", T0), {**event(parcel, "P", T0), "occurred_at": "2026-11-02 09:00"}]
    )
    assert [e["row"] for e in bad.json()["error"]["details"]["errors"]] == ["events[0]", "events[1]"]
    assert "UPS event code 'ZZ' is not known" in bad.json()["error"]["message"]
    assert not TrackingEvent.objects.exists()


def test_a_csv_with_broken_rows_is_rejected_whole_with_line_numbers():
    order, [parcel] = shipped()
    rows = journey(parcel)
    text = (
        csv_of(rows[:2]) + "UPS,,P,2026-11-02T10:00:00+00:00,,\n" + "UPS,1Z1,P,yesterday,,\nUPS,only,three\n"
    )
    with pytest.raises(tracking.TrackingRejected) as caught:
        tracking.receive_csv(text)
    assert [e["row"] for e in caught.value.details["errors"]] == ["line 4", "line 5", "line 6"]
    assert not TrackingEvent.objects.exists()
    result = tracking.receive_csv(csv_of(rows))
    assert (result.stored, result.delivered_orders) == (7, [order.public_id])


def test_the_seller_uploads_csv_for_its_own_parcels_only(client):
    order, [parcel] = shipped()
    other_order, [other_parcel] = shipped()
    client.force_login(owner_of(order.seller))
    theirs = SimpleUploadedFile("events.csv", csv_of([event(other_parcel, "P", T0)]).encode())
    refused = client.post("/seller/tracking/", {"file": theirs})
    assert refused.status_code == 422 and "line 2: no parcel UPS" in refused.content.decode()
    mine = SimpleUploadedFile("events.csv", csv_of(journey(parcel)).encode())
    assert client.post("/seller/tracking/", {"file": mine}).status_code == 302
    order.refresh_from_db()
    assert order.status == "delivered" and not TrackingEvent.objects.filter(order=other_order).exists()


def test_operators_upload_for_any_parcel_and_others_may_not(client):
    order, [parcel] = shipped()
    client.force_login(make_seller().memberships.get().user)
    upload = SimpleUploadedFile("e.csv", csv_of([event(parcel, "P", T0)]).encode())
    assert client.post("/ops/tracking/", {"file": upload}).status_code == 403
    client.force_login(make_operator())
    upload = SimpleUploadedFile("e.csv", csv_of([event(parcel, "P", T0)]).encode())
    assert client.post("/ops/tracking/", {"file": upload}).status_code == 302
    assert TrackingEvent.objects.filter(order=order).count() == 1


def test_the_buyer_reads_the_timeline_in_chinese_and_the_seller_in_english(client):
    order, [parcel] = shipped()
    tracking.ingest(parsed(journey(parcel)[:4]), "webhook")
    client.force_login(order.buyer)
    shop = client.get("/orders/").content.decode()
    for zh in ("包裹跟踪", "已创建运单", "已揽收", "已离开始发国", "已到达目的国"):
        assert zh in shop
    client.force_login(owner_of(order.seller))
    centre = client.get(f"/seller/orders/{order.public_id}/").content.decode()
    assert "Arrived in the destination country" in centre and "Louisville, KY" in centre


def test_ingesting_a_batch_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    orders_and_parcels = [shipped() for _ in range(3)]
    scans = [e for _, [p] in orders_and_parcels for e in journey(p)[:-1]]  # 18 events, no delivery
    with django_assert_max_num_queries(6):  # parcels, known fingerprints, one insert, savepoint in and out
        result = tracking.ingest(parsed(scans), "webhook")
    assert result.stored == 18


def test_time_moves_the_replay_window_only_not_the_event_identity(client):
    order, [parcel] = shipped()
    scans = journey(parcel)[:2]
    post_events(client, scans, timestamp=int(time.time()) - 200)  # inside the 5-minute window
    assert post_events(client, scans).json()["duplicates"] == 2
    assert Order.objects.get(pk=order.pk).status == "shipped"
