from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "gespreid.work"

    def ready(self):
        from . import cards

        cards.register()
