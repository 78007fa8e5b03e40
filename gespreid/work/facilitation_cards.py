"""Home card (role announcements), panels (roles on a person's page, dagdelen on a group's page), team roles."""

from datetime import timedelta

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core.audit import register_action_label
from gespreid.core.registry import Card, Panel, register_card, register_nav, register_panel, register_team_roles

from . import positioning
from .models import AnnouncementStatus, RoleAnnouncement


def _waiting_for(request):
    return RoleAnnouncement.objects.filter(
        school=request.school, role__holder=request.user, status=AnnouncementStatus.WAITING
    )


def announcements_shows_if(request):
    return Exists(_waiting_for(request))


def announcements_school_shows_if(school):
    """Kept per school: true too long (past two weeks, until the school's data change) is allowed, never false."""
    return Exists(positioning.recent_announcements(school))


def announcements_changes_at(school, start, end):
    """An announcement leaves the card just after it is two weeks old (``positioning.CARD_DAYS``)."""
    age = timedelta(days=positioning.CARD_DAYS)
    sent = RoleAnnouncement.objects.filter(
        school=school, status=AnnouncementStatus.SENT, sent_at__gte=start - age, sent_at__lt=end - age
    )
    return [moment + age + timedelta(microseconds=1) for moment in sent.values_list("sent_at", flat=True).order_by()]


def announcements_card(request):
    """New roles in the team (two weeks) and, for a holder, the card waiting for their look (2 queries)."""
    recent = list(positioning.recent_announcements(request.school)[:5])
    waiting = list(_waiting_for(request).select_related("role"))
    if not recent and not waiting:
        return None
    return Card(
        _("Nieuw in het team: wie doet wat"),
        "work/cards/announcements.html",
        {"recent": recent, "waiting": waiting},
        url=reverse("work:role-list", args=[request.school.slug]),
    )


def person_roles_panel(request, person):
    roles = list(request.school.work_roles.filter(holder=person).order_by("-starts_on"))
    if not roles:
        return None
    return Panel("work/panels/person_roles.html", {"roles": roles, "person": person})


def group_dagdelen_panel(request, group):
    if not request.membership.can_manage:
        return None
    return Panel("work/panels/group_dagdelen.html", {"group": group, "count": group.planned_dagdelen.count()})


def register():
    for action, label in (
        ("work.dagdeel_planned", _("Dagdeel gepland")),
        ("work.dagdeel_removed", _("Dagdeel weggehaald")),
        ("work.announcement_written", _("Rolaankondiging geschreven")),
        ("work.announcement_sent", _("Rol aangekondigd aan het team")),
        ("work.announcement_changes", _("Aanpassing van rolaankondiging gevraagd")),
        ("work.calendar_feed_renewed", _("Agenda-adres gemaakt")),
        ("work.calendar_feed_revoked", _("Agenda-adres ingetrokken")),
    ):
        register_action_label(action, label)
    register_card(
        announcements_card,
        order=15,
        shows_if=announcements_shows_if,  # the card is asked when either is true
        school_shows_if=announcements_school_shows_if,
        changes_at=announcements_changes_at,
    )
    register_nav(_("Dagdelen"), "work:facilitation-calendar", order=505)
    register_panel("expertise.person", person_roles_panel, order=50)
    register_panel("groups.group", group_dagdelen_panel, order=50)
    register_team_roles(positioning.roles_by_user)
    from gespreid.groups.membership import register_hours_guard

    from . import facilitation

    register_hours_guard(facilitation.group_budget_guard)
