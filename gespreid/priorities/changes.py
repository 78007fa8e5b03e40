"""Writes to priorities and their required expertise: change + audit (+ notification) in one transaction."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gespreid.core import audit
from gespreid.core.notify import notify

from .models import Priority, Requirement

PRIORITY_FIELDS = ("title", "intended_result", "owner", "first_year", "last_year", "is_active")


@transaction.atomic
def save_priority(actor, school, data: dict, priority: Priority | None = None) -> Priority:
    created = priority is None
    old_owner = None if created else priority.owner_id
    priority = priority or Priority(school=school)
    for name in PRIORITY_FIELDS:
        setattr(priority, name, data[name])
    priority.save()
    audit.record(
        actor,
        "priorities.create" if created else "priorities.update",
        school=school,
        target=priority,
        summary=priority.title,
    )
    if priority.owner_id and priority.owner_id != old_owner and priority.owner_id != getattr(actor, "id", None):
        notify(
            school,
            [priority.owner],
            _("Je bent eigenaar van het speerpunt '%(title)s'.") % {"title": priority.title},
            reverse("priorities:priority-detail", args=[school.slug, priority.id]),
        )
    return priority


@transaction.atomic
def add_requirement(actor, priority: Priority, area, min_level: int, people_needed: int) -> Requirement:
    requirement = Requirement.objects.create(
        priority=priority, area=area, min_level=min_level, people_needed=people_needed
    )
    audit.record(
        actor,
        "priorities.requirement_add",
        school=priority.school,
        target=requirement,
        summary=f"{priority.title}: {area.name}",
    )
    return requirement


@transaction.atomic
def remove_requirement(actor, requirement: Requirement) -> None:
    priority = requirement.priority
    audit.record(
        actor,
        "priorities.requirement_remove",
        school=priority.school,
        target=requirement,
        summary=f"{priority.title}: {requirement.area.name}",
    )
    requirement.delete()
