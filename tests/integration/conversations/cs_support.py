import itertools

from borderless.orders import services as orders
from factories import ADDRESS, IDENTITY

_keys = itertools.count(1)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def place_order(buyer, product):
    orders.add_to_cart(buyer, product.skus.get().public_id, 1)
    return orders.checkout(buyer, f"cs-{next(_keys)}", ADDRESS, IDENTITY).orders[0]
