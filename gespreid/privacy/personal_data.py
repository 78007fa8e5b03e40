"""A person's rights (AVG): everything we hold about them, erasing a leaver, and retention terms.

The functions find a person's rows themselves: every model of the project with a foreign key to the
user, and for erasure the path from that model to its school. ``rules.py`` says which rows are the
person's own (deleted when they leave) and which are the school's records (kept, anonymised).
"""

import io
import json
import uuid
import zipfile

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.models import AuditEntry, Membership, Notification, School

from . import rules
from .models import RetentionSetting

ANONYMOUS_NAME = "Voormalig teamlid"


class PrivacyError(Exception):
    pass


def user_fields(ours_only: bool = True) -> list:
    """(model, field) for every concrete foreign key to the user: from our models, or from every app's."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models():
        if (ours_only and not model.__module__.startswith("gespreid.")) or model is user_model:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                found.append((model, field))
    return found


def school_lookup(model, depth: int = 3) -> str | None:
    """The shortest path of foreign keys from ``model`` to School (``"round__proposal__school"``), if any."""
    paths = [(model, "")]
    for _step in range(depth):
        next_paths = []
        for current, path in paths:
            for field in current._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                lookup = f"{path}__{field.name}" if path else field.name
                if field.related_model is School:
                    return lookup
                next_paths.append((field.related_model, lookup))
        paths = next_paths
    return None


# Export ---------------------------------------------------------------------------------------------


def export_person(user) -> dict:
    """Everything Gespreid holds about ``user``, as JSON-ready data grouped by kind of data."""
    person = {
        "naam": user.name,
        "e-mailadres": user.email,
        "taal": user.language,
        "lid sinds": user.date_joined,
        "laatst ingelogd": user.last_login,
    }
    data = {"persoon": person, "gegevens": {}}
    for model, field in user_fields():
        if f"{model._meta.label_lower}.{field.name}" in rules.EXPORT_SKIP:
            continue
        rows = model._default_manager.filter(**{field.name: user})
        if not rows.exists():
            continue
        label = model._meta.label_lower
        serialized = serializers.serialize("python", rows)
        entry = data["gegevens"].setdefault(label, {"soort": str(model._meta.verbose_name_plural), "rijen": {}})
        for row in serialized:
            entry["rijen"].setdefault(str(row["pk"]), {"als": [], **row["fields"]})["als"].append(field.name)
        for child in rules.EXPORT_CHILDREN.get(label, ()):
            relation = model._meta.get_field(child)  # e.g. DevelopmentPlan.goals (Goal.plan)
            related = relation.related_model
            children = related._default_manager.filter(**{f"{relation.field.name}__in": rows})
            child_entry = data["gegevens"].setdefault(
                related._meta.label_lower, {"soort": str(related._meta.verbose_name_plural), "rijen": {}}
            )
            for row in serializers.serialize("python", children):
                child_entry["rijen"].setdefault(str(row["pk"]), {"als": [], **row["fields"]})["als"].append(label)
    for entry in data["gegevens"].values():
        entry["rijen"] = list(entry["rijen"].values())
    return data


def person_files(user) -> list[str]:
    names = []
    for label, (owner, _parent, fields) in rules.FILES.items():
        model = apps.get_model(label)
        for values in model._default_manager.filter(**{owner: user}).values_list(*fields):
            names.extend(name for name in values if name)
    return names


def export_zip(user, actor=None) -> bytes:
    """A zip with ``gegevens.json``, a readable ``index.html`` and the person's files; audited."""
    data = export_person(user)
    files = person_files(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gegevens.json", json.dumps(data, cls=DjangoJSONEncoder, indent=1, ensure_ascii=False))
        archive.writestr("index.html", render_to_string("privacy/export_index.html", {"data": data, "files": files}))
        for name in files:
            if default_storage.exists(name):
                with default_storage.open(name) as f:
                    archive.writestr(f"bestanden/{name}", f.read())
    with transaction.atomic():
        for membership in Membership.objects.filter(user=user).select_related("school"):
            record(actor or user, "privacy.export", school=membership.school, summary=_("Eigen gegevens gedownload"))
    return buffer.getvalue()


# Erasure --------------------------------------------------------------------------------------------


def erase_member(actor, membership) -> dict:
    """Erase a leaver from one school, on the school's request: their own data goes, records stay anonymous.

    Only for someone who is no longer in the team. When the person is in no other school and on no board,
    the account itself is anonymised; otherwise this school's records move to a new anonymous person and
    the account stays for the other schools. Returns the number of rows deleted and anonymised.
    """
    school, user = membership.school, membership.user
    if membership.is_active:
        raise PrivacyError(
            _("Haal %(name)s eerst uit het team; daarna kun je de gegevens wissen.") % {"name": user.name}
        )
    if user.pk == actor.pk:
        raise PrivacyError(_("Je kunt je eigen gegevens niet zo wissen."))
    elsewhere = (
        Membership.objects.filter(user=user).exclude(school=school).exists()
        or user.board_memberships.exists()
        or user.is_staff
    )
    name = user.name
    files: list[str] = []
    counts = {"gewist": 0, "geanonimiseerd": 0}
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        target = _anonymous_user() if elsewhere else user
        for model, field in user_fields():
            lookup = school_lookup(model)
            if lookup is None:
                continue  # not school data (another school's or the account's own): handled below
            rows = model._default_manager.filter(**{field.name: user, lookup: school})
            label = model._meta.label_lower
            if label in rules.PERSONAL or f"{label}.{field.name}" in rules.PERSONAL:
                files += _files_of(label, rows)
                counts["gewist"] += rows.count()
                rows.delete()
            elif target.pk != user.pk:
                counts["geanonimiseerd"] += rows.update(**{field.name: target})
        _scrub_names(school, name)
        Membership.objects.filter(pk=membership.pk).delete()
        if not elsewhere:
            _anonymise_account(user)
        record(actor, "privacy.erase", school=school, summary=_("Gegevens van een voormalig teamlid gewist"))
        transaction.on_commit(lambda: _delete_files(files))
    return counts


def _anonymous_user():
    return get_user_model().objects.create(
        email=f"verwijderd-{uuid.uuid4().hex}@gespreid.invalid", name=ANONYMOUS_NAME, is_active=False, password="!"
    )


def _anonymise_account(user):
    """The account keeps only what the school's records need to point at: an anonymous name."""
    for model, field in user_fields(ours_only=False):  # sign-in methods, second factors, admin history
        if school_lookup(model) is None and field.remote_field.on_delete.__name__ == "CASCADE":
            model._default_manager.filter(**{field.name: user}).delete()
    user.name = ANONYMOUS_NAME
    user.email = f"verwijderd-{uuid.uuid4().hex}@gespreid.invalid"
    user.set_unusable_password()
    user.is_active = False
    user.last_login = None
    user.save()


def _scrub_names(school, name: str):
    """Audit summaries and notifications of this school that mention the person by name."""
    if not name:
        return
    for model, field in ((AuditEntry, "summary"), (Notification, "message")):
        for row in model.objects.filter(school=school, **{f"{field}__contains": name}):
            setattr(row, field, getattr(row, field).replace(name, ANONYMOUS_NAME.lower()))
            row.save(update_fields=[field])


def _files_of(label: str, rows) -> list[str]:
    names = []
    for file_label, (_owner, parent, fields) in rules.FILES.items():
        model = apps.get_model(file_label)
        if parent and model._meta.get_field(parent).related_model._meta.label_lower == label:
            source = model._default_manager.filter(**{f"{parent}__in": rows})
        elif not parent and file_label == label:
            source = rows
        else:
            continue
        for values in source.values_list(*fields):
            names.extend(n for n in values if n)
    return names


def _delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            pass


# Retention ------------------------------------------------------------------------------------------


def terms(school) -> list[dict]:
    """The school's retention term per kind of data (its own choice or the default), one row per key."""
    chosen = dict(RetentionSetting.objects.filter(school=school).values_list("key", "months"))
    rows, seen = [], set()
    for rule in rules.RETENTION:
        if rule.key in seen:
            continue
        seen.add(rule.key)
        rows.append({"rule": rule, "months": chosen.get(rule.key, rule.months), "default": rule.months})
    return rows


def set_terms(actor, school, months_by_key: dict) -> None:
    with transaction.atomic():
        for key, months in months_by_key.items():
            RetentionSetting.objects.update_or_create(school=school, key=key, defaults={"months": months})
        record(actor, "privacy.retention", school=school, summary=_("Bewaartermijnen aangepast"))


def apply_retention(now=None, school=None) -> str:
    """The scheduled job: per school, delete what is older than its term. Returns a short report.

    ``run_scheduled`` calls it once per school (``school=``), each run on its own."""
    now = now or timezone.now()
    deleted = 0
    chosen = {(s, k): m for s, k, m in RetentionSetting.objects.values_list("school_id", "key", "months")}
    school_ids = [school.pk] if school is not None else School.objects.values_list("id", flat=True)
    for school_id in school_ids:
        for rule in rules.RETENTION:
            months = chosen.get((school_id, rule.key), rule.months)
            model = apps.get_model(rule.model)
            field = model._meta.get_field(rule.date_field.split("__")[0])
            limit = rules.cutoff(now, months)
            if rule.date_field.endswith("ends_on") or field.get_internal_type() == "DateField":
                limit = limit.date()
            rows = model._default_manager.filter(
                Q(**{rule.school_lookup: school_id}), Q(**{f"{rule.date_field}__lt": limit}), **rule.extra
            )
            with transaction.atomic():
                files = _files_of(model._meta.label_lower, rows)
                deleted += rows.delete()[0]
                transaction.on_commit(lambda files=files: _delete_files(files))
    return f"{deleted} rijen verwijderd"
