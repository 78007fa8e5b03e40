from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "climate"


class ClimateConfig(AppConfig):
    name = "gespreid.climate"
    verbose_name = _("Klimaat")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox, registry

        outbox.register_kind(MAIL_KIND, gettext_lazy("Teamklimaat: peilingen en focuspunten"))
        from . import cards

        cards.register()
        registry.register_board_page(
            _("Klimaat van vertrouwen over de scholen"), "climate_board:board-overview", order=20
        )
