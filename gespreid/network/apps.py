from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "network"


class NetworkConfig(AppConfig):
    name = "gespreid.network"
    verbose_name = _("Netwerk")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox, registry

        outbox.register_kind(MAIL_KIND, gettext_lazy("Netwerkvragen"))
        from . import cards

        cards.register()
        registry.register_board_page(_("Netwerken over de scholen"), "network-board:overview", order=10)
