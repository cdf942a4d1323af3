"""Shipping in parcels: carriers' formats, a tracking number once per carrier, the EEI gate, the faces."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from logistics_support import T0, ApiClient, paid_order, token_for

from borderless.catalog.models import Product
from borderless.logistics import services
from borderless.logistics.models import ExportFiling, Parcel
from borderless.logistics.services import ItnRequired, ParcelSpec
from borderless.orders.models import Order
from borderless.payouts.release import InvalidShipment
from factories import make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db


def test_an_order_ships_in_several_parcels_recorded_with_the_order_and_its_filing():
    order = paid_order(worked=False)
    numbers = [tracking_number("UPS"), tracking_number("UPS")]
    services.ship(
        owner_of(order.seller), order.public_id,
        parcels=[ParcelSpec("ups", numbers[0], Decimal("1200"), Decimal(30), Decimal(20), Decimal(10)),
                 ParcelSpec("UPS", numbers[1].lower(), Decimal("800.04"))],
        now=T0,
    )  # fmt: skip
    order.refresh_from_db()
    assert order.status == "shipped" and order.shipped_at == T0
    parcels = list(order.parcels.all())
    assert [(p.carrier, p.tracking_number, p.weight_g) for p in parcels] == [
        ("UPS", numbers[0], Decimal("1200.0")), ("UPS", numbers[1], Decimal("800.0"))
    ]  # fmt: skip
    assert (
        parcels[0].dims_cm == (Decimal("30.0"), Decimal("20.0"), Decimal("10.0"))
        and parcels[1].dims_cm is None
    )
    assert order.shipment.tracking_number == numbers[0]  # the order's summary keeps working
    assert not order.export_filing.eei_required and order.export_filing.itn == ""


def test_a_carrier_and_number_alone_make_one_parcel_of_the_goods_and_packaging():
    order = paid_order(worked=False)
    services.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number())
    [parcel] = order.parcels.all()
    assert parcel.weight_g == Decimal("250.0")  # one unit of 150 g and at least 100 g of packaging


def test_a_tracking_number_is_used_once_per_carrier_and_the_second_order_stays_paid():
    first, second = paid_order(worked=False), paid_order(worked=False)
    number = tracking_number("DHL")
    services.ship(owner_of(first.seller), first.public_id, "DHL", number)
    with pytest.raises(InvalidShipment, match=f"{number} is already used with DHL"):
        services.ship(owner_of(second.seller), second.public_id, "DHL", number)
    second.refresh_from_db()
    assert second.status == "paid" and not second.parcels.exists() and not hasattr(second, "export_filing")
    # Another carrier may have the same digits.
    services.ship(owner_of(second.seller), second.public_id, "FedEx", f"00{number}")
    # The database refuses a second row even past the service.
    with pytest.raises(IntegrityError), transaction.atomic():
        Parcel.objects.create(order=second, carrier="DHL", tracking_number=number, weight_g=1)


@pytest.mark.parametrize(
    ("parcels", "message"),
    [
        ([ParcelSpec("UPS", "1Z1", Decimal(100))], "not a UPS tracking number"),
        ([ParcelSpec("Pony", "1Z999AA10123456784", Decimal(100))], "Unknown carrier"),
        ([ParcelSpec("UPS", "1Z999AA10123456784", Decimal(0))], "weight_g must be above 0"),
        ([ParcelSpec("UPS", "1Z999AA10123456784", Decimal(100), Decimal(10))], "all three dimensions"),
        (
            [
                ParcelSpec("UPS", "1Z999AA10123456784", Decimal(1)),
                ParcelSpec("UPS", "1z999aa10123456784", Decimal(1)),
            ],
            "given twice",
        ),
        ([], "At least one parcel"),
    ],
)
def test_bad_parcels_are_refused_and_nothing_is_written(parcels, message):
    order = paid_order(worked=False)
    with pytest.raises(InvalidShipment, match=message):
        services.ship(owner_of(order.seller), order.public_id, parcels=parcels)
    order.refresh_from_db()
    assert (
        order.status == "paid"
        and not Parcel.objects.exists()
        and not order.transitions.filter(to_status="shipped")
    )


def test_eei_over_2500_blocks_shipping_until_an_itn_is_given():
    order = paid_order(price=Decimal("2500.01"), worked=False)
    seller = owner_of(order.seller)
    with pytest.raises(ItnRequired, match="1211.20 totals USD 2,500.01"):
        services.ship(seller, order.public_id, "USPS", tracking_number())
    with pytest.raises(ItnRequired, match="X and 14 digits"):
        services.ship(seller, order.public_id, "USPS", tracking_number(), itn="X123")
    order.refresh_from_db()
    assert order.status == "paid" and not ExportFiling.objects.exists()
    services.ship(seller, order.public_id, "USPS", tracking_number(), itn="x20261125123456")
    filing = ExportFiling.objects.get(order=order)
    assert filing.eei_required and filing.itn == "X20261125123456" and "2,500.01" in filing.reasons[0]


def test_exactly_2500_ships_without_an_itn():
    order = paid_order(price=Decimal("2500.00"), worked=False)
    services.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number())
    assert not ExportFiling.objects.get(order=order).eei_required


def test_an_eccn_item_to_china_needs_an_itn_at_any_value():
    order = paid_order(price=Decimal("12.00"), worked=False)
    Product.objects.filter(public_id=order.lines.get().product_public_id).update(eccn="5A992")
    with pytest.raises(ItnRequired, match="5A992"):
        services.ship(owner_of(order.seller), order.public_id, "USPS", tracking_number())


def test_the_database_refuses_an_eei_filing_without_an_itn():
    order = paid_order(worked=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExportFiling.objects.create(order=order, eei_required=True, itn="")


# --- the faces ---


def test_the_api_ships_parcels_and_answers_bad_ones_in_the_one_error_shape():
    order = paid_order(worked=False)
    api = ApiClient(token_for(owner_of(order.seller)))
    path = f"/orders/{order.public_id}/ship"
    bad = api.post(path, {"parcels": [{"carrier": "FedEx", "tracking_number": "12", "weight_g": "100"}]})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_shipment"
    number = tracking_number("FedEx")
    box = {"carrier": "FedEx", "tracking_number": number, "weight_g": "950.5",
           "length_cm": "30", "width_cm": "20", "height_cm": "12.5"}  # fmt: skip
    ok = api.post(path, {"parcels": [box]})
    assert ok.status_code == 200 and ok.json()["status"] == "shipped"
    assert Parcel.objects.get(order=order).height_cm == Decimal("12.5")
    other = ApiClient(token_for(owner_of(make_seller())))
    again = other.post(path, {"carrier": "FedEx", "tracking_number": tracking_number("FedEx")})
    assert again.status_code == 404


def test_the_api_names_the_eei_reasons_when_the_itn_is_missing():
    order = paid_order(price=Decimal("2600.00"), worked=False)
    api = ApiClient(token_for(owner_of(order.seller)))
    r = api.post(
        f"/orders/{order.public_id}/ship", {"carrier": "UPS", "tracking_number": tracking_number("UPS")}
    )
    assert r.status_code == 422 and r.json()["error"]["code"] == "itn_required"
    assert "2,600.00" in r.json()["error"]["details"]["reasons"][0]
    assert Order.objects.get(pk=order.pk).status == "paid"


def test_the_seller_centre_tells_of_eei_and_ships_several_parcels_with_the_itn(client):
    order = paid_order(price=Decimal("2500.01"), worked=False)
    client.force_login(owner_of(order.seller))
    url = f"/seller/orders/{order.public_id}/"
    page = client.get(url).content.decode()
    assert 'id="eei-required"' in page and "2,500.01" in page
    first, second = tracking_number("SF"), tracking_number("SF")
    form = {"carrier": "SF", "tracking_number": first, "weight_g": "", "parcels-TOTAL_FORMS": "2",
            "parcels-INITIAL_FORMS": "0", "parcels-MIN_NUM_FORMS": "0", "parcels-MAX_NUM_FORMS": "19",
            "parcels-0-tracking_number": second, "parcels-0-weight_g": "420", "parcels-0-length_cm": "20",
            "parcels-0-width_cm": "15", "parcels-0-height_cm": "10"}  # fmt: skip
    unweighed = client.post(f"{url}ship/", {**form, "itn": "X20261125000001"})
    # The order's estimate on one of several parcels would overstate the gross weight declared to customs.
    assert unweighed.status_code == 422 and "weigh each parcel" in unweighed.content.decode()
    assert Order.objects.get(pk=order.pk).status == "paid" and not Parcel.objects.filter(order=order).exists()
    form["weight_g"] = "380"
    refused = client.post(f"{url}ship/", form)
    assert refused.status_code == 422 and "enter its ITN" in refused.content.decode()
    assert Order.objects.get(pk=order.pk).status == "paid"
    done = client.post(f"{url}ship/", {**form, "itn": "X20261125000001"})
    assert done.status_code == 302
    stored = [(p.tracking_number, p.weight_g) for p in Parcel.objects.filter(order=order).order_by("id")]
    assert stored == [(first, Decimal("380.0")), (second, Decimal("420.0"))]
    page = client.get(url).content.decode()
    assert second in page and "ITN <strong>X20261125000001</strong>" in page


def test_the_customs_waybill_reads_the_parcels(settings):
    from borderless.customs.waybill import waybill_for

    settings.LOGISTICS_CUSTOMS_CODES = {"UPS": "3120980001"}
    order = paid_order(worked=False)
    numbers = [tracking_number("UPS"), tracking_number("UPS")]
    specs = [ParcelSpec("UPS", numbers[0], Decimal("700")), ParcelSpec("UPS", numbers[1], Decimal("450.5"))]
    services.ship(owner_of(order.seller), order.public_id, parcels=specs)
    waybill = waybill_for(order)
    assert (waybill.logistics_no, waybill.pack_count, waybill.gross_weight_kg) == (
        numbers[0],
        2,
        Decimal("1.151"),
    )
    assert waybill.logistics_code == "3120980001" and waybill.net_weight_kg == Decimal("0.150")
