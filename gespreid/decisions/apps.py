from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "gespreid.decisions"
    verbose_name = _("Samen besluiten")

    def ready(self):
        from . import cards

        cards.register()
