"""Calendar invitations for a planned lesson visit (.ics, RFC 5545 via icalendar).

One UID for the visit's whole life, SEQUENCE raised on every change (``Visit.ics_sequence``),
times in Europe/Amsterdam with its VTIMEZONE, METHOD:CANCEL when the visit is called off.
"""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

TZ = ZoneInfo("Europe/Amsterdam")


def _address(user, role):
    address = vCalAddress(f"mailto:{user.email}")
    address.params["cn"] = vText(user.name)
    address.params["role"] = vText(role)
    return address


def build(visit, *, cancel: bool = False) -> bytes:
    """The visit's calendar file: METHOD:REQUEST, or METHOD:CANCEL when called off."""
    moment = visit.moment
    cal = Calendar()
    cal.add("prodid", "-//Gespreid//Lesbezoek//NL")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", visit.ics_uid)
    event.add("sequence", visit.ics_sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", moment.starts_at.astimezone(TZ))
    event.add("dtend", moment.ends_at.astimezone(TZ))
    summary = _("Lesbezoek bij %(owner)s (groep %(group)s, %(subject)s)") % {
        "owner": visit.owner.name,
        "group": moment.class_group,
        "subject": moment.subject,
    }
    event.add("summary", summary)
    url = settings.SITE_URL + reverse("learning:visit-detail", args=[visit.school.slug, visit.pk])
    event.add(
        "description",
        _("Focusvraag: %(focus)s\n\nEen lesbezoek is geen beoordeling: je kijkt mee en leert samen.\n%(url)s")
        % {"focus": visit.focus, "url": url},
    )
    event.add("location", _("%(school)s, groep %(group)s") % {"school": visit.school.name, "group": moment.class_group})
    event.add("url", url)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", _address(visit.owner, "CHAIR"))
    event.add("attendee", _address(visit.owner, "REQ-PARTICIPANT"))
    event.add("attendee", _address(visit.visitor, "REQ-PARTICIPANT"))
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def filename(visit) -> str:
    return f"lesbezoek-{visit.pk}.ics"
