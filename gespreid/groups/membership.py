"""Who may do what in a group, and joining and leaving (state + audit + notification in one go)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gespreid.core import audit, notify

from .apps import MAIL_KIND
from .models import GroupMember


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
    with transaction.atomic():
        gm, created = GroupMember.objects.get_or_create(group=group, user=user)
        if created:
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


def create_group(actor, group, members) -> None:
    """A new group (``group`` unsaved, with its school and school year) and its members, audited."""
    with transaction.atomic():
        group.save()
        set_members(actor, group, members)
        audit.record(actor, "groups.create", school=group.school, target=group, summary=group.name)


def update_group(actor, group, members) -> None:
    """The lead or leader changed the group's details and member list."""
    with transaction.atomic():
        group.save()
        set_members(actor, group, members)
        audit.record(actor, "groups.edit", school=group.school, target=group, summary=group.name)


def set_members(actor, group, users) -> None:
    """Replace the member list (used by the edit form of the leader or lead)."""
    wanted = {u.pk for u in users}
    with transaction.atomic():
        current = set(group.memberships.values_list("user_id", flat=True))
        group.memberships.filter(user_id__in=current - wanted).delete()
        GroupMember.objects.bulk_create([GroupMember(group=group, user_id=pk) for pk in wanted - current])
        if current != wanted:
            audit.record(actor, "groups.members", school=group.school, target=group, summary=f"{len(wanted)} leden")
