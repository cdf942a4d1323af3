from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "borderless.conversations"
    label = "conversations"
    verbose_name = "Customer service (客服)"
