from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gespreid.core"
    verbose_name = "Gespreid"

    def ready(self):
        from django.db.models import ForeignObject, IntegerField

        from . import cards
        from .params import BoundedIntegerIn, BoundedRelatedIn

        cards.register()
        # A 40-digit id in a multi-select field matches nothing instead of an OverflowError on SQLite.
        IntegerField.register_lookup(BoundedIntegerIn)
        ForeignObject.register_lookup(BoundedRelatedIn)
