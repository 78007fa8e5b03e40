"""A new school starts with the default kijkwijzers."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from gespreid.core.models import School


@receiver(post_save, sender=School, dispatch_uid="learning_default_kijkwijzers")
def give_default_kijkwijzers(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .kijkwijzers import ensure_defaults

        ensure_defaults(instance)
