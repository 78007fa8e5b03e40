from django.apps import AppConfig


class HighlightsConfig(AppConfig):
    name = "gespreid.highlights"

    def ready(self):
        from gespreid.core import background

        from . import cards, processing

        cards.register()
        background.register(processing.KIND, processing.process_job)  # films and large photos, in a worker
