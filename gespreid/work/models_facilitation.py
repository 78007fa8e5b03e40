"""Facilitated time and positioning: concrete dagdelen, role announcements and personal calendar feeds.

Imported at the end of ``work/models.py`` so Django finds these models in the work app.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayPart(models.TextChoices):
    MORNING = "ochtend", _("Ochtend")
    AFTERNOON = "middag", _("Middag")


class Dagdeel(models.Model):
    """One person's facilitated half-day, for a role or a group: the one source of their facilitated hours."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_dagdelen")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="work_dagdelen")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_dagdelen")
    role = models.ForeignKey(
        "work.Role", null=True, blank=True, on_delete=models.CASCADE, related_name="planned_dagdelen"
    )
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="planned_dagdelen"
    )
    date = models.DateField(_("datum"))
    part = models.CharField(_("dagdeel"), max_length=10, choices=DayPart.choices)
    during_school = models.BooleanField(_("onder schooltijd (uit de klas)"), default=True)
    note = models.CharField(_("waarvoor"), max_length=200, blank=True)
    over_budget_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "part"]
        constraints = [models.UniqueConstraint(fields=["user", "date", "part"], name="one_dagdeel_per_person_slot")]
        indexes = [models.Index(fields=["school_year", "date"])]
        verbose_name = _("dagdeel")
        verbose_name_plural = _("dagdelen")

    def __str__(self):
        return f"{self.user} {self.date} {self.part}"

    @property
    def purpose(self) -> str:
        return str(self.role or self.group or self.note)


class AnnouncementStatus(models.TextChoices):
    WAITING = "wacht", _("Wacht op de collega")
    CHANGES = "aanpassen", _("Collega vraagt een aanpassing")
    SENT = "verstuurd", _("Aangekondigd")


class RoleAnnouncement(models.Model):
    """The leader's card for the team about a role; the holder sees it before it goes out."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_announcements")
    role = models.OneToOneField("work.Role", on_delete=models.CASCADE, related_name="announcement")
    does = models.TextField(_("wat doet deze collega?"), max_length=2000)
    may_decide = models.TextField(_("wat mag deze collega beslissen?"), blank=True, max_length=2000)
    when_to_go = models.CharField(_("wanneer ga je naar deze collega?"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=AnnouncementStatus.choices, default=AnnouncementStatus.WAITING)
    holder_remark = models.CharField(_("opmerking"), max_length=500, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.role}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address for their planned dagdelen; a new token revokes the old one."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_calendar_feeds")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_calendar_feeds")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="one_calendar_feed_per_person")]

    def __str__(self):
        return f"{self.user} @ {self.school}"
