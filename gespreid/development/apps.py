from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "development"


class DevelopmentConfig(AppConfig):
    name = "gespreid.development"
    verbose_name = _("Ontwikkeling")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox, registry

        outbox.register_kind(MAIL_KIND, gettext_lazy("Ontwikkeling: POP en coaching"))
        from . import cards

        cards.register()
        registry.register_board_page(_("Professionalisering: uren en budget"), "development-board:totals", order=30)
