from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "borderless.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # The event handlers (an order paid, shipped, released, delivered, refunded; a message; a review
        # answered) and the outbox handler that sends an e-mail or an SMS.
        from borderless.notifications import channels, handlers  # noqa: F401
