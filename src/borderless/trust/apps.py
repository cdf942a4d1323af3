from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "borderless.trust"
    label = "trust"
    verbose_name = "Brand protection"
