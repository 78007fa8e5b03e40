"""Coaching series and feedback requests: the writes (with notifications) and the .ics invitation."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.notify import notify

from .apps import MAIL_KIND
from .models import CoachingMeeting, CoachingSeries, FeedbackRequest


class CoachingError(Exception):
    pass


def _series_url(series):
    return reverse("development:series-detail", args=[series.school.slug, series.pk])


def may_coach(membership, holds_role: bool) -> bool:
    """A school leader coaches teacher leaders; a teacher leader (someone with a role) coaches colleagues."""
    return membership.is_leader or holds_role


def start_series(coach, school, coachee, title) -> CoachingSeries:
    if coachee.pk == coach.pk:
        raise CoachingError(_("Kies een collega: je kunt jezelf niet coachen in een reeks."))
    with transaction.atomic():
        series = CoachingSeries.objects.create(school=school, coach=coach, coachee=coachee, title=title)
        record(coach, "development.series_started", school=school, target=series, summary=f"{coach} ↔ {coachee}")
        notify(
            school,
            [coachee],
            _("%(name)s start een coachingsreeks met je: %(title)s.") % {"name": coach, "title": title},
            _series_url(series),
            kind=MAIL_KIND,
        )
    return series


def plan_meeting(actor, series, *, starts_at, minutes, place="") -> CoachingMeeting:
    if starts_at < timezone.now() - timedelta(days=1):
        raise CoachingError(_("Een gesprek plan je vooruit, niet in het verleden."))
    with transaction.atomic():
        meeting = CoachingMeeting.objects.create(series=series, starts_at=starts_at, minutes=minutes, place=place)
        notify(
            series.school,
            [series.other(actor)],
            _("Nieuw coachingsgesprek op %(when)s: %(title)s.")
            % {
                "when": formats.date_format(timezone.localtime(starts_at), "SHORT_DATETIME_FORMAT"),
                "title": series.title,
            },
            _series_url(series),
            kind=MAIL_KIND,
        )
    return meeting


def meeting_ics(meeting: CoachingMeeting) -> bytes:
    from icalendar import Calendar, Event, vCalAddress

    series = meeting.series
    cal = Calendar()
    cal.add("prodid", "-//Gespreid//coaching//NL")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"coaching-{meeting.pk}@gespreid")
    event.add("summary", _("Coachingsgesprek: %(title)s") % {"title": series.title})
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.minutes))
    event.add("dtstamp", timezone.now())
    if meeting.place:
        event.add("location", meeting.place)
    for person in (series.coach, series.coachee):
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = person.name or person.email
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical()


def ask_feedback(asker, school, leader, question) -> FeedbackRequest:
    with transaction.atomic():
        request = FeedbackRequest.objects.create(school=school, asker=asker, leader=leader, question=question)
        notify(
            school,
            [leader],
            _("%(name)s vraagt je om feedback.") % {"name": asker},
            reverse("development:feedback-detail", args=[school.slug, request.pk]),
            kind=MAIL_KIND,
        )
    return request


def give_feedback(leader, request: FeedbackRequest, answer: str) -> FeedbackRequest:
    if request.leader_id != leader.pk:
        raise CoachingError(_("Deze vraag is niet aan jou gesteld."))
    with transaction.atomic():
        request.answer, request.answered_at = answer, timezone.now()
        request.save(update_fields=["answer", "answered_at"])
        notify(
            request.school,
            [request.asker],
            _("%(name)s heeft je feedback gegeven.") % {"name": leader},
            reverse("development:feedback-detail", args=[request.school.slug, request.pk]),
            kind=MAIL_KIND,
        )
    return request
