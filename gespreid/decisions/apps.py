from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "decisions"


class DecisionsConfig(AppConfig):
    name = "gespreid.decisions"
    verbose_name = _("Samen besluiten")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Besluiten: voorstellen, bezwaren en uitkomsten"))
        from . import cards

        cards.register()
