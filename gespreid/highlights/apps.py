from django.apps import AppConfig


class HighlightsConfig(AppConfig):
    name = "gespreid.highlights"

    def ready(self):
        from . import cards

        cards.register()
