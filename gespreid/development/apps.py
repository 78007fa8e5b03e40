from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "gespreid.development"
    verbose_name = _("Ontwikkeling")

    def ready(self):
        from gespreid.core import registry

        from . import cards

        cards.register()
        registry.register_board_page(_("Professionalisering: uren en budget"), "development-board:totals", order=30)
