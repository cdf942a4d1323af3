from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "borderless.insights"
    label = "insights"
    verbose_name = "Insights"
