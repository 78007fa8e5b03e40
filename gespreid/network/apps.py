from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "gespreid.network"
    verbose_name = _("Netwerk")

    def ready(self):
        from . import cards

        cards.register()
