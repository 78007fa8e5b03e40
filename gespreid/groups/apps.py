from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "gespreid.groups"
    verbose_name = _("Werkgroepen")

    def ready(self):
        from . import cards

        cards.register()
