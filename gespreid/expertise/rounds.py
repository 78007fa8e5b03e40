"""The inventory round: 'breng je expertise in beeld vóór …' for the whole team.

A school leader starts it (everyone is notified); ``manage.py run_scheduled`` sends one reminder,
REMINDER_DAYS before the deadline, to those who have not updated since the round started, and
closes the round after the deadline. Both jobs are idempotent: running them twice changes nothing.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gespreid.core import audit
from gespreid.core.models import Membership
from gespreid.core.notify import notify

from .apps import MAIL_KIND
from .models import InventoryRound, Profile

REMINDER_DAYS = 3


def open_round(school) -> InventoryRound | None:
    return school.inventory_rounds.filter(closed_at__isnull=True).select_related("school_year").first()


def _team(school):
    return [m.user for m in Membership.objects.filter(school=school, is_active=True).select_related("user")]


@transaction.atomic
def start_round(actor, school, year, deadline, message: str = "") -> InventoryRound:
    inventory = InventoryRound.objects.create(
        school=school,
        school_year=year,
        deadline=deadline,
        message=message[:300],
        started_by=actor,
        started_at=timezone.now(),
    )
    audit.record(actor, "expertise.round_start", school=school, target=inventory, summary=str(deadline))
    text = _("Breng je expertise in beeld vóór %(date)s.") % {"date": formats.date_format(deadline, "MONTH_DAY_FORMAT")}
    if message:
        text = f"{text} {message}"
    notify(
        school,
        _team(school),
        text,
        reverse("expertise:profile-mine", args=[school.slug]),
        email_subject=_("Breng je expertise in beeld"),
        kind=MAIL_KIND,
    )
    return inventory


@transaction.atomic
def close_round(actor, inventory: InventoryRound) -> InventoryRound:
    if inventory.closed_at is None:
        inventory.closed_at = timezone.now()
        inventory.save(update_fields=["closed_at"])
        audit.record(
            actor, "expertise.round_close", school=inventory.school, target=inventory, summary=str(inventory.deadline)
        )
    return inventory


def updated_user_ids(inventory: InventoryRound) -> set[int]:
    return set(
        Profile.objects.filter(school_year=inventory.school_year, updated_at__gte=inventory.started_at).values_list(
            "user_id", flat=True
        )
    )


@dataclass
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(inventory: InventoryRound) -> Progress:
    team = set(Membership.objects.filter(school=inventory.school, is_active=True).values_list("user_id", flat=True))
    return Progress(done=len(team & updated_user_ids(inventory)), total=len(team))


def send_reminders(today=None, school=None) -> int:
    """Job: one reminder per round, near the deadline, to people who have not updated. Returns how many were told."""
    today = today or timezone.localdate()
    told = 0
    due = InventoryRound.objects.filter(
        closed_at__isnull=True,
        reminder_sent_at__isnull=True,
        deadline__gte=today,
        deadline__lte=today + timedelta(days=REMINDER_DAYS),
    ).select_related("school", "school_year")
    if school is not None:
        due = due.filter(school=school)
    for inventory in due:
        with transaction.atomic():
            # Claim the reminder first: a second run (or a parallel one) finds nothing to claim.
            claimed = InventoryRound.objects.filter(pk=inventory.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            )
            if not claimed:
                continue
            done = updated_user_ids(inventory)
            people = [u for u in _team(inventory.school) if u.id not in done]
            if people:
                text = _("Herinnering: breng je expertise in beeld vóór %(date)s.") % {
                    "date": formats.date_format(inventory.deadline, "MONTH_DAY_FORMAT")
                }
                notify(
                    inventory.school,
                    people,
                    text,
                    reverse("expertise:profile-mine", args=[inventory.school.slug]),
                    email_subject=_("Herinnering: breng je expertise in beeld"),
                    kind=MAIL_KIND,
                )
            audit.record(
                None, "expertise.round_remind", school=inventory.school, target=inventory, summary=str(len(people))
            )
            told += len(people)
    return told


def close_due_rounds(today=None, school=None) -> int:
    """Job: close rounds whose deadline has passed. Returns how many were closed."""
    today = today or timezone.localdate()
    closed = 0
    due = InventoryRound.objects.filter(closed_at__isnull=True, deadline__lt=today).select_related("school")
    if school is not None:
        due = due.filter(school=school)
    for inventory in due:
        close_round(None, inventory)
        closed += 1
    return closed
