from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "borderless.payouts"
    label = "payouts"
    verbose_name = "Payouts"
