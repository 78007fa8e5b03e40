from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gespreid.privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from . import cards

        cards.register()
