from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "borderless.customs"
    label = "customs"
    verbose_name = "China customs"

    def ready(self) -> None:
        # Registers the outbox handlers that send messages to the gateway and bring its receipts back, and
        # the event handlers (an order paid: declare it).
        from borderless.customs import delivery, handlers  # noqa: F401
