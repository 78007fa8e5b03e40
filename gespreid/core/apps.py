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

        from django.db.models import ForeignObject, IntegerField

        from .params import BoundedIntegerIn, BoundedRelatedIn

        # A 40-digit id in a multi-select field matches nothing instead of an OverflowError on SQLite.
        IntegerField.register_lookup(BoundedIntegerIn)
        ForeignObject.register_lookup(BoundedRelatedIn)
