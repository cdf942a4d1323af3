"""The export papers: PDFs whose Chinese is real glyphs (read back as text), and labels that scan."""

from decimal import Decimal

import pytest
from logistics_support import paid_order
from papers_support import decode_code128, modules_on, pages, text, words

from borderless.logistics import services
from borderless.logistics.services import ParcelSpec
from borderless.payouts.release import InvalidShipment
from factories import make_seller, owner_of, tracking_number

pytestmark = pytest.mark.django_db


def test_the_commercial_invoice_is_english_and_chinese_with_codes_origin_values_and_ddp():
    order = paid_order(worked=False, price=Decimal("125.00"))
    name, pdf = services.export_paper(owner_of(order.seller), order.public_id, "invoice")
    assert name == f"commercial-invoice-{order.public_id}.pdf" and pdf.startswith(b"%PDF")
    found = text(pdf)
    legal_name = order.seller.legal_name.replace(" ", "")
    for expected in ("Commercialinvoice", "商业发票", "威斯康星花旗参整根113克", "Wisconsin", "1211.20",
                     "ScheduleB1211.20", "125.00", "USD", "DDP", "完税后交货", "Reasonforexport", "销售",
                     "张三", "北京市朝阳区", legal_name, "NOEEI30.37(a)", "美国"):  # fmt: skip
        assert expected in found, expected


def test_the_invoice_carries_the_itn_when_eei_was_filed():
    order = paid_order(worked=False, price=Decimal("2600.00"))
    services.ship(
        owner_of(order.seller), order.public_id, "UPS", tracking_number("UPS"), itn="X20261125654321"
    )
    assert "AESITNX20261125654321" in text(services.export_paper(owner_of(order.seller), order, "invoice")[1])


def test_the_packing_list_lists_goods_then_each_parcel():
    order = paid_order(worked=False)
    seller = owner_of(order.seller)
    before = text(services.export_paper(seller, order, "packing-list")[1])
    assert "装箱单" in before and "尚未交运" in before and "150.0" in before
    numbers = [tracking_number("EMS"), tracking_number("EMS")]
    boxed = ParcelSpec("EMS", numbers[0], Decimal(700), Decimal(20), Decimal(10), Decimal(8))
    services.ship(seller, order, parcels=[boxed, ParcelSpec("EMS", numbers[1], Decimal(300))])
    after = text(services.export_paper(seller, order, "packing-list")[1])
    assert numbers[0] in after and numbers[1] in after and "700.0" in after and "20.0x10.0x8.0" in after


def test_a_label_per_parcel_is_4_by_6_inches_with_the_number_as_a_code_128_barcode():
    order = paid_order(worked=False)
    seller = owner_of(order.seller)
    with pytest.raises(InvalidShipment, match="tracking numbers first"):
        services.export_paper(seller, order, "label")
    numbers = [tracking_number("USPS"), "EA123456785US", tracking_number("UPS")]
    services.ship(seller, order, parcels=[ParcelSpec("USPS", numbers[0], Decimal(500)),
                                          ParcelSpec("USPS", numbers[1], Decimal(500))])  # fmt: skip
    pdf = services.export_paper(seller, order, "label")[1]
    labels = pages(pdf)
    assert len(labels) == 2
    for page, number in zip(labels, numbers, strict=False):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (288, 432)
        assert decode_code128(modules_on(page)) == number
        found = words(page)
        assert number in found and "收件人" in found and "张三" in found and "USPS" in found


def test_papers_are_the_sellers_alone():
    order = paid_order(worked=False)
    with pytest.raises(order.__class__.DoesNotExist):
        services.export_paper(owner_of(make_seller()), order.public_id, "invoice")
    with pytest.raises(order.__class__.DoesNotExist):
        services.export_paper(order.buyer, order.public_id, "invoice")


def test_the_seller_centre_downloads_the_papers_and_hides_them_from_other_sellers(client):
    order = paid_order(worked=False)
    client.force_login(owner_of(order.seller))
    page = client.get(f"/seller/orders/{order.public_id}/").content.decode()
    assert 'id="paper-invoice"' in page and 'id="paper-label"' not in page
    r = client.get(f"/seller/orders/{order.public_id}/invoice.pdf")
    assert (
        r.status_code == 200
        and r["Content-Type"] == "application/pdf"
        and "attachment" in r["Content-Disposition"]
    )
    assert client.get(f"/seller/orders/{order.public_id}/label.pdf").status_code == 302  # no parcels yet
    assert client.get(f"/seller/orders/{order.public_id}/receipt.pdf").status_code == 404
    client.force_login(owner_of(make_seller()))
    assert client.get(f"/seller/orders/{order.public_id}/invoice.pdf").status_code == 404
