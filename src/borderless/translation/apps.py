from django.apps import AppConfig


class TranslationConfig(AppConfig):
    name = "borderless.translation"
    label = "translation"
