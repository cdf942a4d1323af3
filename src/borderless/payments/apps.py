from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "borderless.payments"
    label = "payments"
    verbose_name = "Payments"
