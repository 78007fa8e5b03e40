"""The audit log: who changed what and when, for important writes."""

from .models import AuditEntry


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
