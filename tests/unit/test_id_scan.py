"""The browser journeys' ID number scan finds an unmasked number and lets a masked one pass."""

import io
import zipfile

from fpdf import FPDF

from id_scan import Exchange, Scan, sent_in, unmasked_numbers

NUMBER = "11010519491231002X"
MASKED = "110105********002X"


def scanned(path: str, content_type: str, body: bytes, typed=frozenset()) -> Scan:
    scan = Scan()
    scan.response(Exchange("GET", path, 200, content_type, body), set(typed))
    return scan


def test_a_page_with_the_number_leaks_and_a_masked_one_does_not():
    leaking = f"<p>Declared in the name of 张三 (ID {NUMBER}).</p>".encode()
    assert scanned("/seller/orders/1/", "text/html; charset=utf-8", leaking).leaks == [
        f"GET /seller/orders/1/ (200) shows {NUMBER}"
    ]
    masked = f"<p>Declared in the name of 张三 (ID {MASKED}).</p>".encode()
    assert scanned("/seller/orders/1/", "text/html; charset=utf-8", masked).leaks == []


def test_json_csv_a_lower_case_x_and_a_typed_mistyped_number_are_found():
    assert scanned("/api/v1/orders/", "application/json", b'{"id":"11010519491231002x"}').leaks
    assert scanned("/statement.csv", "text/csv", f"order,{NUMBER}\n".encode()).leaks
    mistyped = "110105194912310021"  # wrong check digit: found only because the client sent it in
    assert unmasked_numbers(f"value={mistyped}") == set()
    assert unmasked_numbers(f'value="{mistyped}"', sent_in(f"id_number={mistyped}&x=1".encode())) == {
        mistyped
    }


def test_other_long_numbers_are_not_taken_for_id_numbers():
    # A tracking number, a longer digit run containing a valid number, an invalid check digit.
    text = "SF1234567890123 9911010519491231002X1 110105194912310021 20261207080000123456"
    assert unmasked_numbers(text) == set()


def test_pdf_text_and_zip_members_are_scanned():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=f"Buyer ID {NUMBER}")
    body = bytes(pdf.output())
    assert scanned("/invoice.pdf", "application/pdf", body).leaks
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("orders.json", f'[{{"buyer_id": "{NUMBER}"}}]')
    assert scanned("/bundle.zip", "application/zip", bundle.getvalue()).leaks


def test_the_customs_message_download_is_exempt_and_images_are_skipped():
    xml = f"<ceb:IdentityNo>{NUMBER}</ceb:IdentityNo>".encode()
    scan = scanned("/ops/customs/messages/5f0c1c1e-7d1a-4b8e-9f7a-1a2b3c4d5e6f.xml", "application/xml", xml)
    assert scan.leaks == [] and scan.exempted == 1 and scan.scanned == 0
    assert scanned("/ops/customs/messages/5f0c1c1e/other.xml", "application/xml", xml).leaks
    assert scanned("/static/logo.png", "image/png", NUMBER.encode()).skipped == 1


def test_a_log_record_with_the_number_leaks():
    scan = Scan()
    scan.log("borderless.orders (call)", f"borderless.orders WARNING identity {NUMBER} refused", set())
    scan.log("borderless.orders (call)", f"borderless.orders WARNING identity {MASKED} refused", set())
    assert scan.leaks == [f"borderless.orders (call) logs {NUMBER}"]
