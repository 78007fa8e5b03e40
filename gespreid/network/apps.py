from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gespreid.network"
    verbose_name = _("Netwerk")

    def ready(self):
        from gespreid.core import registry

        from . import cards

        cards.register()
        registry.register_board_page(_("Netwerken over de scholen"), "network-board:overview", order=10)
