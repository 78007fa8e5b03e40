from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    name = "gespreid.expertise"

    def ready(self):
        from . import cards

        cards.register()
