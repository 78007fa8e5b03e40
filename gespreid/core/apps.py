from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gespreid.core"
    verbose_name = "Gespreid"

    def ready(self):
        from . import cards

        cards.register()
