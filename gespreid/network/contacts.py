"""The outside contacts directory: writes (with audit) and the lookups the expertise search and gap panels use."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch, Q

from gespreid.core import audit

from .models import OutsideContact

PANEL_ROWS = 8


def save_contact(actor, form) -> OutsideContact:
    """Create or update a contact from a valid ``ContactForm`` (its instance has the school set)."""
    creating = form.instance.pk is None
    with transaction.atomic():
        contact = form.save(commit=False)
        if creating:
            contact.added_by = actor
        contact.save()
        form.save_m2m()
        audit.record(
            actor,
            "network.contact_add" if creating else "network.contact_edit",
            school=contact.school,
            target=contact,
            summary=contact.name,
        )
    return contact


def delete_contact(actor, contact) -> None:
    with transaction.atomic():
        audit.record(actor, "network.contact_delete", school=contact.school, target=contact, summary=contact.name)
        contact.delete()


def listing(school):
    """Contacts with their areas and who in the team knows them (only people still in the team)."""
    team = get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
    return school.outside_contacts.prefetch_related("areas", Prefetch("known_by", queryset=team)).order_by("name")


def filtered(school, text: str = "", kind: str = "", area_key: str = ""):
    qs = listing(school)
    if kind:
        qs = qs.filter(kind=kind)
    if area_key:
        qs = qs.filter(areas__key=area_key)
    if text:
        qs = qs.filter(
            Q(name__icontains=text)
            | Q(notes__icontains=text)
            | Q(contact_person__icontains=text)
            | Q(areas__name__icontains=text)
        )
    return qs.distinct()


def for_areas(school, area_ids, limit: int = PANEL_ROWS) -> list[OutsideContact]:
    if not area_ids:
        return []
    return list(listing(school).filter(areas__in=list(area_ids)).distinct()[:limit])


def for_search(school, query, area_ids, limit: int = PANEL_ROWS) -> list[OutsideContact]:
    """'Wie weet iets van …?': contacts with a matching area, then contacts whose name or note matches."""
    from gespreid.expertise.search import text_matches

    found = for_areas(school, area_ids, limit)
    if query is None or query.is_empty or len(found) >= limit:
        return found
    seen = {c.pk for c in found}
    for contact in listing(school).exclude(pk__in=seen)[:500]:
        text = f"{contact.name} {contact.contact_person} {contact.notes} {contact.get_kind_display()}"
        if text_matches(query, text):
            found.append(contact)
            if len(found) >= limit:
                break
    return found
