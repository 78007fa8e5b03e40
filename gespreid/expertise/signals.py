import threading
from contextlib import contextmanager

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


_pending = threading.local()


def bump_expertise_version(school_ids) -> None:
    """The cached matrix (see expertise.matrix.cached_page) is keyed on ``School.expertise_version``.

    Saves and deletes of single rows raise it through the receivers below; every bulk write
    (bulk_create, QuerySet.update) must call this itself. Inside ``one_bump_at_the_end`` the schools
    are collected and raised once, as the transaction's last write.
    """
    pending = getattr(_pending, "ids", None)
    if pending is not None:
        pending.update(school_ids)
        return
    bump("expertise_version", school_ids)


@contextmanager
def one_bump_at_the_end():
    """Collect version bumps and raise each school's version once, as the last statement of the block.

    Profile writes lock the person's profile first and the school row last (one lock order: no
    deadlock between two saves of one person), and hold the school row only for the end of the
    transaction instead of from their first entry onwards.
    """
    if getattr(_pending, "ids", None) is not None:  # nested: the outer block bumps
        yield
        return
    _pending.ids = set()
    try:
        yield
        ids = _pending.ids
    finally:
        _pending.ids = None
    bump("expertise_version", ids)


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
