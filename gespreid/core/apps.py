from django.apps import AppConfig

# The kind of message of this app's notifications: each person chooses per kind how mail comes (core.outbox).
MAIL_KIND = "core"


class CoreConfig(AppConfig):
    name = "gespreid.core"
    verbose_name = "Gespreid"

    def ready(self):
        from django.utils.translation import gettext_lazy

        from gespreid.core import outbox

        outbox.register_kind(MAIL_KIND, gettext_lazy("Team en school"))
        from django.db.models import ForeignObject, IntegerField

        from . import cards
        from .params import BoundedIntegerIn, BoundedRelatedIn

        cards.register()
        from . import school_cache

        school_cache.connect()
        # A 40-digit id in a multi-select field matches nothing instead of an OverflowError on SQLite.
        IntegerField.register_lookup(BoundedIntegerIn)
        ForeignObject.register_lookup(BoundedRelatedIn)
