"""The persisted cart: adding, changing and removing lines, and the landed estimate per seller."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from orders_support import product_with_stock

from borderless.accounts.models import Seller
from borderless.catalog.models import Product
from borderless.orders import services
from borderless.orders.errors import InvalidCart
from borderless.orders.models import Cart, CartItem
from factories import make_buyer, make_product, make_seller, owner_of

pytestmark = pytest.mark.django_db


def test_adding_twice_adds_up_and_removing_takes_the_line_out(buyer):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 2)
    item = services.add_to_cart(buyer, sku.public_id, 3)
    assert item.quantity == 5
    assert CartItem.objects.filter(cart__buyer=buyer).count() == 1
    assert services.remove_from_cart(buyer, sku.public_id) is True
    assert services.remove_from_cart(buyer, sku.public_id) is False
    assert not CartItem.objects.exists()


def test_set_quantity_and_zero_removes(buyer):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 1)
    assert services.set_cart_quantity(buyer, sku.public_id, 7).quantity == 7
    assert services.set_cart_quantity(buyer, sku.public_id, 0) is None
    assert not CartItem.objects.exists()


@pytest.mark.parametrize("quantity", [0, -1, 1000, "2", 1.0])
def test_quantities_out_of_range_are_refused(buyer, quantity):
    sku = product_with_stock()
    with pytest.raises(InvalidCart):
        services.add_to_cart(buyer, sku.public_id, quantity)


def test_the_total_in_the_cart_is_capped_and_a_refused_add_changes_nothing(buyer):
    sku = product_with_stock()
    services.add_to_cart(buyer, sku.public_id, 900)
    Cart.objects.update(updated_at=datetime(2026, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidCart):
        services.add_to_cart(buyer, sku.public_id, 100)
    assert CartItem.objects.get().quantity == 900
    assert Cart.objects.get().updated_at == datetime(2026, 1, 1, tzinfo=UTC)  # not even touched
    services.add_to_cart(buyer, sku.public_id, 99)
    assert CartItem.objects.get().quantity == 999


def test_adding_answers_with_the_line_and_the_units_in_the_whole_cart(buyer):
    a, b = product_with_stock(), product_with_stock()
    assert services.add_to_cart_counted(buyer, a.public_id, 2)[1] == 2  # the first line makes the cart
    item, units = services.add_to_cart_counted(buyer, b.public_id, 3)
    assert (item.quantity, units) == (3, 5)
    item, units = services.add_to_cart_counted(buyer, a.public_id, 4)  # a line that grows counts once
    assert (item.quantity, units) == (6, 9)
    assert item.pk == CartItem.objects.get(sku=a).pk and item.cart_id == Cart.objects.get(buyer=buyer).pk
    other = make_buyer()
    assert services.add_to_cart_counted(other, a.public_id, 1)[1] == 1  # another buyer's cart is apart


def test_unpublished_unverified_held_and_unknown_skus_cannot_be_added_and_change_nothing(buyer):
    draft = make_product(make_seller(), status="draft").skus.get()
    unverified = make_product(make_seller()).skus.get()
    Seller.objects.filter(pk=unverified.product.seller_id).update(verification_status="pending")
    held = product_with_stock()
    Product.objects.filter(pk=held.product_id).update(held_from_buyers=True)
    for sku_id in (
        draft.public_id,
        unverified.public_id,
        held.public_id,
        "not-a-uuid",
        "7d8c1f6e-0000-4000-8000-000000000000",
    ):
        with pytest.raises(InvalidCart) as refused:
            services.add_to_cart(buyer, sku_id, 1)
        assert refused.value.message == "sku: no such product for sale."
    assert not Cart.objects.exists() and not CartItem.objects.exists()
    Product.objects.filter(pk=held.product_id).update(held_from_buyers=False)
    assert services.add_to_cart(buyer, held.public_id, 1).quantity == 1  # the same SKU, for sale again


def test_only_buyers_have_a_cart():
    seller = make_seller()
    sku = product_with_stock(seller)
    with pytest.raises(PermissionDenied):
        services.add_to_cart(owner_of(seller), sku.public_id, 1)


def test_cart_view_groups_per_seller_with_a_landed_estimate_each(buyer):
    a, b = make_seller(), make_seller()
    a1, a2 = product_with_stock(a), product_with_stock(a, price=Decimal("12.50"))
    b1 = product_with_stock(b, stock=1)
    services.add_to_cart(buyer, a1.public_id, 1)
    services.add_to_cart(buyer, a2.public_id, 2)
    services.add_to_cart(buyer, b1.public_id, 2)  # more than in stock: shown, not refused
    view = services.cart_view(buyer)
    assert [s.seller for s in view.sellers] == sorted([a, b], key=lambda s: s.pk)
    by_seller = {s.seller: s for s in view.sellers}
    assert [line.quantity for line in by_seller[a].lines] == [1, 2]
    assert by_seller[a].quote.allowed and by_seller[a].quote.currency == "CNY"
    assert by_seller[a].quote.goods_value.amount > Decimal("0")
    assert [line.available for line in by_seller[b].lines] == [False]
    assert view.total.amount == by_seller[a].quote.total.amount + by_seller[b].quote.total.amount
    assert view.annual_used.amount == Decimal("0")
