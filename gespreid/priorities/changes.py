"""Writes to priorities and their required expertise: change + audit (+ notification) in one transaction."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from gespreid.core import audit
from gespreid.core.notify import notify

from .apps import MAIL_KIND
from .models import GapRoute, Priority, Requirement, VacancyDraft

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
            kind=MAIL_KIND,
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


@transaction.atomic
def set_gap_route(actor, requirement, *, route, person=None, partner=None, partner_name="", note="") -> GapRoute:
    """Record the route for a gap (train whom / who shares with whom / hire); the trainee or sharer hears of it."""
    school = requirement.priority.school
    obj, _created = GapRoute.objects.update_or_create(
        requirement=requirement,
        defaults={
            "school": school,
            "route": route,
            "person": person if route != GapRoute.HIRE else None,
            "partner": partner if route == GapRoute.SHARE else None,
            "partner_name": partner_name[:150] if route == GapRoute.SHARE else "",
            "note": note[:300],
            "created_by": actor,
        },
    )
    audit.record(
        actor,
        "priorities.gap_route",
        school=school,
        target=obj,
        summary=f"{requirement.area.name}: {obj.get_route_display()} {person or ''}".strip(),
    )
    if obj.person_id and obj.person_id != getattr(actor, "id", None):
        text = {
            GapRoute.TRAIN: _("Voor het speerpunt '%(title)s' ga je groeien in %(area)s; zo is het afgesproken."),
            GapRoute.SHARE: _("Voor het speerpunt '%(title)s' deel je je expertise in %(area)s met een collega."),
        }[obj.route]
        notify(
            school,
            [obj.person],
            text % {"title": requirement.priority.title, "area": requirement.area.name},
            reverse("priorities:priority-detail", args=[school.slug, requirement.priority_id]),
            kind=MAIL_KIND,
        )
    return obj


@transaction.atomic
def clear_gap_route(actor, requirement) -> None:
    route = GapRoute.objects.filter(requirement=requirement).first()
    if route is not None:
        audit.record(actor, "priorities.gap_route_cleared", school=route.school, summary=requirement.area.name)
        route.delete()


@transaction.atomic
def save_vacancy_draft(actor, draft: VacancyDraft) -> VacancyDraft:
    draft.updated_by = actor
    draft.save()
    audit.record(actor, "priorities.vacancy_draft", school=draft.school, target=draft, summary=draft.function)
    return draft
