from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "gespreid.work"

    def ready(self):
        from . import cards, facilitation_cards, positioning, signals  # noqa: F401  (cards, nav, signals)

        facilitation_cards.register()
