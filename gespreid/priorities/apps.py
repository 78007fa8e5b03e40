from django.apps import AppConfig

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "priorities"


class PrioritiesConfig(AppConfig):
    name = "gespreid.priorities"

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Speerpunten"))
        from . import cards

        cards.register()
