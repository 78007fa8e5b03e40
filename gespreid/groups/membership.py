"""Who may do what in a group, and joining and leaving (state + audit + notification in one go)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gespreid.core import audit, notify, school_cache

from .apps import MAIL_KIND
from .models import GroupMember

_hours_guards: list = []


def register_hours_guard(func) -> None:
    """``func(group) -> check | None``, called before a group (its facilitated hours, lead or members) is saved;
    ``check(actor, reason)`` runs after the save in the same transaction and raises ValidationError (a message
    naming person and cause) to undo it. The work app registers its budget guard here: groups knows no budgets.
    ``reason`` is the leader's confirmation ("" when there is none, or the actor may not confirm)."""
    if func not in _hours_guards:
        _hours_guards.append(func)


def _start_guards(group) -> list:
    return [check for check in (guard(group) for guard in _hours_guards) if check is not None]


def _run_guards(checks, actor, reason: str) -> None:
    for check in checks:
        check(actor, reason)


def can_edit(membership, group) -> bool:
    """The school leader (or administrator) and the group's lead may edit the group."""
    return membership.can_manage or (group.lead_id is not None and group.lead_id == membership.user_id)


def is_member(user, group) -> bool:
    return group.memberships.filter(user=user).exists()


def can_contribute(membership, group, member: bool | None = None) -> bool:
    """Members, the lead and the school leader may add entries, meetings and actions."""
    if can_edit(membership, group):
        return True
    return is_member(membership.user, group) if member is None else member


def join(user, group) -> GroupMember:
    if not group.is_open:
        raise ValidationError(
            _("Deze groep is gesloten voor nieuwe leden. Vraag de trekker of de schoolleider of je erbij kunt.")
        )
    checks = _start_guards(group) if group.facilitated_hours else []
    with transaction.atomic():
        gm, created = GroupMember.objects.get_or_create(group=group, user=user)
        if created:
            try:  # a share of the group's facilitated hours may take the newcomer over their hours
                _run_guards(checks, user, "")
            except ValidationError as error:
                raise ValidationError(
                    _(
                        "Met je deel van de gefaciliteerde uren van ‘%(group)s’ kom je boven je uren. Vraag de "
                        "schoolleider of je mee kunt doen: die kan de uren aanpassen of het met een reden bevestigen."
                    )
                    % {"group": group.name}
                ) from error
            audit.record(user, "groups.join", school=group.school, target=group, summary=f"{user} → {group}")
            if group.lead_id and group.lead_id != user.pk:
                notify.notify(
                    group.school,
                    [group.lead],
                    _("%(name)s doet mee met %(group)s.") % {"name": user, "group": group},
                    reverse("groups:group-detail", args=[group.school.slug, group.pk]),
                    kind=MAIL_KIND,
                )
    return gm


def leave(user, group) -> bool:
    with transaction.atomic():
        deleted, _n = GroupMember.objects.filter(group=group, user=user).delete()
        if deleted:
            audit.record(user, "groups.leave", school=group.school, target=group, summary=f"{user} ← {group}")
    return bool(deleted)


def create_group(actor, group, members, *, over_reason: str = "") -> None:
    """A new group (``group`` unsaved, with its school and school year) and its members, audited.

    Refused (ValidationError, nothing saved) when its facilitated hours take someone over their budget,
    unless ``over_reason`` (the leader's) says why; the hours guard keeps that reason."""
    try:
        with transaction.atomic():
            checks = _start_guards(group)
            group.save()
            set_members(actor, group, members)
            _run_guards(checks, actor, over_reason.strip())
            audit.record(actor, "groups.create", school=group.school, target=group, summary=group.name)
    except ValidationError:
        group.pk = None  # the insert was rolled back
        raise


def update_group(actor, group, members, *, over_reason: str = "") -> None:
    """The lead or leader changed the group's details and member list (guarded like ``create_group``)."""
    with transaction.atomic():
        checks = _start_guards(group)
        group.save()
        set_members(actor, group, members)
        _run_guards(checks, actor, over_reason.strip())
        audit.record(actor, "groups.edit", school=group.school, target=group, summary=group.name)


def set_members(actor, group, users) -> None:
    """Replace the member list (used by the edit form of the leader or lead)."""
    wanted = {u.pk for u in users}
    with transaction.atomic():
        current = set(group.memberships.values_list("user_id", flat=True))
        group.memberships.filter(user_id__in=current - wanted).delete()
        GroupMember.objects.bulk_create([GroupMember(group=group, user_id=pk) for pk in wanted - current])
        if current != wanted:
            school_cache.school_changed(group.school_id)  # bulk_create sends no signal (groups.detail)
            audit.record(actor, "groups.members", school=group.school, target=group, summary=f"{len(wanted)} leden")
