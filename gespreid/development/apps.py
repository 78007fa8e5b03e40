from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevelopmentConfig(AppConfig):
    name = "gespreid.development"
    verbose_name = _("Ontwikkeling")

    def ready(self):
        from . import cards

        cards.register()
