"""Caches keyed on version numbers that live in the school's database row.

A cached page part (the team table, the expertise matrix) is stored under a key that contains
the version counters of the school it shows (``School.team_version``, ``School.expertise_version``).
Every change raises the counter in the database, in the same transaction as the change, after it.
The counters arrive with the school that access already loads (one query for every school page),
so a cache per process (LocMem) stays correct across gunicorn workers and hosts: after a change
every process builds a new key and the stale entry is never looked up again (it ages out).
"""

from django.core.cache import cache
from django.db.models import F

CACHE_SECONDS = 60 * 60


def school_state_key(school, *version_fields: str) -> str:
    """Identifies one state of a school: id, created_at (guards against a reused id), the versions."""
    created = school.created_at.timestamp() if school.created_at else 0
    versions = ":".join(str(getattr(school, field)) for field in version_fields)
    return f"{school.pk}:{created}:{versions}"


def bump(version_field: str, school_ids) -> None:
    """Raise one version counter of these schools (one UPDATE)."""
    from .models import School

    ids = [pk for pk in set(school_ids) if pk is not None]
    if ids:
        School.objects.filter(pk__in=ids).update(**{version_field: F(version_field) + 1})


def get_or_build(key: str, build, seconds: int = CACHE_SECONDS):
    """The cached value for ``key``, or ``build()`` stored under it. ``build`` must not return None."""
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
