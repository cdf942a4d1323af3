from django.apps import AppConfig


class LogisticsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "borderless.logistics"
    verbose_name = "Logistics"

    def ready(self) -> None:
        # The event handlers (customs released an order: deliver it if its parcels have all arrived).
        from borderless.logistics import handlers  # noqa: F401
