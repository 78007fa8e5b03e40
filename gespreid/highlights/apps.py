from django.apps import AppConfig


class HighlightsConfig(AppConfig):
    name = "gespreid.highlights"
