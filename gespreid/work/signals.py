from django.db.models.signals import post_save
from django.dispatch import receiver

from gespreid.core.models import School


@receiver(post_save, sender=School)
def give_new_school_the_default_tasks(sender, instance, created, raw=False, **kwargs):
    """New schools start with the common tasks (after expertise installed the areas the tasks refer to)."""
    if created and not raw:
        from .planning import install_default_tasks

        install_default_tasks(instance)
