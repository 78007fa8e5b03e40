from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "innovations"


class InnovationsConfig(AppConfig):
    name = "gespreid.innovations"
    verbose_name = _("Innovaties")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Vernieuwingen en afspraken"))
        from . import cards

        cards.register()
