"""The audit log: who changed what and when, for important writes."""

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


def action_label(action: str):
    return ACTION_LABELS.get(action, action)


def record(actor, action: str, *, school=None, board=None, target=None, summary: str = "") -> AuditEntry:
    """Record one write. Call it inside the same transaction as the change itself."""
    if board is None and school is not None:
        board = school.board
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        school=school,
        board=board,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
    )
