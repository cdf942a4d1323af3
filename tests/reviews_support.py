"""Orders that reached a buyer, through the order services, for the review tests; and test photos."""

import io
from datetime import UTC, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from borderless.orders import services as orders
from borderless.orders.state import OrderStatus
from factories import ADDRESS, IDENTITY, make_product, make_seller

PLACED = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)


def delivered_order(buyer, product=None, *, status=OrderStatus.DELIVERED, quantity=1):
    """The buyer's order of the product (a new one of a new seller by default), taken as far as `status`."""
    product = product or make_product(make_seller())
    sku = product.skus.order_by("id").first()
    orders.add_to_cart(buyer, sku.public_id, quantity)
    result = orders.checkout(buyer, f"key-{sku.public_id}-{datetime.now().timestamp()}", ADDRESS, IDENTITY,
                             now=PLACED)  # fmt: skip
    order = result.orders[0]
    path = [OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED, OrderStatus.COMPLETED]
    steps = path[: path.index(status) + 1] if status in path else []
    for n, step in enumerate(steps, start=1):
        orders.transition(order, step, "system:test", now=PLACED + timedelta(days=n))
    return order, sku


def photo(name="photo.png", size=(64, 48), colour=(200, 30, 30), fmt="PNG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def not_an_image(megabytes: int = 10) -> SimpleUploadedFile:
    """A file named like a photo whose bytes are not one."""
    return SimpleUploadedFile("holiday.jpg", b"\x00not a jpeg" * (megabytes * 1024 * 1024 // 11 + 1),
                              content_type="image/jpeg")  # fmt: skip
