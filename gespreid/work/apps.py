from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "gespreid.work"

    def ready(self):
        from . import cards, signals  # noqa: F401  (home cards, navigation, default tasks for new schools)
