from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "borderless.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        # Registers the outbox handler that delivers the sandbox provider's signed webhooks, and the event
        # handlers (customs refused an order: refund it).
        from borderless.payments import handlers, sandbox  # noqa: F401
