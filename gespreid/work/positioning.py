"""Positioning a teacher leader: the leader's announcement of a role, seen by the holder before the team gets it.

Flow: the leader writes the card (what this colleague does, may decide, when to go to them) ->
the holder is told and reads it -> the holder agrees (the team is notified and sees a home card for
``CARD_DAYS``) or asks for a change (the leader is told, the card goes back to them).
Also: every person's roles for the team page and the person's page.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.notify import notify

from .apps import MAIL_KIND
from .models import AnnouncementStatus, Role, RoleAnnouncement

CARD_DAYS = 14


class AnnouncementError(Exception):
    pass


def _review_url(role):
    return reverse("work:announcement-review", args=[role.school.slug, role.pk])


def write_announcement(actor, role: Role, *, does: str, may_decide: str, when_to_go: str) -> RoleAnnouncement:
    """The leader writes (or rewrites) the card; the holder is asked to look at it first."""
    with transaction.atomic():
        announcement, _created = RoleAnnouncement.objects.select_for_update().get_or_create(
            role=role, defaults={"school": role.school, "does": does}
        )
        if announcement.status == AnnouncementStatus.SENT:
            raise AnnouncementError(_("Deze rol is al aangekondigd."))
        announcement.does, announcement.may_decide, announcement.when_to_go = does, may_decide, when_to_go
        announcement.status, announcement.holder_remark, announcement.written_by = AnnouncementStatus.WAITING, "", actor
        announcement.save()
        record(actor, "work.announcement_written", school=role.school, target=role, summary=role.title)
        if role.holder_id != actor.pk:
            notify(
                role.school,
                [role.holder],
                _("Lees de aankondiging van je rol ‘%(title)s’ voordat het team hem krijgt.") % {"title": role.title},
                _review_url(role),
                kind=MAIL_KIND,
            )
        else:  # announcing one's own role: nobody else to ask
            _send(actor, announcement)
    return announcement


def _send(actor, announcement: RoleAnnouncement):
    role = announcement.role
    announcement.status, announcement.sent_at = AnnouncementStatus.SENT, timezone.now()
    announcement.save(update_fields=["status", "sent_at", "updated_at"])
    team = [
        m.user
        for m in role.school.memberships.filter(is_active=True).exclude(user_id=role.holder_id).select_related("user")
    ]
    notify(
        role.school,
        team,
        _("%(name)s is %(title)s: lees wat deze collega doet en wanneer je bij hem of haar terechtkunt.")
        % {"name": role.holder, "title": role.title},
        reverse("work:role-list", args=[role.school.slug]) + f"#rol-{role.pk}",
        kind=MAIL_KIND,
    )
    record(actor, "work.announcement_sent", school=role.school, target=role, summary=f"{role.title}: {role.holder}")


def approve(actor, announcement: RoleAnnouncement) -> RoleAnnouncement:
    """The holder agrees with the card: it goes out to the team."""
    with transaction.atomic():
        announcement = (
            RoleAnnouncement.objects.select_for_update().select_related("role", "role__school").get(pk=announcement.pk)
        )
        if announcement.status != AnnouncementStatus.WAITING:
            raise AnnouncementError(_("Deze aankondiging wacht niet op jou."))
        _send(actor, announcement)
    return announcement


def request_change(actor, announcement: RoleAnnouncement, remark: str) -> RoleAnnouncement:
    """The holder asks the leader to change the card before it goes out."""
    with transaction.atomic():
        announcement = (
            RoleAnnouncement.objects.select_for_update().select_related("role", "role__school").get(pk=announcement.pk)
        )
        if announcement.status != AnnouncementStatus.WAITING:
            raise AnnouncementError(_("Deze aankondiging wacht niet op jou."))
        announcement.status, announcement.holder_remark = AnnouncementStatus.CHANGES, remark
        announcement.save(update_fields=["status", "holder_remark", "updated_at"])
        role = announcement.role
        record(actor, "work.announcement_changes", school=role.school, target=role, summary=remark[:200])
        if announcement.written_by_id:
            notify(
                role.school,
                [announcement.written_by],
                _("%(name)s vraagt een aanpassing in de aankondiging van ‘%(title)s’.")
                % {"name": actor, "title": role.title},
                reverse("work:role-announce", args=[role.school.slug, role.pk]),
                kind=MAIL_KIND,
            )
    return announcement


def recent_announcements(school, now=None):
    since = (now or timezone.now()) - timedelta(days=CARD_DAYS)
    return (
        RoleAnnouncement.objects.filter(school=school, status=AnnouncementStatus.SENT, sent_at__gte=since)
        .select_related("role", "role__holder")
        .order_by("-sent_at")
    )


# --- Roles per person (team page, person's page) -----------------------------------------------


def roles_by_user(school, on=None) -> dict[int, list[str]]:
    """Current role titles per user id (1 query). Registered with core for the team table."""
    on = on or timezone.localdate()
    out: dict[int, list[str]] = {}
    rows = (
        Role.objects.filter(school=school, starts_on__lte=on)
        .exclude(ends_on__lt=on)
        .order_by("title")
        .values_list("holder_id", "title")
    )
    for user_id, title in rows:
        out.setdefault(user_id, []).append(title)
    return out
