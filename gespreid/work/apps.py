from django.apps import AppConfig

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "work"


class WorkConfig(AppConfig):
    name = "gespreid.work"

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Taken en planning"))
        from gespreid.core import background

        from . import cards, facilitation_cards, planning

        cards.register()
        facilitation_cards.register()
        background.register("work.solve", planning.solve_job)  # the allocation solve runs in a worker
