"""The API root: one NinjaAPI under /api/v1, one router per domain."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Borderless API",
    version="1.0.0",
    description="Cross-border commerce for small exporters. Amounts are decimal strings with their currency.",
    urls_namespace="api",
)
