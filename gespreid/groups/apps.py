from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "gespreid.groups"
    verbose_name = _("Werkgroepen")

    def ready(self):
        from gespreid.core.registry import register_card, register_nav

        from .cards import my_groups_card

        register_card(my_groups_card, order=40)
        register_nav(_("Werkgroepen"), "groups:group-list", order=40)
