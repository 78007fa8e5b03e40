"""Demo data for positioning and facilitated time: an announced teacher-leader role and planned dagdelen."""

from datetime import timedelta

from django.utils import timezone

from . import facilitation
from .models import AnnouncementStatus, Dagdeel, RoleAnnouncement


def _weekday_after(day, weeks):
    day = day + timedelta(weeks=weeks)
    return day + timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday


def seed(school, year, demo) -> None:
    role = school.work_roles.filter(holder=demo.user("tl@demo.test"), title="Rekencoördinator").first()
    if role is None or RoleAnnouncement.objects.filter(role=role).exists():
        return
    leader = demo.user("leider@demo.test")
    RoleAnnouncement.objects.create(
        school=school,
        role=role,
        does=role.responsibilities,
        may_decide=role.authorities,
        when_to_go=role.when_to_ask,
        status=AnnouncementStatus.SENT,
        written_by=leader,
        sent_at=timezone.now() - timedelta(days=2),
    )
    # Eight of the twelve agreed dagdelen, every month on a Tuesday morning; one after school.
    for i in range(8):
        day = _weekday_after(year.starts_on, 4 + 4 * i)
        if not Dagdeel.objects.filter(user=role.holder, date=day).exists():
            facilitation.plan_dagdeel(
                leader,
                role,
                year,
                day=day,
                part="ochtend",
                during_school=(i != 3),
                over_budget_reason="Afgesproken in het jaargesprek",
            )
    group = school.work_groups.filter(school_year=year).exclude(lead=None).first()
    if group is not None:
        for i in range(3):
            day = _weekday_after(year.starts_on, 6 + 8 * i) + timedelta(days=2)  # a Thursday afternoon
            facilitation.plan_group_dagdelen(
                leader, group, day=day, part="middag", over_budget_reason="Afgesproken in het jaargesprek"
            )
