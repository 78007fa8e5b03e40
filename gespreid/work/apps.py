from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "gespreid.work"

    def ready(self):
        from gespreid.core import background

        from . import cards, facilitation_cards, planning

        cards.register()
        facilitation_cards.register()
        background.register("work.solve", planning.solve_job)  # the allocation solve runs in a worker
