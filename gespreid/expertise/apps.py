from django.apps import AppConfig

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "expertise"


class ExpertiseConfig(AppConfig):
    name = "gespreid.expertise"

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Expertise: rondes en profielen"))
        from . import cards

        cards.register()
