from django.apps import AppConfig


class FleetConfig(AppConfig):
    name = "borderless.fleet"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from borderless.fleet import checks  # noqa: F401  (registers the start-up checks)
