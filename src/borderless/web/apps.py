from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "borderless.web"
    label = "web"
