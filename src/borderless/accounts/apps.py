from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "borderless.accounts"
    label = "accounts"
