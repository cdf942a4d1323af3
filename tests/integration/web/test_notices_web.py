"""The brand portal's notices, the seller centre's counter-notice and the ops console's casework pages."""

import pytest
from django.test import Client

from borderless.catalog.models import Product
from borderless.trust import takedowns
from borderless.trust.casework_models import Case, CaseStatus, Notice
from casework_support import STATEMENT, make_brand, make_brand_owner, pdf, png
from factories import make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_brand_owner_files_a_notice_from_the_portal_with_pasted_links():
    product = make_product(make_seller())
    brand = make_brand()
    client = _client(brand.owner)
    response = client.post(
        "/brand/notices/new/",
        {
            "brand": str(brand.public_id),
            "reason": "counterfeit",
            "listings": f"https://borderless.example/p/{product.public_id}/\n",
            "statement": STATEMENT,
            "evidence": [png(), pdf()],
        },
    )
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/brand/notices/{notice.public_id}/"
    assert Product.objects.get(pk=product.pk).held_from_buyers
    page = client.get(response["Location"]).content.decode()
    assert product.title_en in page and "evidence.png" in page
    assert str(notice.public_id) in client.get("/brand/notices/").content.decode()


def test_bad_notices_are_form_errors_and_change_nothing():
    product = make_product(make_seller())
    brand = make_brand()
    response = _client(brand.owner).post(
        "/brand/notices/new/",
        {"brand": str(brand.public_id), "reason": "counterfeit", "listings": "not-a-listing",
         "statement": STATEMENT, "evidence": [png()]},
        headers={"Accept-Language": "en"},
    )  # fmt: skip
    assert response.status_code == 400 and "Not listing ids" in response.content.decode()
    assert not Notice.objects.exists() and not Product.objects.get(pk=product.pk).held_from_buyers


def test_the_seller_counter_notices_in_the_seller_centre_and_never_sees_the_complainants_files():
    product = make_product(make_seller())
    brand = make_brand()
    notice = takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "trademark", STATEMENT, [pdf("secret-dossier.pdf")]
    )
    seller = _client(owner_of(product.seller))
    page = seller.get(f"/seller/notices/{notice.public_id}/").content.decode()
    assert STATEMENT in page and "secret-dossier" not in page
    assert brand.name_en in seller.get("/seller/notices/").content.decode()
    secret = notice.evidence_files.get()
    assert seller.get(f"/casework/files/{secret.public_id}/").status_code == 404
    assert seller.get(f"/cases/{notice.cases.get().public_id}/evidence.zip").status_code == 404

    response = seller.post(
        f"/seller/notices/{notice.public_id}/",
        {"statement": "Genuine goods bought from the brand's US distributor.", "evidence_for_brand": [pdf()]},
    )
    assert response.status_code == 302
    assert Case.objects.get().status == CaseStatus.COUNTERED
    brand_page = _client(brand.owner).get(f"/brand/notices/{notice.public_id}/").content.decode()
    assert "US distributor" in brand_page and "registration.pdf" in brand_page


def test_other_sellers_and_other_brand_owners_get_404():
    product = make_product(make_seller())
    brand = make_brand()
    notice = takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "trademark", STATEMENT, [png()]
    )
    assert _client(owner_of(make_seller())).get(f"/seller/notices/{notice.public_id}/").status_code == 404
    assert _client(make_brand_owner()).get(f"/brand/notices/{notice.public_id}/").status_code == 404
    case = notice.cases.get()
    assert _client(make_brand_owner()).get(f"/cases/{case.public_id}/evidence.zip").status_code == 404


def test_operators_see_metrics_and_decide_disputed_cases():
    product = make_product(make_seller())
    brand = make_brand()
    notice = takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "trademark", STATEMENT, [png()]
    )
    takedowns.file_counter_notice(owner_of(product.seller), notice.public_id, "Genuine goods from the brand.")
    ops = _client(make_operator())
    page = ops.get("/ops/casework/").content.decode()
    assert product.title_en in page and 'id="m-counter">100 %' in page
    case = notice.cases.get()
    assert (
        ops.post(f"/ops/casework/cases/{case.public_id}/decide/", {"decision": "reject"}).status_code == 302
    )
    assert Case.objects.get().status == CaseStatus.RESTORED
    assert not Product.objects.get(pk=product.pk).held_from_buyers
    assert _client(owner_of(product.seller)).get("/ops/casework/").status_code == 403
