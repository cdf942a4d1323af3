"""The API root: one NinjaAPI under /api/v1, one router per domain."""

from csp.decorators import csp_update
from ninja import NinjaAPI

from borderless.api import (
    accounts,
    catalog,
    catalog_import,
    conversations,
    customs,
    logistics,
    notices,
    orders,
    payments,
    payouts,
    rate_cards,
    trade,
    trust,
)
from borderless.api.body import StrictJsonParser
from borderless.api.errors import install_error_handlers

# The interactive docs load Swagger UI from our own static files; Swagger UI sets inline styles.
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "img-src": ["data:"]})

api = NinjaAPI(
    title="Borderless API",
    version="1.0.0",
    description=(
        "Cross-border commerce for small exporters. Amounts are decimal strings with their currency. "
        "Authenticate with `Authorization: Bearer <token>` (POST /auth/tokens) or the web session cookie; "
        'every error is `{"error": {"code", "message", "details"}}`.'
    ),
    urls_namespace="api",
    docs_decorator=docs_csp,
    parser=StrictJsonParser(),
)
install_error_handlers(api)

api.add_router("/auth", accounts.auth_router)
api.add_router("/", catalog.public_router)
api.add_router("/", trade.router)
api.add_router("/seller", catalog.seller_router)
api.add_router("/seller", catalog_import.router)
api.add_router("/seller", accounts.seller_router)
api.add_router("/seller", rate_cards.seller_router)
api.add_router("/ops", accounts.ops_router)
api.add_router("/", payments.router)
api.add_router("/", orders.router)
api.add_router("/", customs.router)
api.add_router("/", payouts.router)
api.add_router("/seller", payouts.seller_router)
api.add_router("/ops", payouts.ops_router)
api.add_router("/", trust.router)
api.add_router("/ops", trust.ops_router)
api.add_router("/", notices.router)
api.add_router("/ops", notices.ops_router)
api.add_router("/", logistics.router)
api.add_router("/", conversations.router)
