import pytest

from factories import make_operator, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def test_operator_verifies_a_seller_whose_products_then_show(client):
    seller = make_seller(verified=False, display_name="Pending Orchard")
    product = make_product(seller, status="draft")
    client.force_login(make_operator())
    assert "Pending Orchard" in client.get("/ops/sellers/?status=pending").content.decode()
    client.post(f"/ops/sellers/{seller.public_id}/decide/", {"decision": "verify"})
    seller.refresh_from_db()
    assert seller.verification_status == "verified"
    from borderless.catalog.services import publish_product

    publish_product(owner_of(seller), product)
    assert client.get(f"/p/{product.public_id}/").status_code == 200


def test_reject_needs_a_reason_and_hides_products(client):
    seller = make_seller()
    product = make_product(seller)
    client.force_login(make_operator())
    client.post(f"/ops/sellers/{seller.public_id}/decide/", {"decision": "reject", "note": ""})
    seller.refresh_from_db()
    assert seller.verification_status == "verified"
    client.post(f"/ops/sellers/{seller.public_id}/decide/", {"decision": "reject", "note": "Licence expired"})
    seller.refresh_from_db()
    assert seller.verification_status == "rejected"
    assert client.get(f"/p/{product.public_id}/").status_code == 404


def test_sellers_cannot_use_the_console_or_admin(client):
    client.force_login(owner_of(make_seller()))
    assert client.get("/ops/sellers/").status_code == 403
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/seller/",
        "/admin/catalog/product/",
        "/admin/accounts/apitoken/",
    ],
)
def test_operators_use_django_admin(client, path):
    make_product(make_seller())
    client.force_login(make_operator())
    response = client.get(path)
    assert response.status_code == 200
    assert "token_hash" not in response.content.decode()
