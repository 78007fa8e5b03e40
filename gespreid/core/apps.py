from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gespreid.core"
    verbose_name = "Gespreid"

    def ready(self):
        from . import home_cards  # noqa: F401  (registers the core cards)
