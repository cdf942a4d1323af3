"""The export papers as PDF: the commercial invoice and the packing list (English and Chinese), and a 4×6-inch
shipping label per parcel with its tracking number as a Code 128 barcode.

Drawn with fpdf2 (ADR 0603). Chinese needs a CJK font: Noto Sans CJK SC from the pinned `noto-cjk-sans-otc`
package (SIL Open Font License), so a fresh install renders it; fpdf2 embeds only the glyphs used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from borderless.catalog.hs import format_hs_code
from borderless.logistics import carriers
from borderless.logistics.eei import schedule_b_heading
from borderless.logistics.models import Parcel
from borderless.orders.models import Order

FONT = "NotoSansSC"
SC_INDEX = 2  # in the collection: JP, KR, SC, TC, HK
INCOTERM = "DDP"
REASON_FOR_EXPORT = "Sale / 销售"
LABEL_SIZE_MM = (101.6, 152.4)  # 4 × 6 inches


def _pdf(orientation: str = "P", size=("A4")):
    from fpdf import FPDF
    from noto_cjk_sans_otc import FONT_PATH

    pdf = FPDF(orientation=orientation, unit="mm", format=size)
    pdf.add_font(FONT, fname=str(FONT_PATH), collection_font_number=SC_INDEX)
    pdf.set_font(FONT, size=9)
    return pdf


def _headings():
    from fpdf.fonts import FontFace

    return FontFace(emphasis="", fill_color=(235, 235, 235))  # no bold face in the collection: shaded instead


def _seller_block(order: Order) -> str:
    s = order.seller
    return f"{s.legal_name}\n{s.city}, {s.state}, United States 美国"


def _buyer_block(order: Order) -> str:
    a = order.address
    district = a.get("district") or ""
    return (
        f"{a.get('name', order.buyer_name)}  {a.get('phone', '')}\n"
        f"{a.get('province', '')}{a.get('city', '')}{district}{a.get('street', '')}\n"
        f"China 中国 · importer of record 进口人: {order.buyer_name}"
    )


def _heading(pdf, english: str, chinese: str) -> None:
    pdf.set_font(FONT, size=15)
    pdf.cell(0, 8, f"{english} {chinese}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, size=9)


def _parties(pdf, order: Order, when: datetime) -> None:
    pdf.cell(
        0,
        5,
        f"Invoice no. 发票号: {order.public_id}   Date 日期: {when:%Y-%m-%d}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    y = pdf.get_y() + 2
    pdf.set_xy(10, y)
    pdf.multi_cell(92, 5, "Seller / exporter 卖方/出口商\n" + _seller_block(order), border=1)
    pdf.set_xy(108, y)
    pdf.multi_cell(92, 5, "Buyer / consignee 买方/收货人\n" + _buyer_block(order), border=1)
    pdf.ln(3)


def parcels_of(order: Order) -> list[Parcel]:
    return list(order.parcels.all())


def commercial_invoice_pdf(order: Order, now: datetime | None = None) -> bytes:
    """Seller, buyer, each line's HS / Schedule B heading, origin, quantity and USD values; DDP; reason."""
    when = now or timezone.now()
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "Commercial invoice", "商业发票")
    _parties(pdf, order, when)
    lines = list(order.lines.all())
    align = ("LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT")
    with pdf.table(
        col_widths=(62, 26, 20, 14, 24, 24), text_align=align, line_height=5, headings_style=_headings()
    ) as table:
        table.row(("Description 品名", "HS / Schedule B 税号", "Origin 原产地", "Qty 数量", "Unit USD 单价",
                   "Value USD 金额"))  # fmt: skip
        for ln in lines:
            table.row((
                f"{ln.title_en}\n{ln.title_zh}",
                f"{format_hs_code(ln.hs_code)}\nSchedule B {format_hs_code(schedule_b_heading(ln.hs_code))}",
                f"{ln.origin_country}",
                str(ln.quantity),
                f"{ln.unit_price:,.2f}",
                f"{ln.unit_price * ln.quantity:,.2f}",
            ))  # fmt: skip
    goods = sum((ln.unit_price * ln.quantity for ln in lines), start=Decimal("0"))
    pdf.ln(2)
    filing = getattr(order, "export_filing", None)
    aes = f"AES ITN {filing.itn}" if filing is not None and filing.itn else "NOEEI 30.37(a)"
    for text in (
        f"Total value 合计金额: USD {goods:,.2f}   Currency 币种: USD 美元",
        f"Incoterm 贸易术语: {INCOTERM} (delivered duty paid 完税后交货: duties and taxes paid at checkout)",
        f"Reason for export 出口原因: {REASON_FOR_EXPORT}",
        f"Country of origin 原产国: United States 美国   Export filing 出口申报: {aes}",
    ):
        pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    numbers = ", ".join(f"{p.carrier} {p.tracking_number}" for p in parcels_of(order))
    if numbers:
        pdf.cell(0, 5, f"Tracking 运单号: {numbers}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 5, "I declare that the information on this invoice is true and correct.\n"
                         "兹声明以上内容真实无误。", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    return bytes(pdf.output())


def packing_list_pdf(order: Order, now: datetime | None = None) -> bytes:
    """The goods (quantities and net weights) and, once shipped, each parcel's weight, size and number."""
    when = now or timezone.now()
    pdf = _pdf()
    pdf.add_page()
    _heading(pdf, "Packing list", "装箱单")
    _parties(pdf, order, when)
    with pdf.table(col_widths=(30, 90, 20, 30), line_height=5, headings_style=_headings()) as table:
        table.row(("SKU", "Goods 货物", "Qty 数量", "Net weight 净重 (g)"))
        for ln in order.lines.all():
            table.row((ln.sku_code, f"{ln.title_en}\n{ln.title_zh}", str(ln.quantity),
                       f"{ln.unit_weight_g * ln.quantity:,.1f}"))  # fmt: skip
    pdf.ln(3)
    parcels = parcels_of(order)
    if parcels:
        with pdf.table(col_widths=(12, 30, 60, 30, 38), line_height=5, headings_style=_headings()) as table:
            table.row(("No. 件", "Carrier 承运人", "Tracking 运单号", "Gross 毛重 (g)", "Size 尺寸 (cm)"))
            for i, p in enumerate(parcels, 1):
                size = "x".join(str(d) for d in p.dims_cm) if p.dims_cm else "-"
                table.row((str(i), p.carrier, p.tracking_number, f"{p.weight_g:,.1f}", size))
    else:
        pdf.cell(0, 5, "Parcels: not yet handed to a carrier 尚未交运", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def code128_modules(text: str) -> str:
    """The bars and spaces of `text` in Code 128 as "1"/"0" modules (start, data, checksum, stop)."""
    import barcode

    return barcode.get("code128", text).build()[0]


def _barcode(pdf, text: str, x: float, y: float, width: float, height: float) -> None:
    modules = code128_modules(text)
    quiet = 10
    module = width / (len(modules) + 2 * quiet)
    run_start = None
    for i, bit in enumerate(modules + "0"):
        if bit == "1" and run_start is None:
            run_start = i
        elif bit == "0" and run_start is not None:
            pdf.rect(x + (quiet + run_start) * module, y, (i - run_start) * module, height, style="F")
            run_start = None


def labels_pdf(order: Order, parcels: Sequence[Parcel] | None = None) -> bytes:
    """One 4×6-inch page per parcel: from, to (in Chinese, as the last-mile courier reads it), the carrier,
    and the tracking number as a Code 128 barcode with the number printed beneath."""
    parcels = list(parcels if parcels is not None else parcels_of(order))
    if not parcels:
        raise ValueError("A label needs a parcel with a tracking number: ship the order first.")
    pdf = _pdf(size=LABEL_SIZE_MM)
    pdf.set_margins(5, 5, 5)
    pdf.set_auto_page_break(auto=False)
    for n, parcel in enumerate(parcels, 1):
        carrier = carriers.get(parcel.carrier)
        pdf.add_page()
        pdf.set_font(FONT, size=14)
        pdf.cell(0, 7, f"{carrier.name}  {carrier.name_zh}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=8)
        pdf.cell(0, 4, f"Parcel 包裹 {n}/{len(parcels)} · {parcel.weight_g} g · {INCOTERM}", new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.ln(1)
        pdf.multi_cell(0, 4, "FROM 寄件人\n" + _seller_block(order), border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font(FONT, size=10)
        pdf.multi_cell(0, 5, "TO 收件人\n" + _buyer_block(order), border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, size=8)
        pdf.cell(0, 5, f"Order 订单 {order.public_id}", new_x="LMARGIN", new_y="NEXT")
        _barcode(pdf, parcel.tracking_number, 5, 100, 91.6, 30)
        pdf.set_xy(5, 132)
        pdf.set_font(FONT, size=12)
        pdf.cell(91.6, 6, parcel.tracking_number, align="C")
    return bytes(pdf.output())
