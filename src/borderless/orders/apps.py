from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "borderless.orders"
    label = "orders"
