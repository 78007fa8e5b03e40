from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "gespreid.learning"
    verbose_name = _("Leren van elkaar")

    def ready(self):
        from gespreid.core import outbox

        from . import cards

        cards.register()
        outbox.register_kind("learning.visit", _("Uitnodigingen voor lesbezoeken"))
