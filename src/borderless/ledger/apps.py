from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "borderless.ledger"
    label = "ledger"
    verbose_name = "Ledger"
