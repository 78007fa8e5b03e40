from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClimateConfig(AppConfig):
    name = "gespreid.climate"
    verbose_name = _("Klimaat")

    def ready(self):
        from gespreid.core import registry

        from . import cards

        cards.register()
        registry.register_board_page(
            _("Klimaat van vertrouwen over de scholen"), "climate_board:board-overview", order=20
        )
