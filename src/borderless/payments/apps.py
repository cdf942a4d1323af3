from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "borderless.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        # Registers the outbox handler that delivers the sandbox provider's signed webhooks.
        from borderless.payments import sandbox  # noqa: F401
