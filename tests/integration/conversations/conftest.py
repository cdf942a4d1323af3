import pytest

from factories import make_buyer, make_product, make_seller, owner_of


@pytest.fixture
def shop(db):
    """A seller with a published product, its owner, and a buyer."""
    seller = make_seller()
    product = make_product(seller, title_en="American Ginseng Root")
    return {"seller": seller, "owner": owner_of(seller), "product": product, "buyer": make_buyer()}
