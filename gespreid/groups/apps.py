from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "groups"


class GroupsConfig(AppConfig):
    name = "gespreid.groups"
    verbose_name = _("Werkgroepen")

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Werkgroepen"))
        from gespreid.core import background

        from . import cards, processing

        cards.register()
        background.register(processing.KIND, processing.process_job)  # large photos, in a worker
