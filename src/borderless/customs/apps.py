from django.apps import AppConfig


class CustomsConfig(AppConfig):
    name = "borderless.customs"
    label = "customs"
    verbose_name = "China customs"

    def ready(self) -> None:
        # Registers the outbox handlers that send messages to the gateway and bring its receipts back.
        from borderless.customs import delivery  # noqa: F401
