from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "borderless.events"
    label = "events"
    verbose_name = "Events and outbox"
