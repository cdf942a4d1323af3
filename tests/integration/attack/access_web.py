"""Who may use each route of the web faces, declared once per URL pattern (the admin's as one family).

A pattern of the URL configuration missing here fails `test_every_route_is_declared`. Object ids are filled
from the world by `kind`; other parameters from `LITERALS`.
"""

from access import SELLER, public, rule

LITERALS = {"slug": "american-ginseng", "kind": "invoice", "fmt": "csv", "chart": "month", "token": "nope"}

WEB = {
    # storefront
    "": public(),
    "search/": public(),
    "destination/": public(method="POST"),
    "i18n/setlang/": public(method="POST"),
    "c/<slug:slug>/": public(),
    "p/<uuid:public_id>/": public(kind="product"),
    "s/<uuid:public_id>/": public(kind="seller"),
    "signup/": public(),
    "brand/signup/": public(),
    "login/": rule("anonymous", others="302"),
    "logout/": public(method="POST"),
    "seller/join/<str:token>/": rule(anonymous="404", others="404"),
    # a buyer's own cart, checkout, payments and orders
    "cart/": rule("buyer"),
    "cart/add/": rule("buyer", method="POST"),
    "cart/update/": rule("buyer", method="POST"),
    "cart/remove/": rule("buyer", method="POST"),
    "checkout/": rule("buyer"),
    "checkout/<uuid:public_id>/pay/": rule("buyer", method="POST", kind="checkout"),
    # Stripe pages: the matrix runs on the sandbox rails, where they answer 404 for every payment and seller.
    "pay/stripe/<uuid:payment_id>/": rule("buyer", kind="payment", buyer="404"),
    "pay/stripe/<uuid:payment_id>/alipay/": rule("buyer", kind="payment", buyer="404"),
    "pay/stripe/<uuid:payment_id>/return/": rule("buyer", kind="payment", buyer="404"),
    "pay/stripe/<uuid:payment_id>/wechat/": rule("buyer", kind="payment", buyer="404"),
    "ops/payout-accounts/": rule("operator"),
    "seller/payout-account/": rule(*SELLER, seller_owner="404", seller_staff="404"),
    "seller/payout-account/refresh/": rule(*SELLER, seller_owner="404", seller_staff="404"),
    "seller/payout-account/return/": rule(*SELLER, seller_owner="404", seller_staff="404"),
    "seller/payout-account/start/": rule(*SELLER, method="POST", seller_owner="404", seller_staff="404"),
    "seller/products/<uuid:public_id>/translation/": rule(*SELLER, kind="draft"),
    "pay/sandbox/<uuid:payment_id>/": rule("buyer", kind="payment"),
    "pay/sandbox/<uuid:payment_id>/complete/": rule("buyer", method="POST", kind="payment"),
    "orders/": rule("buyer"),
    "orders/<uuid:public_id>/confirm/": rule("buyer", method="POST", kind="order"),
    "orders/<uuid:public_id>/cancel/": rule("buyer", method="POST", kind="order"),
    "orders/<uuid:public_id>/return/": rule("buyer", method="POST", kind="order"),
    # customer service (客服): the buyer's conversations with sellers, the seller's inbox, the console's view
    "p/<uuid:public_id>/ask/": rule("buyer", method="POST", kind="product", shared=True),
    "orders/<uuid:public_id>/contact/": rule("buyer", method="POST", kind="order"),
    "messages/": rule("buyer"),
    "messages/<uuid:public_id>/": rule("buyer", kind="conversation"),
    "messages/<uuid:public_id>/send/": rule("buyer", method="POST", kind="conversation"),
    "messages/files/<uuid:public_id>/": rule("buyer", *SELLER, "operator", kind="attachment", others="404"),
    "seller/messages/": rule(*SELLER),
    "seller/messages/<uuid:public_id>/": rule(*SELLER, kind="conversation"),
    "seller/messages/<uuid:public_id>/send/": rule(*SELLER, method="POST", kind="conversation"),
    "ops/conversations/": rule("operator"),
    "ops/conversations/<uuid:public_id>/": rule("operator", kind="conversation"),
    "ops/conversations/<uuid:public_id>/join/": rule("operator", method="POST", kind="conversation"),
    "ops/conversations/<uuid:public_id>/send/": rule("operator", method="POST", kind="conversation"),
    # notices: a buyer's inbox and preferences, a seller member's own (never the owner's for the staff)
    "notifications/": rule("buyer"),
    "notifications/read-all/": rule("buyer", method="POST"),
    "notifications/<uuid:public_id>/read/": rule("buyer", method="POST", kind="notification"),
    "account/notifications/": rule("buyer"),
    "seller/notifications/": rule(*SELLER),
    "seller/notifications/read-all/": rule(*SELLER, method="POST"),
    "seller/notifications/<uuid:public_id>/read/": rule(
        *SELLER, method="POST", kind="seller_notification", seller_staff="404"
    ),
    "seller/notifications/preferences/": rule(*SELLER),
    # every signed-in user's API tokens; a token is revoked by its owner only (the world's is a buyer's)
    "account/tokens/": rule("buyer", "seller_owner", "seller_staff", "brand_owner", "operator"),
    "account/tokens/<uuid:public_id>/revoke/": rule(
        "buyer", method="POST", kind="token", others="unchanged", foreign="unchanged"
    ),
    # the seller centre: the owner and the staff of the seller, each seller its own objects only
    "seller/": rule(*SELLER),
    "seller/products/new/": rule(*SELLER),
    "seller/products/<uuid:public_id>/": rule(*SELLER, kind="draft"),
    "seller/products/<uuid:public_id>/status/": rule(*SELLER, method="POST", kind="draft"),
    "seller/products/<uuid:public_id>/landed/": rule(*SELLER, kind="draft"),
    "seller/products/<uuid:public_id>/delete/": rule(*SELLER, method="POST", kind="draft"),
    "seller/products/<uuid:public_id>/images/": rule(*SELLER, method="POST", kind="draft"),
    "seller/products/<uuid:public_id>/chinese/": rule(*SELLER, method="POST", kind="draft"),
    "seller/products/<uuid:public_id>/hs-code/": rule(*SELLER, method="POST", kind="draft"),
    "seller/orders/": rule(*SELLER),
    "seller/statement.<str:fmt>": rule(*SELLER),
    "seller/orders/<uuid:public_id>/": rule(*SELLER, kind="order"),
    "seller/orders/<uuid:public_id>/ship/": rule(*SELLER, method="POST", kind="order"),
    "seller/orders/<uuid:public_id>/<slug:kind>.pdf": rule(*SELLER, kind="order"),
    "seller/insights/": rule(*SELLER),
    "seller/insights/<slug:chart>.csv": rule(*SELLER),
    "seller/tracking/": rule(*SELLER),
    "seller/csv/": rule(*SELLER),
    "seller/csv/export/": rule(*SELLER),
    "seller/import/": rule(*SELLER),
    "seller/members/": rule(*SELLER),
    "seller/profile/": rule(*SELLER),
    "seller/rate-card/": rule(*SELLER),
    "seller/notices/": rule(*SELLER),
    "seller/notices/<uuid:public_id>/": rule(*SELLER, kind="notice"),
    # the brand portal: a brand owner's own brands, documents, notices and cases
    "brand/": rule("brand_owner"),
    "brand/new/": rule("brand_owner"),
    "brand/<uuid:public_id>/": rule("brand_owner", kind="brand"),
    "brand/notices/": rule("brand_owner"),
    "brand/notices/new/": rule("brand_owner"),
    "brand/notices/<uuid:public_id>/": rule("brand_owner", kind="notice"),
    "brand/cases/<uuid:public_id>/pursuit/": rule("brand_owner", method="POST", kind="case"),
    # private files (brand documents, notice evidence, case bundles): never a seller's to read
    "brand/documents/<uuid:public_id>/": rule("brand_owner", "operator", kind="document", others="404"),
    "casework/files/<uuid:public_id>/": rule("brand_owner", "operator", kind="evidence", others="404"),
    "cases/<uuid:public_id>/evidence.zip": rule("brand_owner", "operator", kind="case", others="404"),
    # the operations console
    "ops/sellers/": rule("operator"),
    "ops/sellers/<uuid:public_id>/decide/": rule("operator", method="POST", kind="seller"),
    "ops/customs/": rule("operator"),
    "ops/customs/<uuid:public_id>/": rule("operator", kind="declaration"),
    "ops/customs/<uuid:public_id>/resend/": rule("operator", method="POST", kind="declaration"),
    "ops/customs/messages/<uuid:guid>.xml": rule("operator", kind="message"),
    "ops/insights/": rule("operator"),
    "ops/insights/<slug:chart>.csv": rule("operator"),
    "ops/reports/impact/": rule(operator="400"),  # no period asked: the form says so
    "ops/tracking/": rule("operator"),
    "ops/late-orders/": rule("operator"),
    "ops/brands/": rule("operator"),
    "ops/brands/<uuid:public_id>/decide/": rule("operator", method="POST", kind="brand"),
    "ops/review/": rule("operator"),
    "ops/review/<uuid:public_id>/decide/": rule("operator", method="POST", kind="screening"),
    "ops/casework/": rule("operator"),
    "ops/casework/cases/<uuid:public_id>/decide/": rule("operator", method="POST", kind="case"),
    "ops/casework/notices/<uuid:public_id>/precheck/": rule("operator", method="POST", kind="notice"),
    # uploaded media: public files only; a path out of the media root is refused
    "^media/(?P<path>.*)$": rule(anonymous="400", others="400"),
}

# The admin: every pattern under admin/ is for operators (staff) only; the others are sent to its login.
ADMIN_PREFIX = "admin/"
ADMIN_OPEN = {"admin/login/", "admin/logout/", "admin/jsi18n/"}
