"""POST /notices, POST /notices/{id}/counter-notices, GET /cases/{id}/evidence: the one error shape, nothing
half-applied, and each party seeing only its part."""

import io
import zipfile

import pytest
from api_support import ApiClient, assert_error, token_for

from borderless.catalog.models import Product
from borderless.trust.casework_models import Case, CaseStatus, Notice
from borderless.trust.evidence import verify_bundle
from casework_support import STATEMENT, make_brand, pdf, png
from factories import make_product, owner_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(db):
    return make_brand()


@pytest.fixture
def brand_api(brand):
    return ApiClient(token_for(brand.owner))


def _form(brand, products, **extra):
    return {
        "brand": str(brand.public_id),
        "reason": "counterfeit",
        "statement": STATEMENT,
        "listings": [str(p.public_id) for p in products],
        "evidence": [png(), pdf()],
        **extra,
    }


def test_filing_a_notice_takes_the_listing_down_and_the_seller_sees_it_without_private_files(
    brand, brand_api, seller, seller_api, anon
):
    product = make_product(seller)
    response = brand_api.upload("/notices", _form(brand, [product]))
    assert response.status_code == 201, response.content
    body = response.json()
    assert [c["listing"] for c in body["cases"]] == [str(product.public_id)]
    assert len(body["evidence"]) == 2
    assert anon.get(f"/products/{product.public_id}").status_code == 404
    assert str(product.public_id) not in anon.get("/products", {"q": "ginseng"}).content.decode()

    as_seller = seller_api.get(f"/notices/{body['id']}")
    assert as_seller.status_code == 200
    assert as_seller.json()["evidence"] == [] and as_seller.json()["statement"] == STATEMENT


def test_301_listings_unknown_listings_and_bad_files_are_clear_errors(brand, brand_api, seller):
    product = make_product(seller)
    too_many = _form(brand, [product])
    too_many["listings"] = [f"00000000-0000-4000-8000-{i:012d}" for i in range(301)]
    assert "300" in assert_error(brand_api.upload("/notices", too_many), 422)["details"]["listings"][0]
    unknown = _form(brand, [product])
    unknown["listings"].append("00000000-0000-4000-8000-000000000009")
    assert_error(brand_api.upload("/notices", unknown), 422)
    text = _form(brand, [product], evidence=[io.BytesIO(b"plain text")])
    assert "evidence" in assert_error(brand_api.upload("/notices", text), 422)["details"]
    assert not Notice.objects.exists() and not Product.objects.get(pk=product.pk).held_from_buyers


def test_a_duplicate_notice_is_409(brand, brand_api, seller):
    product = make_product(seller)
    assert brand_api.upload("/notices", _form(brand, [product])).status_code == 201
    error = assert_error(brand_api.upload("/notices", _form(brand, [product])), 409, "conflict")
    assert error["details"]["listings"] == [str(product.public_id)]
    assert Notice.objects.count() == 1


def test_other_owners_brands_and_unverified_brands_cannot_file(brand_api, seller, seller_api):
    product = make_product(seller)
    assert_error(brand_api.upload("/notices", _form(make_brand(), [product])), 404)
    assert_error(
        brand_api.upload(
            "/notices", _form(make_brand(owner=brand_api_owner(brand_api), verified=False), [product])
        ),
        403,
    )
    assert_error(seller_api.upload("/notices", _form(make_brand(), [product])), 403)
    assert not Notice.objects.exists()


def brand_api_owner(api):
    from borderless.accounts.services import user_for_token

    return user_for_token(api.token)


def test_counter_notice_by_the_seller_only_and_once(brand, brand_api, seller, seller_api, other_seller_api):
    product = make_product(seller)
    notice_id = brand_api.upload("/notices", _form(brand, [product])).json()["id"]
    form = {"statement": "Genuine goods bought from the brand's distributor.", "evidence_for_brand": [pdf()]}
    assert_error(other_seller_api.upload(f"/notices/{notice_id}/counter-notices", form), 404)
    form["evidence_for_brand"] = [pdf()]
    response = seller_api.upload(f"/notices/{notice_id}/counter-notices", form)
    assert response.status_code == 201, response.content
    assert Case.objects.get().status == CaseStatus.COUNTERED
    form["evidence_for_brand"] = [pdf()]
    assert_error(seller_api.upload(f"/notices/{notice_id}/counter-notices", form), 409)
    seen = brand_api.get(f"/notices/{notice_id}").json()["counter_notices"]
    assert len(seen) == 1 and len(seen[0]["evidence"]) == 1


def test_the_evidence_bundle_downloads_for_the_brand_owner_and_verifies(brand, brand_api, seller, seller_api):
    product = make_product(seller)
    notice_id = brand_api.upload("/notices", _form(brand, [product])).json()["id"]
    case = Case.objects.get(notice__public_id=notice_id)
    assert_error(seller_api.get(f"/cases/{case.public_id}/evidence"), 404)
    response = brand_api.get(f"/cases/{case.public_id}/evidence")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    result = verify_bundle(io.BytesIO(response.content))
    assert result.ok, result.problems
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "listing/version-0001.html" in names and "seller/identity.json" in names
    assert (
        owner_of(seller).email
        in zipfile.ZipFile(io.BytesIO(response.content)).read("seller/identity.json").decode()
    )
