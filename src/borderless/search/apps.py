from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "borderless.search"
    label = "search"
