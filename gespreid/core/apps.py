from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gespreid.core"
    verbose_name = "Gespreid"

    def ready(self):
        from . import (
            home_cards,  # noqa: F401  (registers the core cards)
            team,
        )

        team.connect_user_signal()  # the Membership receivers register on import

        from . import outbox
        from .registry import register_job

        register_job("core.outbox", outbox.send_all_due)  # what a lost nudge or a retry left waiting
        register_job("core.digest", outbox.send_digests)  # once a day from DIGEST_HOUR
