"""The admin shows a brand with its private documents: a link to the checked download, never a storage URL.

The document inline used to render the file widget, which asks the private storage for a URL it refuses to
give: the brand's change page answered 500.
"""

import pytest

pytestmark = pytest.mark.django_db


def test_an_operator_opens_a_brand_with_documents_in_the_admin(client, world):
    brand = world.a.objects["brand"]
    document = brand.documents.get()
    client.force_login(world.operator)
    response = client.get(f"/admin/trust/brand/{brand.pk}/change/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/brand/documents/{document.public_id}/"' in page
    assert document.file.name not in page
    assert client.get(f"/brand/documents/{document.public_id}/").status_code == 200
