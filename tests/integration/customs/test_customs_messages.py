"""The four CEB messages as sent: valid against the XSD, every required field there, in CNY, per order."""

import copy
from decimal import Decimal

import pytest
from customs_support import IDENTITY, message, paid_order, ship_order
from lxml import etree

from borderless.customs import schema
from borderless.customs.models import SandboxCustomsRecord
from borderless.payments.models import PaymentShare

pytestmark = pytest.mark.django_db
NS = {"ceb": schema.NAMESPACE, "xs": "http://www.w3.org/2001/XMLSchema"}
HEADS = {
    "CEB311": "ceb:Order/ceb:OrderHead",
    "CEB411": "ceb:Payment/ceb:PaymentHead",
    "CEB511": "ceb:Logistics/ceb:LogisticsHead",
    "CEB621": "ceb:Inventory/ceb:InventoryHead",
}
LISTS = {"CEB311": "ceb:Order/ceb:OrderList", "CEB621": "ceb:Inventory/ceb:InventoryList"}


def _required(type_name: str) -> list[str]:
    """The elements the XSD requires in a complex type (minOccurs not 0)."""
    xsd = etree.parse(str(schema.XSD_PATH))
    elements = xsd.findall(f"xs:complexType[@name='{type_name}']/xs:sequence/xs:element", NS)
    return [e.get("name") for e in elements if e.get("minOccurs", "1") != "0"]


def _text(doc, path: str) -> str:
    return doc.find(path, NS).text


@pytest.fixture(scope="module")
def sent(django_db_setup, django_db_blocker):
    """An order of 2 units (a second seller's order shares the payment), shipped: its messages as sent."""
    from django.db import transaction
    from huey.contrib.djhuey import HUEY

    before, HUEY.immediate = HUEY.immediate, True
    with django_db_blocker.unblock(), transaction.atomic():
        order = ship_order(paid_order(quantity=2, sellers=2))
        share = PaymentShare.objects.select_related("payment").get(order=order)
        xml = {kind: message(order, kind).xml.encode() for kind in HEADS}
        facts = {
                "order": order, "tracking": order.shipment.tracking_number, "share": share.amount,
                "payment": share.payment.amount,
                "statuses": {kind: message(order, kind).status for kind in HEADS},
                "records": SandboxCustomsRecord.objects.count(),
            }  # fmt: skip
        transaction.set_rollback(True)
    HUEY.immediate = before
    return xml, facts


def test_every_message_validates_and_was_accepted(sent):
    xml, facts = sent
    for kind, body in xml.items():
        assert schema.errors_of(body) == [], kind
        assert etree.fromstring(body).tag == f"{{{schema.NAMESPACE}}}{kind}Message"
    assert facts["statuses"] == dict.fromkeys(HEADS, "accepted")


@pytest.mark.parametrize("kind", sorted(HEADS))
def test_every_required_field_is_there_and_the_schema_misses_none(sent, kind):
    xml, _ = sent
    type_of = {
        "CEB311": "OrderHead", "CEB411": "PaymentHead", "CEB511": "LogisticsHead", "CEB621": "InventoryHead",
    }  # fmt: skip
    parts = [(HEADS[kind], type_of[kind])]
    if kind in LISTS:
        parts.append((LISTS[kind], {"CEB311": "OrderList", "CEB621": "InventoryList"}[kind]))
    doc = etree.fromstring(xml[kind])
    for path, type_name in parts:
        required = _required(type_name)
        assert len(required) >= 10
        for name in required:
            field = doc.find(f"{path}/ceb:{name}", NS)
            assert field is not None and (field.text or "").strip() != "" or name == "barCode", name
            broken = copy.deepcopy(doc)
            gone = broken.find(f"{path}/ceb:{name}", NS)
            gone.getparent().remove(gone)
            assert schema.errors_of(etree.tostring(broken)), f"{kind} without {name} still validates"


def test_amounts_are_cny_and_actural_paid_is_the_orders_share_of_the_payment(sent):
    xml, facts = sent
    order = etree.fromstring(xml["CEB311"])
    head = "ceb:Order/ceb:OrderHead/ceb:"
    goods, freight, tax, discount, paid = (
        Decimal(_text(order, head + f))
        for f in ("goodsValue", "freight", "taxTotal", "discount", "acturalPaid")
    )
    assert paid == goods + freight + tax - discount
    assert paid == facts["share"] == facts["order"].landed_total
    assert paid < facts["payment"]  # two sellers: the order's share, not the whole payment
    lines = order.findall("ceb:Order/ceb:OrderList", NS)
    assert sum(Decimal(_text(line, "ceb:totalPrice")) for line in lines) == goods
    payment = etree.fromstring(xml["CEB411"])
    assert Decimal(_text(payment, "ceb:Payment/ceb:PaymentHead/ceb:amountPaid")) == paid
    for body in xml.values():
        currencies = [c.text for c in etree.fromstring(body).iter(f"{{{schema.NAMESPACE}}}currency")]
        assert currencies and set(currencies) == {"142"}


def test_buyer_and_payer_are_the_real_name_and_full_id_number(sent):
    xml, facts = sent
    order = etree.fromstring(xml["CEB311"])
    payment = etree.fromstring(xml["CEB411"])
    inventory = etree.fromstring(xml["CEB621"])
    head = "ceb:Order/ceb:OrderHead/ceb:"
    assert _text(order, head + "buyerName") == IDENTITY["name"]
    assert _text(order, head + "buyerIdNumber") == IDENTITY["id_number"]  # in full, only here
    assert _text(order, head + "buyerIdType") == "1"
    pay = "ceb:Payment/ceb:PaymentHead/ceb:"
    assert _text(payment, pay + "payerName") == _text(order, head + "buyerName")
    assert _text(payment, pay + "payerIdNumber") == _text(order, head + "buyerIdNumber")
    assert _text(payment, pay + "payTransactionId") == _text(order, head + "payTransactionId")
    inv = "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert _text(inventory, inv + "buyerIdNumber") == IDENTITY["id_number"]
    assert _text(inventory, inv + "tradeMode") == "9610"
    assert _text(inventory, inv + "orderNo") == _text(order, head + "orderNo")
    assert len(_text(inventory, "ceb:Inventory/ceb:InventoryList/ceb:gcode")) == 10


def test_waybill_and_inventory_carry_the_parcel(sent):
    xml, facts = sent
    waybill = etree.fromstring(xml["CEB511"])
    inventory = etree.fromstring(xml["CEB621"])
    w, i = "ceb:Logistics/ceb:LogisticsHead/ceb:", "ceb:Inventory/ceb:InventoryHead/ceb:"
    assert _text(waybill, w + "logisticsNo") == _text(inventory, i + "logisticsNo")
    assert _text(waybill, w + "logisticsNo") == facts["tracking"]
    assert _text(waybill, w + "logisticsCode") == _text(inventory, i + "logisticsCode") == "UPS0000001"
    assert Decimal(_text(waybill, w + "freight")) == facts["order"].freight
    net, gross = Decimal(_text(inventory, i + "netWeight")), Decimal(_text(inventory, i + "grossWeight"))
    assert net == Decimal("0.300")  # two units of 150 g
    assert gross > net and Decimal(_text(waybill, w + "weight")) == gross


@pytest.mark.django_db
def test_what_sellers_and_buyers_may_type_still_makes_valid_messages(django_capture_on_commit_callbacks):
    """The catalogue allows titles of 200 characters and SKU codes of any 64 characters, checkout addresses
    of 200 characters a part; customs' schema allows 100 for a name or an address and letters, digits, '_'
    and '-' for an item number. Every message of such an order is still valid, and accepted."""
    from customs_support import later
    from huey.contrib.djhuey import HUEY

    from borderless.events import outbox
    from borderless.orders import services as orders
    from borderless.payments.services import sandbox_complete, start_payment
    from factories import ADDRESS, make_buyer, make_product, make_seller

    title = "威斯康星州马拉松县林下栽培十年生花旗参整根礼盒装" * 6  # 144 characters
    code = "WI.GINSENG/10yr 113 g #2"  # a seller's own code, spaces, dots and slashes included
    product = make_product(make_seller(), title_zh=title, skus=[{"code": code, "price_usd": Decimal("39.00"),
                                                                  "stock": 5}])  # fmt: skip
    address = {**ADDRESS, "street": "建国路 88 号院 " + "华贸中心写字楼二座" * 12}  # 116 characters
    buyer = make_buyer()
    before, HUEY.immediate = HUEY.immediate, True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            orders.add_to_cart(buyer, product.skus.get().public_id, 1)
            result = orders.checkout(buyer, "long-fields", address, IDENTITY)
            payment, _ = start_payment(buyer, result.checkout.public_id)
            sandbox_complete(buyer, payment.public_id, "succeeded")
            outbox.deliver_due()
        later(0)
        order = ship_order(result.orders[0])
    finally:
        HUEY.immediate = before

    for kind in HEADS:
        sent = message(order, kind)
        assert sent.status == "accepted", (kind, sent.error)
        assert schema.errors_of(sent.xml.encode()) == []
    listed = etree.fromstring(message(order, "CEB311").xml.encode())
    assert _text(listed, "ceb:Order/ceb:OrderList/ceb:itemName") == title[:100]
    assert _text(listed, "ceb:Order/ceb:OrderList/ceb:itemNo") == "WI-GINSENG-10yr-113-g-2"
    assert order.status == "customs_released" or order.customs_declaration.status in ("declared", "released")
