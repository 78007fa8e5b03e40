"""Lesson visits: invite, accept, .ics (parsed back), reschedule, cancel, observe (autosave), reflect, share, reminders."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from gespreid.core.models import Notification
from gespreid.learning import visits
from gespreid.learning.models import Visit

S = Visit.Status


def url(name, school, *args):
    return reverse(f"learning:{name}", args=[school.slug, *args])


def _post_data(who, school, **extra):
    day = timezone.localdate() + timedelta(days=5)
    lf = school.kijkwijzers.first().look_fors.first()
    data = {
        "visitor": who.pk,
        "focus": "Hoe geef ik feedback die leerlingen gebruiken?",
        "look_fors": [lf.pk],
        "own_look_fors": "Leerlingen passen hun werk aan na feedback.",
        "m1_date": day.isoformat(),
        "m1_time": "10:30",
        "m1_group": "6",
        "m1_subject": "Taal",
        "m1_minutes": "45",
    }
    data.update(extra)
    return data


def _parse(data: bytes):
    cal = Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    return cal, event


def test_school_has_default_kijkwijzers(school):
    titles = list(school.kijkwijzers.values_list("title", flat=True))
    assert "Instructie" in titles and "Klassenklimaat" in titles and len(titles) == 5
    for kw in school.kijkwijzers.all():
        assert 3 <= kw.look_fors.count() <= 6


def test_create_visit_from_form(member_client, school, member, teacher_leader):
    page = member_client.get(url("visit-create", school))
    assert page.status_code == 200 and "geen beoordeling" in page.content.decode().lower()
    r = member_client.post(url("visit-create", school), _post_data(teacher_leader, school))
    visit = Visit.objects.get()
    assert r.status_code == 302 and r["Location"] == url("visit-detail", school, visit.pk)
    assert (visit.owner, visit.visitor, visit.status) == (member, teacher_leader, S.PROPOSED)
    assert visit.moments.count() == 1 and visit.look_fors.count() == 2
    assert Notification.objects.filter(user=teacher_leader).exists() and mail.outbox[0].to == [teacher_leader.email]


def test_the_visit_form_groups_colleagues_by_bouw_own_first_and_filters_by_bouw(
    member_client, school, member, teacher_leader, leader, make_member
):
    """Issue 20: a colleague from my own bouw is suggested first; ?bouw= narrows the list; my group is preset."""
    from gespreid.core.models import Membership

    Membership.objects.filter(user=member).update(bouw="bovenbouw", class_group="6/7")
    Membership.objects.filter(user=teacher_leader).update(bouw="middenbouw", class_group="5")
    bo = make_member(school, "Bea Boven", bouw="bovenbouw", class_group="8")
    html = member_client.get(url("visit-create", school)).content.decode()
    select = html.split('name="visitor"', 1)[1].split("</select>", 1)[0]
    assert select.index('label="Jouw bouw: Bovenbouw"') < select.index("Bea Boven · groep 8")
    assert select.index("Bea Boven") < select.index('label="Middenbouw"') < select.index("Tim Trekker · groep 5")
    assert select.index('label="Zonder bouw"') < select.index("Lea Leider")
    moment_group = html.split('name="m1_group"', 1)[1].split("</select>", 1)[0]
    assert '<option value="6" selected>' in moment_group
    only = member_client.get(url("visit-create", school) + "?bouw=middenbouw").content.decode()
    select = only.split('name="visitor"', 1)[1].split("</select>", 1)[0]
    assert "Tim Trekker" in select and "Bea Boven" not in select and "Lea Leider" not in select
    # The filtered form refuses a colleague outside the bouw it shows; the whole list still works.
    r = member_client.post(url("visit-create", school) + "?bouw=middenbouw", _post_data(bo, school))
    assert r.status_code == 400 and not Visit.objects.exists()
    assert member_client.get(url("visit-create", school) + "?bouw=%00").status_code == 200
    assert member_client.post(url("visit-create", school), _post_data(bo, school)).status_code == 302


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"m1_date": "2020-01-01"}, "in het verleden"),
        ({"focus": ""}, "Schrijf een focusvraag"),
        ({"visitor": "self"}, "Kies een collega van je eigen school."),
        ({"visitor": "outsider"}, "Kies een collega van je eigen school."),
        ({"look_fors": [], "own_look_fors": ""}, "Kies minstens één kijkpunt"),
        ({"m1_subject": ""}, ""),
        ({"m2_date": "2030-01-01"}, "datum, tijd, groep én vak"),
        ({"m1_group": "9"}, ""),
    ],
)
def test_bad_visit_input_writes_nothing(member_client, school, member, teacher_leader, outsider, extra, message):
    data = _post_data(teacher_leader, school, **extra)
    data["visitor"] = {"self": member.pk, "outsider": outsider.pk}.get(data["visitor"], data["visitor"])
    r = member_client.post(url("visit-create", school), data)
    assert r.status_code == 400 and message in r.content.decode()
    assert not Visit.objects.exists() and not Notification.objects.exists()


def test_domain_refuses_outsider_and_self(school, member, outsider, lr_moment):
    for person in (member, outsider):
        with pytest.raises(ValidationError):
            visits.create_visit(member, school, person, focus="x", moments=[lr_moment()], look_fors=[("a", None)])
    assert not Visit.objects.exists()


def test_accept_sends_ics_to_both_and_download_parses(
    tl_client, member_client, school, lr_visit, member, teacher_leader
):
    moment = lr_visit.moments.last()
    with pytest.raises(ValidationError):
        visits.accept(lr_visit, member, moment)  # the owner does not accept their own invitation
    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        r = tl_client.post(url("visit-accept", school, lr_visit.pk), {"moment": moment.pk, "word": "Leuk!"})
    assert r.status_code == 302
    lr_visit.refresh_from_db()
    assert lr_visit.status == S.PLANNED and lr_visit.moment == moment
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, teacher_leader.email])
    # Through the outbox, so a mail server that is down loses nothing: a row per person, with the .ics.
    from gespreid.core.models import OutboxMail

    rows = OutboxMail.objects.filter(kind="calendar")
    assert rows.count() == 2 and all(row.attachments[0]["name"].endswith(".ics") for row in rows)
    name, data, mimetype = mail.outbox[0].attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar; method=REQUEST")
    cal, event = _parse(data if isinstance(data, bytes) else data.encode())
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == lr_visit.ics_uid and int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == moment.starts_at
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    tz = next(iter(cal.walk("VTIMEZONE")))
    assert str(tz["TZID"]) == "Europe/Amsterdam"
    download = member_client.get(url("visit-ics", school, lr_visit.pk))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/calendar")
    _cal, ev = _parse(download.content)
    assert str(ev["UID"]) == lr_visit.ics_uid


def test_reschedule_raises_sequence_and_cancel_sends_method_cancel(member_client, school, lr_planned, member):
    from django.test import TestCase

    uid = lr_planned.ics_uid
    new = timezone.localtime() + timedelta(days=10)
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = member_client.post(
            url("visit-reschedule", school, lr_planned.pk), {"date": new.date().isoformat(), "time": "09:00"}
        )
    assert r.status_code == 302
    _cal, event = _parse(mail.outbox[-1].attachments[0][1])
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == 1
    assert timezone.localtime(event.decoded("DTSTART")).hour == 9
    # past date: refused, nothing changes
    member_client.post(url("visit-reschedule", school, lr_planned.pk), {"date": "2020-01-01", "time": "09:00"})
    lr_planned.refresh_from_db()
    assert lr_planned.ics_sequence == 1
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        member_client.post(url("visit-cancel", school, lr_planned.pk))
    lr_planned.refresh_from_db()
    assert lr_planned.status == S.CANCELLED and lr_planned.ics_sequence == 2
    cal, event = _parse(mail.outbox[-1].attachments[0][1])
    assert str(cal["METHOD"]) == "CANCEL" and str(event["UID"]) == uid and int(event["SEQUENCE"]) == 2
    assert str(event["STATUS"]) == "CANCELLED"
    cal, _e = _parse(member_client.get(url("visit-ics", school, lr_planned.pk)).content)
    assert str(cal["METHOD"]) == "CANCEL"


def test_decline_with_a_short_word(tl_client, school, lr_visit, member):
    tl_client.post(url("visit-decline", school, lr_visit.pk), {"word": "niet nu"})
    lr_visit.refresh_from_db()
    assert lr_visit.status == S.DECLINED and lr_visit.answer_word == "niet nu"
    assert "niet nu" in Notification.objects.filter(user=member).first().message


def _start(visit, days_ago=0):
    """Move the chosen moment into the past (the visit happened)."""
    visit.moment.starts_at = timezone.now() - timedelta(days=days_ago, hours=1)
    visit.moment.save()


def test_observation_autosaves_per_look_for_with_htmx(tl_client, member_client, school, lr_planned):
    lf = lr_planned.look_fors.first()
    page = tl_client.get(url("visit-observe", school, lr_planned.pk))
    content = page.content.decode()
    assert page.status_code == 200 and 'hx-post="' in content and "observe.js" in content
    assert "<script>" not in content and "style=" not in content
    r = tl_client.post(
        url("visit-observe-save", school, lr_planned.pk, lf.pk),
        {f"lf{lf.pk}-seen": "gezien", f"lf{lf.pk}-note": "Acht van de tien kinderen"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200 and "Opgeslagen" in r.content.decode() and "<form" not in r.content.decode()
    lf.refresh_from_db()
    assert (lf.seen, lf.note) == ("gezien", "Acht van de tien kinderen")
    # without JavaScript: a plain POST and a redirect back to the look-for
    r = tl_client.post(
        url("visit-observe-save", school, lr_planned.pk, lf.pk), {f"lf{lf.pk}-seen": "vraag", f"lf{lf.pk}-note": "x"}
    )
    assert r.status_code == 302 and r["Location"].endswith(f"#kijkpunt-{lf.pk}")
    # the owner does not fill in the visitor's observation
    assert member_client.get(url("visit-observe", school, lr_planned.pk)).status_code == 403
    assert (
        member_client.post(
            url("visit-observe-save", school, lr_planned.pk, lf.pk), {f"lf{lf.pk}-note": "y"}
        ).status_code
        == 403
    )


def test_bad_observation_value_is_refused(tl_client, school, lr_planned):
    lf = lr_planned.look_fors.first()
    r = tl_client.post(
        url("visit-observe-save", school, lr_planned.pk, lf.pk), {f"lf{lf.pk}-seen": "slecht"}, HTTP_HX_REQUEST="true"
    )
    assert "error" in r.content.decode()
    lf.refresh_from_db()
    assert lf.seen == ""


def test_reflect_after_the_visit_with_cycle_entry_and_takeaway(
    member_client, tl_client, school, year, lr_planned, member
):
    from gespreid.groups.models import Group, GroupMember

    r = member_client.post(url("visit-reflect", school, lr_planned.pk), {"learned": "te vroeg"})
    lr_planned.refresh_from_db()
    assert lr_planned.status == S.PLANNED  # not before the visit
    _start(lr_planned)
    plg = Group.objects.create(school=school, school_year=year, name="PLG feedback", kind="plg")
    GroupMember.objects.create(group=plg, user=member)
    r = member_client.post(url("visit-reflect", school, lr_planned.pk), {"learned": "", "will_try": ""})
    lr_planned.refresh_from_db()
    assert r.status_code == 302 and lr_planned.status == S.PLANNED  # empty reflection refused
    member_client.post(
        url("visit-reflect", school, lr_planned.pk),
        {"learned": "Wachttijd werkt.", "will_try": "Wisbordjes bij elke instructie.", "cycle_group": plg.pk},
    )
    lr_planned.refresh_from_db()
    assert lr_planned.status == S.REFLECTED and lr_planned.cycle_entry.group == plg
    assert "Wachttijd werkt." in lr_planned.cycle_entry.text
    tl_client.post(url("visit-takeaway", school, lr_planned.pk), {"takeaway": "Ik ga ook wachten."})
    lr_planned.refresh_from_db()
    assert lr_planned.takeaway == "Ik ga ook wachten."


def test_only_the_owner_shares_and_reflection_only_hides_observations(
    member_client, tl_client, third_client, school, lr_planned, member, teacher_leader
):
    _start(lr_planned)
    lf = lr_planned.look_fors.first()
    visits.save_observation(lr_planned, teacher_leader, lf, seen="gezien", note="GEHEIME-NOTITIE")
    visits.reflect(lr_planned, member, learned="LEERPUNT", will_try="")
    tl_client.post(url("visit-share", school, lr_planned.pk), {"scope": "team", "what": "reflectie"})
    lr_planned.refresh_from_db()
    assert lr_planned.shared_at is None  # the visitor cannot share
    member_client.post(url("visit-share", school, lr_planned.pk), {"scope": "team", "what": "reflectie"})
    shared = third_client.get(url("shared-list", school)).content.decode()
    assert "LEERPUNT" in shared and "GEHEIME-NOTITIE" not in shared
    member_client.post(url("visit-unshare", school, lr_planned.pk))
    assert "LEERPUNT" not in third_client.get(url("shared-list", school)).content.decode()


def test_group_share_is_seen_by_group_members_only(
    member_client, third_client, tl_client, school, year, lr_planned, member, third
):
    from gespreid.groups.models import Group, GroupMember

    _start(lr_planned)
    visits.reflect(lr_planned, member, learned="VOOR-DE-GROEP", will_try="")
    group = Group.objects.create(school=school, school_year=year, name="Leerteam")
    GroupMember.objects.create(group=group, user=third)
    member_client.post(
        url("visit-share", school, lr_planned.pk), {"scope": "groep", "group": group.pk, "what": "geheel"}
    )
    assert "VOOR-DE-GROEP" in third_client.get(url("shared-list", school)).content.decode()
    page = third_client.get(reverse("groups:group-detail", args=[school.slug, group.pk])).content.decode()
    assert "Gedeelde lesbezoeken" in page


def test_reminders_day_before_and_two_days_after_never_twice(school, lr_planned, member, teacher_leader):
    tomorrow = timezone.localtime() + timedelta(days=1)
    lr_planned.moment.starts_at = tomorrow
    lr_planned.moment.save()
    assert visits.send_reminders() == 1
    assert visits.send_reminders() == 0
    assert Notification.objects.filter(message__startswith="Morgen").count() == 2

    def at_noon(days_ago):  # a calendar day, whatever the time of day the test runs at
        day = timezone.localdate() - timedelta(days=days_ago)
        lr_planned.moment.starts_at = timezone.make_aware(datetime.combine(day, time(12, 0)))
        lr_planned.moment.save()

    at_noon(1)
    assert visits.send_reminders() == 0  # one day after: not yet
    at_noon(2)
    assert visits.send_reminders() == 1
    assert visits.send_reminders() == 0
    assert Notification.objects.filter(user=member, message__startswith="Hoe was").count() == 1


def test_leader_sees_only_a_count_of_visits(leader_client, school, lr_planned, year):
    _start(lr_planned)
    page = leader_client.get(url("home", school)).content.decode()
    assert "1 lesbezoek" in page and lr_planned.focus not in page
    assert visits.visits_this_year(school, year) == 1


def test_kijkwijzer_curation(leader_client, member_client, tl_client, school, teacher_leader):
    from gespreid.work.models import Role

    assert member_client.get(url("kijkwijzer-create", school)).status_code == 403
    assert Role.objects.filter(holder=teacher_leader).exists()  # the teacher leader holds a work role
    items = "Kinderen lezen hardop.\nDe leerkracht leest voor.\nEr is een leeshoek."
    r = tl_client.post(url("kijkwijzer-create", school), {"title": "Lezen", "items": items, "is_active": "on"})
    assert r.status_code == 302 and school.kijkwijzers.get(title="Lezen").look_fors.count() == 3
    r = leader_client.post(url("kijkwijzer-create", school), {"title": "Te kort", "items": "één"})
    assert r.status_code == 400 and "3 tot 6" in r.content.decode()
    kw = school.kijkwijzers.get(title="Lezen")
    leader_client.post(url("kijkwijzer-edit", school, kw.pk), {"title": "Lezen", "items": items + "\nNieuw punt."})
    kw.refresh_from_db()
    assert kw.look_fors.count() == 4 and not kw.is_active
    assert "Lezen" in member_client.get(url("kijkwijzer-list", school)).content.decode()


def test_the_calendar_mail_goes_through_the_outbox_whatever_the_mail_choice(
    lr_visit, tl_client, school, member, teacher_leader
):
    from gespreid.core.models import MailMode, MailPreference, OutboxMail

    MailPreference.objects.create(user=member, kind="learning", mode=MailMode.APP)
    mail.outbox.clear()
    moment = lr_visit.moments.last()
    assert tl_client.post(url("visit-accept", school, lr_visit.pk), {"moment": moment.pk}).status_code == 302
    rows = list(OutboxMail.objects.filter(kind="calendar").order_by("to"))
    assert sorted(r.to for r in rows) == sorted([member.email, teacher_leader.email])
    assert all(
        r.attachments[0]["name"].endswith(".ics") and "BEGIN:VCALENDAR" in r.attachments[0]["content"] for r in rows
    )
    sent = {m.to[0]: m for m in mail.outbox}
    assert sent[member.email].attachments[0][2].startswith("text/calendar; method=REQUEST")
