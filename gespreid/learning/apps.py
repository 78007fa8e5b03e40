from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "learning"


class LearningConfig(AppConfig):
    name = "gespreid.learning"
    verbose_name = _("Leren van elkaar")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Leren van elkaar: lesbezoeken en vragen"))
        from . import cards

        cards.register()
