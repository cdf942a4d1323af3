"""Who may call each operation of the OpenAPI document, declared once per operation.

An operation of the document missing here fails `test_every_operation_is_declared`. Path ids are filled from
the world (`fuzz_support.PATH_KINDS`); a body is made for the tenant whose objects are asked for, valid
enough that a refusal cannot hide behind a 422.
"""

import itertools
from datetime import date, timedelta

from access import SELLER, public, rule

from factories import ADDRESS, IDENTITY, PASSWORD

_serial = itertools.count(1)
ANY_USER = ("buyer", "seller_owner", "seller_staff", "brand_owner", "operator")
QUOTE = {"destination": "CN", "currency": "CNY", "freight": "50.00",
         "items": [{"hs_code": "1702.20", "unit_price": "300.00", "quantity": 1}]}  # fmt: skip
PRODUCT = {
    "category": "maple-syrup", "brand_name": "Sugarbush Farm", "hs_code": "1702.20",
    "title_en": "Vermont maple syrup, grade A amber, 500 ml", "description_en": "Boiled over wood fire.",
    "net_content": {"value": "500", "unit": "ml"}, "unit_weight_g": "720",
    "skus": [{"code": "MS-500", "price_usd": "18.50", "stock": 40}],
}  # fmt: skip


def _trademark() -> dict:
    expires = (date.today() + timedelta(days=3650)).isoformat()
    return {"office": "USPTO", "number": f"9{next(_serial):07d}", "classes": [18], "expires_on": expires}


def signup(t) -> dict:
    return {"email": f"matrix{next(_serial)}@example.com", "password": PASSWORD, "role": "buyer"}


API = {
    # accounts
    "POST /api/v1/auth/signup": public(method="POST", body=signup),
    "POST /api/v1/auth/tokens": public(
        method="POST", body=lambda t: {"email": t.users["buyer"].email, "password": PASSWORD}
    ),
    "GET /api/v1/auth/tokens": rule(*ANY_USER, anonymous="401"),
    "DELETE /api/v1/auth/tokens/{token_id}": rule(
        "buyer", method="DELETE", kind="token", anonymous="401", others="404"
    ),  # fmt: skip
    # the public catalogue, quotes and carriers
    "GET /api/v1/products": public(),
    "GET /api/v1/products/{product_id}": public(kind="product"),
    "GET /api/v1/categories": public(),
    "GET /api/v1/sellers/{seller_id}": public(kind="seller"),
    "POST /api/v1/quotes": public(method="POST", body=lambda t: QUOTE),
    "GET /api/v1/carriers": public(),
    # the seller's own listings, profile, members, rate card, balance and payouts
    "GET /api/v1/seller/products": rule(*SELLER, anonymous="401"),
    "POST /api/v1/seller/products": rule(*SELLER, method="POST", anonymous="401", body=lambda t: PRODUCT),
    "GET /api/v1/seller/products/{product_id}": rule(*SELLER, kind="draft", anonymous="401"),
    "PATCH /api/v1/seller/products/{product_id}": rule(
        *SELLER, method="PATCH", kind="draft", anonymous="401", body=lambda t: {"title_en": "A new title"}
    ),
    "DELETE /api/v1/seller/products/{product_id}": rule(
        *SELLER, method="DELETE", kind="draft", anonymous="401"
    ),
    "PUT /api/v1/seller/products/{product_id}/stock": rule(
        *SELLER, method="PUT", kind="draft", anonymous="401", body=lambda t: {}
    ),
    "POST /api/v1/seller/products/{product_id}/images": rule(
        *SELLER, method="POST", kind="draft", anonymous="401", body="image"
    ),
    "POST /api/v1/seller/hs-suggestions": rule(
        *SELLER, method="POST", anonymous="401", body=lambda t: {"title_en": "Maple syrup"}
    ),
    "GET /api/v1/seller/products/{product_id}/hs-suggestions": rule(*SELLER, kind="draft", anonymous="401"),
    "POST /api/v1/seller/product-imports": rule(*SELLER, method="POST", anonymous="401", body="import"),
    "GET /api/v1/seller/profile": rule(*SELLER, anonymous="401"),
    "PATCH /api/v1/seller/profile": rule(  # the owner's: staff list and sell, the owner speaks for the firm
        "seller_owner", method="PATCH", anonymous="401", body=lambda t: {"city": "Burlington"}
    ),
    "GET /api/v1/seller/members": rule(*SELLER, anonymous="401"),
    "GET /api/v1/seller/rate-card": rule(*SELLER, anonymous="401"),
    "PUT /api/v1/seller/rate-card": rule(
        *SELLER, method="PUT", anonymous="401", body=lambda t: {"brackets": []}
    ),
    "GET /api/v1/seller/balance": rule(*SELLER, anonymous="401"),
    "GET /api/v1/seller/payouts": rule(*SELLER, anonymous="401"),
    "GET /api/v1/seller/payouts/statement": rule(*SELLER, anonymous="401"),
    # operators
    "GET /api/v1/ops/sellers": rule("operator", anonymous="401"),
    "POST /api/v1/ops/sellers/{seller_id}/verify": rule(
        "operator", method="POST", kind="seller", anonymous="401", body=lambda t: {"note": "checked"}
    ),
    "POST /api/v1/ops/sellers/{seller_id}/reject": rule(
        "operator", method="POST", kind="seller", anonymous="401", body=lambda t: {"note": "no licence"}
    ),
    "GET /api/v1/ops/ledger/trial-balance": rule("operator", anonymous="401"),
    "POST /api/v1/ops/brands/{brand_id}/verify": rule(
        "operator", method="POST", kind="brand", anonymous="401", body=lambda t: {"note": ""}
    ),
    "POST /api/v1/ops/brands/{brand_id}/reject": rule(
        "operator", method="POST", kind="brand", anonymous="401", body=lambda t: {"note": "no trademark"}
    ),
    "GET /api/v1/ops/screenings": rule("operator", anonymous="401"),
    "POST /api/v1/ops/screenings/{screening_id}/decision": rule(
        "operator", method="POST", kind="screening", anonymous="401", body=lambda t: {"decision": "cleared"}
    ),
    "POST /api/v1/ops/cases/{case_id}/decision": rule(
        "operator", method="POST", kind="case", anonymous="401", body=lambda t: {"uphold": True}
    ),
    # a buyer's payments, cart, checkout and orders
    "POST /api/v1/payments": rule(
        "buyer",
        method="POST",
        kind="checkout",
        anonymous="401",
        others="404",
        body=lambda t: {"checkout": str(t.ids["checkout"])},
    ),
    "GET /api/v1/payments/{payment_id}": rule(
        "buyer", "operator", kind="payment", anonymous="401", others="404"
    ),
    "POST /api/v1/payments/{payment_id}/sandbox/complete": rule(
        "buyer",
        method="POST",
        kind="payment",
        anonymous="401",
        others="404",
        body=lambda t: {"outcome": "succeeded"},
    ),
    "POST /api/v1/payments/webhooks/sandbox": rule(method="POST", anonymous="400", others="400"),
    "POST /api/v1/payments/webhooks/stripe": rule(method="POST", anonymous="400", others="400"),
    "POST /api/v1/logistics/webhooks/carrier-events": rule(
        method="POST", anonymous="400", others="400", body=lambda t: {"events": []}
    ),
    "POST /api/v1/orders/{order_id}/refunds": rule(  # its buyer, its seller or an operator
        "buyer",
        *SELLER,
        "operator",
        method="POST",
        kind="order",
        anonymous="401",
        others="404",
        body=lambda t: {"amount": "1.00", "reason": "x"},
    ),
    "GET /api/v1/cart": rule("buyer", anonymous="401"),
    "POST /api/v1/cart/items": rule(
        "buyer",
        method="POST",
        kind="sku",
        shared=True,
        anonymous="401",
        body=lambda t: {"sku": str(t.ids["sku"])},
    ),
    "PUT /api/v1/cart/items/{sku_id}": rule(
        "buyer", method="PUT", kind="sku", shared=True, anonymous="401", body=lambda t: {"quantity": 1}
    ),
    "DELETE /api/v1/cart/items/{sku_id}": rule("buyer", method="DELETE", kind="sku", anonymous="401"),
    "POST /api/v1/checkout": rule(
        "buyer", method="POST", anonymous="401", body=lambda t: {"address": ADDRESS, "identity": IDENTITY}
    ),
    "GET /api/v1/checkouts/{checkout_id}": rule("buyer", kind="checkout", anonymous="401", others="404"),
    "GET /api/v1/orders": rule(*ANY_USER, anonymous="401"),  # a user's orders as a buyer (none for others)
    "GET /api/v1/orders/{order_id}": rule(
        "buyer", *SELLER, "operator", kind="order", anonymous="401", others="404"
    ),
    "POST /api/v1/orders/{order_id}/cancel": rule(
        "buyer", *SELLER, "operator", method="POST", kind="order", anonymous="401", others="404"
    ),
    "GET /api/v1/orders/{order_id}/customs": rule(
        "buyer", *SELLER, "operator", kind="order", anonymous="401", others="404"
    ),
    "POST /api/v1/orders/{order_id}/ship": rule(
        *SELLER,
        method="POST",
        kind="order",
        anonymous="401",
        others="404",
        body=lambda t: {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"},
    ),  # fmt: skip
    "POST /api/v1/orders/{order_id}/deliver": rule(
        *SELLER, "operator", method="POST", kind="order", anonymous="401", others="404"
    ),
    "POST /api/v1/orders/{order_id}/confirm-receipt": rule(
        "buyer", method="POST", kind="order", anonymous="401", others="404"
    ),
    "POST /api/v1/orders/{order_id}/returns": rule(  # the order's buyer
        "buyer",
        method="POST",
        kind="order",
        anonymous="401",
        others="404",
        body=lambda t: {"amount": "1.00", "reason": "x"},
    ),
    "GET /api/v1/orders/{order_id}/returns": rule(
        "buyer", *SELLER, "operator", kind="order", anonymous="401", others="404"
    ),
    # the brand registry and notice and takedown
    "POST /api/v1/brands": rule(
        "brand_owner",
        method="POST",
        anonymous="401",
        body=lambda t: {"name_en": f"Matrix {next(_serial)}", "trademarks": [_trademark()]},
    ),  # fmt: skip
    # owners read their own brands, operators every brand (they verify them); writes are the owners
    "GET /api/v1/brands": rule("brand_owner", "operator", anonymous="401"),
    "GET /api/v1/brands/{brand_id}": rule("brand_owner", "operator", kind="brand", anonymous="401"),
    "POST /api/v1/brands/{brand_id}/documents": rule(
        "brand_owner", method="POST", kind="brand", anonymous="401", body="document"
    ),
    "POST /api/v1/brands/{brand_id}/products": rule(
        "brand_owner", method="POST", kind="brand", anonymous="401", body="reference"
    ),
    "POST /api/v1/brands/{brand_id}/authorized-sellers": rule(
        "brand_owner",
        method="POST",
        kind="brand",
        anonymous="401",
        body=lambda t: {"seller_id": str(t.ids["seller"])},
    ),  # fmt: skip
    "POST /api/v1/notices": rule("brand_owner", method="POST", kind="brand", anonymous="401", body="notice"),
    "GET /api/v1/notices/{notice_id}": rule(
        "brand_owner", *SELLER, "operator", kind="notice", anonymous="401", others="404"
    ),
    "POST /api/v1/notices/{notice_id}/counter-notices": rule(
        *SELLER, method="POST", kind="notice", anonymous="401", body="counter"
    ),
    "POST /api/v1/cases/{case_id}/pursuit": rule(
        "brand_owner",
        method="POST",
        kind="case",
        anonymous="401",
        others="404",
        body=lambda t: {"kind": "complaint", "reference": "REF-1"},
    ),  # fmt: skip
    "GET /api/v1/cases/{case_id}/evidence": rule(
        "brand_owner", "operator", kind="case", anonymous="401", others="404"
    ),
    # customer service (客服): each side its own conversations, operators every one (they write once joined)
    "GET /api/v1/conversations": rule(*ANY_USER, anonymous="401"),
    "POST /api/v1/conversations": rule(
        "buyer", method="POST", anonymous="401", body=lambda t: {"product": str(t.ids["product"])}
    ),
    "GET /api/v1/conversations/{conversation_id}": rule(
        "buyer", *SELLER, "operator", kind="conversation", anonymous="401", others="404"
    ),
    "POST /api/v1/conversations/{conversation_id}/messages": rule(
        "buyer",
        *SELLER,
        "operator",
        method="POST",
        kind="conversation",
        anonymous="401",
        others="404",
        body=lambda t: {"text": "请问有货吗？"},
    ),  # fmt: skip
}
