from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "borderless.catalog"
    label = "catalog"
