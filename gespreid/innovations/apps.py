from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "gespreid.innovations"
    verbose_name = _("Innovaties")

    def ready(self):
        from . import cards

        cards.register()
