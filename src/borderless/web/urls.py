from django.urls import path

from borderless.web.account import views as account
from borderless.web.brand import notices as brand_notices
from borderless.web.brand import views as brand
from borderless.web.notifications import views as notifications
from borderless.web.ops import casework as ops_casework
from borderless.web.ops import conversations as ops_conversations
from borderless.web.ops import customs as ops_customs
from borderless.web.ops import insights as ops_insights
from borderless.web.ops import payout_accounts as ops_payout_accounts
from borderless.web.ops import trust as ops_trust
from borderless.web.ops import views as ops
from borderless.web.seller import imports as seller_imports
from borderless.web.seller import insights as seller_insights
from borderless.web.seller import messages as seller_messages
from borderless.web.seller import notices as seller_notices
from borderless.web.seller import orders as seller_orders
from borderless.web.seller import payout_account as seller_payout_account
from borderless.web.seller import translation as seller_translation
from borderless.web.seller import views as seller
from borderless.web.storefront import checkout as shop
from borderless.web.storefront import messages as shop_messages
from borderless.web.storefront import stripe_pay
from borderless.web.storefront import views as storefront

app_name = "web"

urlpatterns = [
    path("", storefront.home, name="home"),
    path("search/", storefront.search, name="search"),
    path("destination/", storefront.choose_destination, name="destination"),
    path("c/<slug:slug>/", storefront.category, name="category"),
    path("p/<uuid:public_id>/", storefront.product, name="product"),
    path("s/<uuid:public_id>/", storefront.seller, name="seller"),
    path("cart/", shop.cart, name="cart"),
    path("cart/add/", shop.cart_add, name="cart-add"),
    path("cart/update/", shop.cart_update, name="cart-update"),
    path("cart/remove/", shop.cart_remove, name="cart-remove"),
    path("checkout/", shop.checkout, name="checkout"),
    path("pay/sandbox/<uuid:payment_id>/", shop.pay_sandbox, name="pay-sandbox"),
    path("pay/sandbox/<uuid:payment_id>/complete/", shop.pay_sandbox_complete, name="pay-sandbox-complete"),
    path("checkout/<uuid:public_id>/pay/", shop.checkout_pay, name="checkout-pay"),
    path("pay/stripe/<uuid:payment_id>/", stripe_pay.pay, name="pay-stripe"),
    path("pay/stripe/<uuid:payment_id>/alipay/", stripe_pay.alipay, name="pay-stripe-alipay"),
    path("pay/stripe/<uuid:payment_id>/wechat/", stripe_pay.wechat, name="pay-stripe-wechat"),
    path("pay/stripe/<uuid:payment_id>/return/", stripe_pay.back, name="pay-stripe-return"),
    path("orders/", shop.order_list, name="orders"),
    path("orders/<uuid:public_id>/confirm/", shop.order_confirm, name="order-confirm"),
    path("orders/<uuid:public_id>/cancel/", shop.order_cancel, name="order-cancel"),
    path("orders/<uuid:public_id>/return/", shop.order_return, name="order-return"),
    path("p/<uuid:public_id>/ask/", shop_messages.ask_about_product, name="product-ask"),
    path("orders/<uuid:public_id>/contact/", shop_messages.ask_about_order, name="order-contact"),
    path("messages/", shop_messages.inbox, name="messages"),
    path("messages/<uuid:public_id>/", shop_messages.conversation, name="message"),
    path("messages/<uuid:public_id>/send/", shop_messages.send, name="message-send"),
    path("messages/files/<uuid:public_id>/", shop_messages.attachment, name="message-file"),
    path("seller/messages/", seller_messages.inbox, name="seller-messages"),
    path("seller/messages/<uuid:public_id>/", seller_messages.conversation, name="seller-message"),
    path("seller/messages/<uuid:public_id>/send/", seller_messages.send, name="seller-message-send"),
    path("ops/conversations/", ops_conversations.conversation_list, name="ops-conversations"),
    path("ops/conversations/<uuid:public_id>/", ops_conversations.conversation, name="ops-conversation"),
    path("ops/conversations/<uuid:public_id>/join/", ops_conversations.join, name="ops-conversation-join"),
    path("ops/conversations/<uuid:public_id>/send/", ops_conversations.send, name="ops-conversation-send"),
    path("notifications/", notifications.inbox, name="notifications"),
    path("notifications/read-all/", notifications.read_all, name="notifications-read-all"),
    path("notifications/<uuid:public_id>/read/", notifications.read, name="notification-read"),
    path("account/notifications/", notifications.preferences, name="notification-preferences"),
    path("seller/notifications/", notifications.seller_inbox, name="seller-notifications"),
    path(
        "seller/notifications/read-all/",
        notifications.seller_read_all,
        name="seller-notifications-read-all",
    ),
    path(
        "seller/notifications/<uuid:public_id>/read/",
        notifications.seller_read,
        name="seller-notification-read",
    ),
    path(
        "seller/notifications/preferences/",
        notifications.seller_preferences,
        name="seller-notification-preferences",
    ),
    path("login/", account.EmailLoginView.as_view(), name="login"),
    path("logout/", account.logout_view, name="logout"),
    path("signup/", account.signup, name="signup"),
    path("account/tokens/", account.account, name="account"),
    path("account/tokens/<uuid:public_id>/revoke/", account.revoke_token, name="token-revoke"),
    path("seller/", seller.dashboard, name="seller-dashboard"),
    path("seller/products/new/", seller.product_new, name="seller-product-new"),
    path("seller/products/<uuid:public_id>/", seller.product_edit, name="seller-product"),
    path("seller/products/<uuid:public_id>/status/", seller.product_status, name="seller-product-status"),
    path("seller/products/<uuid:public_id>/landed/", seller.product_landed, name="seller-product-landed"),
    path("seller/products/<uuid:public_id>/delete/", seller.product_delete, name="seller-product-delete"),
    path("seller/products/<uuid:public_id>/images/", seller.product_image, name="seller-product-image"),
    path(
        "seller/products/<uuid:public_id>/chinese/",
        seller_translation.review_chinese,
        name="seller-product-chinese",
    ),
    path(
        "seller/products/<uuid:public_id>/translation/",
        seller_translation.translation_panel,
        name="seller-product-translation",
    ),
    path("seller/orders/", seller_orders.order_list, name="seller-orders"),
    path("seller/payout-account/", seller_payout_account.status, name="seller-payout-account"),
    path("seller/payout-account/start/", seller_payout_account.start, name="seller-payout-account-start"),
    path("seller/payout-account/return/", seller_payout_account.back, name="seller-payout-account-return"),
    path(
        "seller/payout-account/refresh/", seller_payout_account.refresh, name="seller-payout-account-refresh"
    ),
    path("seller/statement.<str:fmt>", seller_orders.statement, name="seller-statement"),
    path("seller/orders/<uuid:public_id>/", seller_orders.order_detail, name="seller-order"),
    path("seller/orders/<uuid:public_id>/ship/", seller_orders.order_ship, name="seller-order-ship"),
    path(
        "seller/orders/<uuid:public_id>/<slug:kind>.pdf", seller_orders.order_paper, name="seller-order-paper"
    ),
    path("seller/insights/", seller_insights.insights, name="seller-insights"),
    path("seller/insights/<slug:chart>.csv", seller_insights.chart_csv, name="seller-insights-csv"),
    path("seller/tracking/", seller_orders.tracking_csv, name="seller-tracking"),
    path("seller/csv/", seller.csv_page, name="seller-csv"),
    path("seller/csv/export/", seller.csv_export, name="seller-csv-export"),
    path("seller/import/", seller_imports.storefront_import, name="seller-import"),
    path(
        "seller/products/<uuid:public_id>/hs-code/",
        seller_imports.product_hs_code,
        name="seller-product-hs-code",
    ),
    path("seller/members/", seller.members, name="seller-members"),
    path("seller/join/<str:token>/", seller.join, name="seller-join"),
    path("seller/profile/", seller.profile, name="seller-profile"),
    path("seller/rate-card/", seller.rate_card, name="seller-rate-card"),
    path("ops/sellers/", ops.sellers, name="ops-sellers"),
    path("ops/customs/", ops_customs.declarations, name="ops-customs"),
    path("ops/payout-accounts/", ops_payout_accounts.blocked, name="ops-payout-accounts"),
    path("ops/customs/<uuid:public_id>/", ops_customs.declaration, name="ops-declaration"),
    path("ops/customs/<uuid:public_id>/resend/", ops_customs.resend, name="ops-declaration-resend"),
    path("ops/customs/messages/<uuid:guid>.xml", ops_customs.message_xml, name="ops-customs-message"),
    path("ops/insights/", ops_insights.insights, name="ops-insights"),
    path("ops/insights/<slug:chart>.csv", ops_insights.chart_csv, name="ops-insights-csv"),
    path("ops/reports/impact/", ops_insights.impact_report, name="ops-impact-report"),
    path("ops/tracking/", ops.tracking_csv, name="ops-tracking"),
    path("ops/late-orders/", ops.late_orders, name="ops-late-orders"),
    path("ops/sellers/<uuid:public_id>/decide/", ops.decide, name="ops-seller-decide"),
    path("ops/brands/", ops_trust.brands, name="ops-brands"),
    path("ops/brands/<uuid:public_id>/decide/", ops_trust.brand_decide, name="ops-brand-decide"),
    path("ops/review/", ops_trust.review_queue, name="ops-review"),
    path("ops/review/<uuid:public_id>/decide/", ops_trust.review_decide, name="ops-review-decide"),
    path("brand/", brand.home, name="brand-home"),
    path("brand/notices/", brand_notices.notice_list, name="brand-notices"),
    path("brand/notices/new/", brand_notices.notice_new, name="brand-notice-new"),
    path("brand/notices/<uuid:public_id>/", brand_notices.notice_detail, name="brand-notice"),
    path("brand/cases/<uuid:public_id>/pursuit/", brand_notices.case_pursuit, name="brand-case-pursuit"),
    path("cases/<uuid:public_id>/evidence.zip", brand_notices.case_evidence, name="case-evidence"),
    path("casework/files/<uuid:public_id>/", brand_notices.evidence_file, name="casework-file"),
    path("seller/notices/", seller_notices.notice_list, name="seller-notices"),
    path("seller/notices/<uuid:public_id>/", seller_notices.notice_detail, name="seller-notice"),
    path("ops/casework/", ops_casework.casework, name="ops-casework"),
    path("ops/casework/cases/<uuid:public_id>/decide/", ops_casework.decide, name="ops-case-decide"),
    path(
        "ops/casework/notices/<uuid:public_id>/precheck/", ops_casework.precheck, name="ops-notice-precheck"
    ),
    path("brand/signup/", brand.signup, name="brand-signup"),
    path("brand/new/", brand.brand_new, name="brand-new"),
    path("brand/<uuid:public_id>/", brand.brand_detail, name="brand-detail"),
    path("brand/documents/<uuid:public_id>/", brand.document, name="brand-document"),
]
