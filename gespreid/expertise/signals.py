from django.db.models.signals import post_save
from django.dispatch import receiver

from gespreid.core.models import School

from .taxonomy import install_default_taxonomy


@receiver(post_save, sender=School)
def give_new_school_the_taxonomy(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        install_default_taxonomy(instance)
