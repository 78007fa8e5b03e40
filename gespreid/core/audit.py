"""The audit log: who changed what and when, for important writes.

Labels: every action has a plain-language name. Core's are below; each app keeps its own in
``<app>/audit_labels.py`` (``LABELS = {"app.action": _("…")}``), found the way ``seed_demo`` finds
``demo.py``. A test fails when a recorded action has no label.

Privacy: ``record(..., hide_actor=True)`` when the person chose not to be named (an objection or a
response named only to the author): the entry keeps no actor at all, so the log cannot name them.
"""

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

# Plain-language names for the audit log page; apps may add theirs with register_action_label.
ACTION_LABELS = {
    "core.board_create": _("Bestuur aangemaakt"),
    "core.school_create": _("School toegevoegd"),
    "core.school_update": _("Schoolgegevens gewijzigd"),
    "core.year_prepare": _("Schooljaar klaargezet"),
    "core.member_update": _("Teamlid gewijzigd"),
    "core.member_deactivate": _("Uit het team gehaald"),
    "core.board_self_invite": _("Bestuursbeheerder nodigde zichzelf uit als schoolleider"),
    "accounts.invite": _("Uitgenodigd"),
    "accounts.invite_resend": _("Uitnodiging opnieuw verstuurd"),
    "accounts.invite_cancel": _("Uitnodiging ingetrokken"),
    "accounts.invite_accept": _("Uitnodiging aangenomen"),
    "accounts.team_import": _("Team ingelezen"),
    "accounts.sign_in_link": _("Schoolaccount gekoppeld"),
    "accounts.sign_in_method": _("Inlogdienst aangezet of gewijzigd"),
    "accounts.sign_in_method_delete": _("Inlogdienst uitgezet"),
}


def register_action_label(action: str, label) -> None:
    ACTION_LABELS[action] = label


@cache
def _app_labels() -> dict:
    labels = {}
    for app in settings.GESPREID_APPS:
        if find_spec(f"{app}.audit_labels") is not None:
            labels.update(import_module(f"{app}.audit_labels").LABELS)
    return labels


def all_labels() -> dict:
    return {**_app_labels(), **ACTION_LABELS}


def action_label(action: str):
    """The plain-language name; an action nobody named yet shows as its last part, never as a raw key."""
    label = ACTION_LABELS.get(action) or _app_labels().get(action)
    return label if label is not None else action.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def record(
    actor, action: str, *, school=None, board=None, target=None, summary: str = "", hide_actor: bool = False
) -> AuditEntry:
    """Record one write. Call it inside the same transaction as the change itself.

    ``hide_actor``: the person chose not to be named to the team or the leader; no actor is stored.
    """
    if board is None and school is not None:
        board = school.board
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) and not hide_actor else None,
        actor_hidden=hide_actor,
        action=action,
        school=school,
        board=board,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
    )
