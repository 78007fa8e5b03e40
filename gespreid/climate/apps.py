from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "gespreid.climate"
    verbose_name = _("Klimaat")

    def ready(self):
        from . import cards

        cards.register()
