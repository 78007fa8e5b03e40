from django.apps import AppConfig

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "highlights"


class HighlightsConfig(AppConfig):
    name = "gespreid.highlights"

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Highlights: beoordelen en publiceren"))
        from gespreid.core import background

        from . import cards, processing

        cards.register()
        background.register(processing.KIND, processing.process_job)  # films and large photos, in a worker
