from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "gespreid.learning"
    verbose_name = _("Leren van elkaar")

    def ready(self):
        from . import cards

        cards.register()
