from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def _default_statements(sender, instance, created, raw=False, **kwargs):
    """A new school starts with the default statements, so its bank is never empty."""
    if created and not raw:
        from .pulse import ensure_statements

        ensure_statements(instance)


class ClimateConfig(AppConfig):
    name = "gespreid.climate"
    verbose_name = _("Klimaat")

    def ready(self):
        from gespreid.core.models import School

        from . import cards

        cards.register()
        post_save.connect(_default_statements, sender=School, dispatch_uid="climate_default_statements")
