from django.apps import AppConfig


class PrioritiesConfig(AppConfig):
    name = "gespreid.priorities"

    def ready(self):
        from . import cards

        cards.register()
