"""Parts of a school's pages kept rendered, under a key that changes whenever the school's data does.

Every school has a ``version`` (``School.version``, a random token). It is read with the membership on
every request (``core.access.get_membership``), so it costs no query. Whatever changes a school's data
gives the school a new version:

- a model save or delete whose row belongs to a school (``post_save`` / ``post_delete`` / ``m2m_changed``,
  in the same transaction as the change; a person's own changes count for every school they are in);
- a request that may write (POST, PUT, PATCH, DELETE), after its response (``SchoolChangesMiddleware``):
  this covers the queryset ``update()`` and ``bulk_create()`` calls that send no signal;
- a scheduled job that did something for a school (``core.scheduler``).

A cached part is found under (school, version, name, language, today, what else it varies on), so an
old version's entry is never read again: nothing has to be deleted, and many processes or hosts with
their own cache stay correct. Keys always hold the school; a part that differs per person also holds the
person (``per_person``), one that differs per role the role. Only GET and HEAD requests read or fill the
cache; a request that writes renders afresh. A part must not hold a CSRF token (checked on every fill).
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

TIMEOUT = 15 * 60  # seconds; an entry of an old version is unreachable anyway, this only frees memory
SAFE_METHODS = ("GET", "HEAD")
# Rows that no cached part shows and that change often on their own (mail delivery, the audit trail
# written alongside every change that already counts).
NOT_SHOWN = {"core.outboxmail", "core.auditentry"}


def new_version() -> str:
    return uuid.uuid4().hex


def school_changed(*school_ids) -> None:
    """Give these schools a new version: every cached part of their pages is rendered afresh."""
    from .models import School

    ids = {pk for pk in school_ids if pk}
    if ids:
        School.objects.filter(pk__in=ids).update(version=new_version())


def key(school, name: str, *parts, person=None) -> str:
    """The cache key of part ``name`` of a page of ``school`` (see the module docstring)."""
    fields = ["school", str(school.pk), school.version, name, translation.get_language() or settings.LANGUAGE_CODE]
    fields.append(timezone.localdate().isoformat())
    if person is not None:
        fields.append(f"person{person.pk}")
    fields.extend(str(part) for part in parts)
    return ":".join(fields)


def remember(school, name: str, compute, *parts, person=None):
    """``compute()`` (anything that pickles), kept under ``key(school, name, *parts, person=person)``."""
    cache_key = key(school, name, *parts, person=person)
    missing = object()
    value = cache.get(cache_key, missing)
    if value is missing:
        value = compute()
        cache.set(cache_key, value, TIMEOUT)
    return value


def cached_value(request, name: str, compute, *parts, per_person: bool = False):
    """``remember`` for a part of ``request.school``'s page; fresh on a request that writes (its version
    was read before the write)."""
    if request.method not in SAFE_METHODS:
        return compute()
    return remember(request.school, name, compute, *parts, person=request.user if per_person else None)


def cached_html(request, name: str, render, *parts, per_person: bool = False) -> str:
    """``render()`` (a string of HTML) kept like ``cached_value``; it may not hold a CSRF token."""

    def checked():
        html = str(render())
        if "csrfmiddlewaretoken" in html:
            raise ImproperlyConfigured(f"Het deel {name!r} bevat een CSRF-token en mag niet bewaard worden.")
        return html

    return mark_safe(cached_value(request, name, checked, *parts, per_person=per_person))


# --- What changes a school's data -------------------------------------------------------------------------


def _foreign_keys(model):
    return [
        f
        for f in model._meta.get_fields()
        if (f.many_to_one or f.one_to_one) and f.concrete and f.related_model not in (None, "self")
    ]


def _paths_to_school(model, depth: int = 4) -> tuple[list, list]:
    """How a row of ``model`` reaches its school: (foreign keys to School, [(foreign key, lookup from the row
    it points at to the school id)]), the shortest chains of foreign keys first, at most ``depth`` steps."""
    from .models import School

    direct = [f for f in _foreign_keys(model) if f.related_model is School]
    if direct:
        return direct, []
    via = []
    for first in _foreign_keys(model):
        frontier = [(first.related_model, [])]
        for _step in range(depth - 1):
            found = [
                (first, "__".join([*path, f.name, "id"]))
                for parent, path in frontier
                for f in _foreign_keys(parent)
                if f.related_model is School
            ]
            if found:
                via.extend(found)
                break
            frontier = [
                (f.related_model, [*path, f.name])
                for parent, path in frontier
                for f in _foreign_keys(parent)
                if f.related_model is not parent
            ]
    return direct, via


_paths_by_model: dict = {}


def schools_of(instance) -> set[int]:
    """The schools whose pages may show ``instance``: through its foreign keys, however many steps away."""
    from django.contrib.auth import get_user_model

    from .models import Board, Membership, School

    model = type(instance)
    if model._meta.label_lower in NOT_SHOWN or model is School:
        return set()
    if model is get_user_model():
        return set(Membership.objects.filter(user_id=instance.pk).values_list("school_id", flat=True))
    if model is Membership:  # the header's school switch of the person's other schools, too
        return {instance.school_id} | set(
            Membership.objects.filter(user_id=instance.user_id).values_list("school_id", flat=True)
        )
    if model is Board:
        return set(School.objects.filter(board_id=instance.pk).values_list("pk", flat=True))
    if model not in _paths_by_model:
        _paths_by_model[model] = _paths_to_school(model)
    direct, via = _paths_by_model[model]
    if not (direct or via):  # a board's row (e.g. its CAO numbers) shows on every school of the board
        boards = [getattr(instance, f.attname) for f in _foreign_keys(model) if f.related_model is Board]
        return set(School.objects.filter(board_id__in=boards).values_list("pk", flat=True)) if boards else set()
    ids = {getattr(instance, field.attname) for field in direct}
    for field, lookup in via:
        parent_id = getattr(instance, field.attname)
        if parent_id is not None:
            rows = field.related_model._default_manager.filter(pk=parent_id).values_list(lookup, flat=True)
            ids.update(rows)
    return {pk for pk in ids if pk}


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loaddata
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and set(update_fields) <= {"last_login"}:  # signing in shows nowhere
        return
    school_changed(*schools_of(instance))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        school_changed(*schools_of(instance))


def _new_school_version(sender, instance, **kwargs):
    from .models import School

    if sender is School:  # the school's own name, slug or settings
        instance.version = new_version()


def connect() -> None:
    """Called once from CoreConfig.ready()."""
    post_save.connect(_changed, dispatch_uid="school_cache.saved")
    post_delete.connect(_changed, dispatch_uid="school_cache.deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="school_cache.m2m")
    pre_save.connect(_new_school_version, dispatch_uid="school_cache.school")


class SchoolChangesMiddleware:
    """After a request that may have written: a new version for its school, its board's schools, or the
    schools of the person who sent it (queryset updates send no signal)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            self.changed(request)
        return response

    @staticmethod
    def changed(request):
        from .models import Membership, School

        school = getattr(request, "school", None)
        if school is not None:
            school_changed(school.pk)
            return
        board = getattr(request, "board", None)
        if board is not None:
            school_changed(*School.objects.filter(board=board).values_list("pk", flat=True))
            return
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            school_changed(*Membership.objects.filter(user=user).values_list("school_id", flat=True))
