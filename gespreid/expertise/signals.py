from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gespreid.core.models import School
from gespreid.core.versioned_cache import bump

from .models import Area, Domain, ExpertiseEntry, Profile
from .taxonomy import install_default_taxonomy


@receiver(post_save, sender=School)
def give_new_school_the_taxonomy(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        install_default_taxonomy(instance)


def bump_expertise_version(school_ids) -> None:
    """The cached matrix (see expertise.matrix.cached_page) is keyed on ``School.expertise_version``.

    Saves and deletes of single rows raise it through the receivers below; every bulk write
    (bulk_create, QuerySet.update) must call this itself.
    """
    bump("expertise_version", school_ids)


@receiver(post_save, sender=ExpertiseEntry)
@receiver(post_delete, sender=ExpertiseEntry)
@receiver(post_save, sender=Area)
@receiver(post_delete, sender=Area)
@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
@receiver(post_save, sender=Profile)
@receiver(post_delete, sender=Profile)
def _expertise_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_expertise_version([instance.school_id])
