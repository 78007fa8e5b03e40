import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.climate import pulse
from gespreid.climate.models import ClimateSettings, FocusPoint, Kind, Participation, Round, Statement
from gespreid.core.models import Notification

from .conftest import answer_all, form_data, logged_in


def url(name, school, *args):
    return reverse(f"climate:{name}", args=[school.slug, *args])


def round_post(school, **extra):
    today = timezone.localdate()
    statements = school.climate_statements.filter(kind=extra.pop("kind", Kind.PULSE), is_active=True)
    data = {
        "soort": "team",
        "title": "Puls",
        "opens_on": today.isoformat(),
        "closes_on": (today + timedelta(days=7)).isoformat(),
        "statements": [s.pk for s in statements],
    }
    data.update(extra)
    return data


# Statements and creating rounds ---------------------------------------------------------------


def test_new_school_has_eight_pulse_and_five_leader_statements(school):
    assert school.climate_statements.filter(kind=Kind.PULSE).count() == 8
    assert school.climate_statements.filter(kind=Kind.LEADER).count() == 5


def test_leader_opens_pulse_and_team_is_notified(leader_client, school, member, teacher_leader):
    response = leader_client.post(url("round-create", school), round_post(school))
    assert response.status_code == 302
    round_ = Round.objects.get(title="Puls")
    assert round_.statements.count() == 8 and round_.kind == Kind.PULSE
    assert set(Notification.objects.filter(url__contains=f"/rondes/{round_.pk}/").values_list("user", flat=True)) == {
        member.pk,
        teacher_leader.pk,
    }


def test_member_may_not_open_a_pulse(member_client, school):
    assert member_client.get(url("round-create", school)).status_code == 403
    assert member_client.post(url("round-create", school), round_post(school)).status_code == 403
    assert not Round.objects.exists()


def test_named_colleague_may_open_a_pulse(tl_client, school, teacher_leader):
    ClimateSettings.objects.create(school=school, coordinator=teacher_leader)
    assert tl_client.post(url("round-create", school), round_post(school)).status_code == 302


def test_round_without_statements_is_a_dutch_error(leader_client, school):
    response = leader_client.post(url("round-create", school), round_post(school, statements=[]))
    assert response.status_code == 200
    assert "zonder stellingen kan niet" in response.content.decode()
    assert not Round.objects.exists()


def test_closing_before_opening_is_a_dutch_error(leader_client, school):
    today = timezone.localdate()
    data = round_post(school, opens_on=(today + timedelta(days=5)).isoformat(), closes_on=today.isoformat())
    response = leader_client.post(url("round-create", school), data)
    assert "sluitdatum ligt voor de openingsdatum" in response.content.decode()
    assert not Round.objects.exists()


def test_bad_dates_are_not_a_500(leader_client, school):
    response = leader_client.post(url("round-create", school), round_post(school, opens_on="morgen"))
    assert response.status_code == 200


def test_statements_switched_off_or_added_change_only_the_next_round(leader_client, school, pulse_round):
    first = school.climate_statements.filter(kind=Kind.PULSE).first()
    assert leader_client.post(url("statement-toggle", school, first.pk)).status_code == 302
    leader_client.post(url("statement-list", school), {"kind": "team", "text": "Ik voel me thuis in dit team."})
    assert pulse_round.statements.count() == 8  # the open round keeps its own copy
    leader_client.post(url("round-create", school), round_post(school, title="Volgende"))
    texts = list(Round.objects.get(title="Volgende").statements.values_list("text", flat=True))
    assert first.text not in texts and "Ik voel me thuis in dit team." in texts and len(texts) == 8


def test_member_may_not_manage_statements(member_client, school):
    s = school.climate_statements.first()
    assert member_client.get(url("statement-list", school)).status_code == 403
    assert member_client.post(url("statement-toggle", school, s.pk)).status_code == 403
    assert Statement.objects.get(pk=s.pk).is_active


def test_statement_of_another_school_is_404(leader_client, school, other_school):
    s = other_school.climate_statements.first()
    assert leader_client.post(url("statement-toggle", school, s.pk)).status_code == 404


# Answering ------------------------------------------------------------------------------------


def test_member_answers_once(member_client, school, pulse_round, member):
    page = member_client.get(url("round-answer", school, pulse_round.pk))
    assert page.status_code == 200 and "anoniem" in page.content.decode()
    response = member_client.post(url("round-answer", school, pulse_round.pk), form_data(pulse_round, 4, "Fijn team"))
    assert response.status_code == 302
    assert Participation.objects.filter(round=pulse_round, user=member).exists()
    again = member_client.post(url("round-answer", school, pulse_round.pk), form_data(pulse_round), follow=True)
    assert "al ingevuld" in again.content.decode()
    assert Participation.objects.filter(round=pulse_round).count() == 1


def test_missing_score_is_a_dutch_error(member_client, school, pulse_round):
    data = form_data(pulse_round)
    del data[f"score_{pulse_round.statements.first().pk}"]
    response = member_client.post(url("round-answer", school, pulse_round.pk), data)
    assert response.status_code == 200 and "Kies een score van 1 tot 5" in response.content.decode()
    assert not Participation.objects.exists()


def test_outsider_gets_404_on_round(outsider_client, school, pulse_round):
    for name in ("round-detail", "round-answer", "round-export"):
        assert outsider_client.get(url(name, school, pulse_round.pk)).status_code == 404


def test_round_of_other_school_is_404(school, other_school, outsider, member_client, make_member):
    other_leader = make_member(other_school, "Andere Leider", is_leader=True)
    today = timezone.localdate()
    r = pulse.create_round(
        other_leader,
        other_school,
        kind=Kind.PULSE,
        title="Elders",
        opens_on=today,
        closes_on=today,
        statements=other_school.climate_statements.filter(kind=Kind.PULSE),
    )
    assert member_client.get(url("round-detail", school, r.pk)).status_code == 404


def test_answering_a_planned_round_is_refused(member_client, school, leader):
    today = timezone.localdate()
    r = pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title="Later",
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=9),
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    response = member_client.post(url("round-answer", school, r.pk), form_data(r), follow=True)
    assert "niet open" in response.content.decode()
    assert not Participation.objects.exists()


# Results: five everywhere ---------------------------------------------------------------------


def test_no_results_and_no_remarks_below_five(leader_client, school, pulse_round, climate_team):
    answer_all(pulse_round, climate_team[:4], remark="Geheime opmerking")
    pulse.close_round(None, pulse_round)
    page = leader_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert "Te weinig antwoorden" in page and "Geheime opmerking" not in page and "Gemiddeld" not in page
    export = leader_client.get(url("round-export", school, pulse_round.pk))
    assert export.status_code == 302 and "Geheime" not in export.content.decode()


def test_results_spread_remarks_and_export_from_five(member_client, school, pulse_round, climate_team):
    answer_all(pulse_round, climate_team[:5], score=lambda i: i + 1, remark=lambda i: f"Opmerking {i}" if i < 2 else "")
    pulse.close_round(None, pulse_round)
    page = member_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert "Gemiddeld 3" in page and "Opmerking 0" in page and "Opmerking 1" in page
    assert 'class="chart spread"' in page
    export = member_client.get(url("round-export", school, pulse_round.pk))
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[1][1:7] == ["5", "1", "1", "1", "1", "1"]
    assert sum(1 for r in rows if len(r) == 2 and r[1] == "Opmerking 0") == 8  # once per statement


def test_no_results_while_open(member_client, school, pulse_round, climate_team, make_member):
    more = [make_member(school, f"Extra {i}") for i in range(5)]
    answer_all(pulse_round, more, remark="Nu al zichtbaar?")
    page = member_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert "Nu al zichtbaar?" not in page and "verschijnt als de ronde gesloten is" in page
    assert member_client.get(url("round-export", school, pulse_round.pk)).status_code == 302


def test_breakdown_only_where_parts_may_be_shown(leader_client, school, pulse_round, climate_team, make_member):
    extra = [make_member(school, f"Onder {i}", bouw="onderbouw") for i in range(3)]
    answer_all(pulse_round, climate_team + extra)
    pulse.close_round(None, pulse_round)
    page = leader_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert "Per bouw" in page and "Onderbouw" in page and "overige samen" in page
    assert "Middenbouw" not in page and "Bovenbouw" not in page


def test_no_breakdown_when_one_small_part_would_follow_from_the_total(leader_client, school, pulse_round, make_member):
    people = [make_member(school, f"O {i}", bouw="onderbouw") for i in range(7)]
    people += [make_member(school, f"B {i}", bouw="bovenbouw") for i in range(2)]
    answer_all(pulse_round, people)
    pulse.close_round(None, pulse_round)
    page = leader_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert "Per bouw" not in page


def test_runners_answers_count_like_everyone_elses(school, pulse_round, leader, climate_team):
    answer_all(pulse_round, [leader, *climate_team[:4]])
    pulse.close_round(None, pulse_round)
    assert all(r.enough and r.n == 5 for r in pulse.round_results(pulse_round))


# Closing, reminders -----------------------------------------------------------------------------


def test_member_may_not_close(member_client, school, pulse_round):
    assert member_client.post(url("round-close", school, pulse_round.pk)).status_code == 403
    assert Round.objects.get(pk=pulse_round.pk).closed_at is None


def test_leader_closes(leader_client, school, pulse_round):
    assert leader_client.post(url("round-close", school, pulse_round.pk)).status_code == 302
    assert Round.objects.get(pk=pulse_round.pk).closed_at is not None


def test_one_reminder_only_to_who_has_not_answered(school, leader, member, teacher_leader):
    today = timezone.localdate()
    r = pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title="Bijna dicht",
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=1),
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    answer_all(r, [member])
    assert pulse.send_reminders() == 1
    reminded = set(Notification.objects.filter(message__startswith="Herinnering").values_list("user", flat=True))
    assert reminded == {leader.pk, teacher_leader.pk}
    assert pulse.send_reminders() == 0
    assert Notification.objects.filter(message__startswith="Herinnering").count() == 2


def test_due_rounds_close_by_the_job(school, leader, climate_team):
    today = timezone.localdate()
    r = pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title="Voorbij",
        opens_on=today - timedelta(days=9),
        closes_on=today,
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    answer_all(r, climate_team[:3])
    Round.objects.filter(pk=r.pk).update(closes_on=today - timedelta(days=1))
    assert pulse.close_due_rounds() == 1
    assert pulse.close_due_rounds() == 0
    r.refresh_from_db()
    assert r.closed_at and r.answers.count() == 3 * r.statements.count() and not r.pending.exists()


# Focus points ---------------------------------------------------------------------------------


def test_focus_points_after_close_and_shown_in_next_round(leader_client, school, pulse_round, member, climate_team):
    answer_all(pulse_round, climate_team[:5])
    data = {"form": "actie", "title": "Elke vergadering start met een succes", "owner": member.pk}
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = leader_client.post(url("focus-create", school, pulse_round.pk), {**data, "due_on": due})
    assert response.status_code == 200 and "na afloop van de ronde" in response.content.decode()
    assert not FocusPoint.objects.exists()  # still open: first close, then talk
    pulse.close_round(None, pulse_round)
    assert leader_client.get(url("focus-create", school, pulse_round.pk)).status_code == 200
    response = leader_client.post(url("focus-create", school, pulse_round.pk), data)
    assert "eigenaar en een datum" in response.content.decode()  # no date: Dutch error
    assert not FocusPoint.objects.exists()
    data["due_on"] = due
    leader_client.post(url("focus-create", school, pulse_round.pk), data)
    leader_client.post(url("focus-create", school, pulse_round.pk), {"form": "voorstel", "title": "Voorstel"})
    response = leader_client.post(url("focus-create", school, pulse_round.pk), {"form": "groep", "title": "Derde"})
    assert "hooguit twee" in response.content.decode()
    assert FocusPoint.objects.count() == 2
    point = FocusPoint.objects.get(form="actie")
    owner = logged_in(member)
    assert (
        owner.post(url("focus-update", school, point.pk), {"done": "on", "outcome": "Gedaan in mei"}).status_code == 302
    )
    today = timezone.localdate()
    Round.objects.filter(pk=pulse_round.pk).update(opens_on=today - timedelta(days=30))
    nxt = pulse.create_round(
        None,
        school,
        kind=Kind.PULSE,
        title="Volgende",
        opens_on=today,
        closes_on=today,
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    page = leader_client.get(url("round-detail", school, nxt.pk)).content.decode()
    assert "Wat hebben we gedaan sinds de vorige ronde?" in page and "Gedaan in mei" in page
    assert reverse("decisions:proposal-create", args=[school.slug]) in page


def test_other_member_may_not_update_focus_point(tl_client, client_for, school, pulse_round, member):
    pulse.close_round(None, pulse_round)
    point = FocusPoint.objects.create(round=pulse_round, form="actie", title="X", owner=member)
    assert tl_client.post(url("focus-update", school, point.pk), {"done": "on"}).status_code == 403
    assert (
        tl_client.post(url("focus-create", school, pulse_round.pk), {"form": "groep", "title": "Y"}).status_code == 403
    )
    # The round page offers "Bijwerken" only to whom may use it: the owner, not another member.
    update = url("focus-update", school, point.pk)
    assert update not in tl_client.get(url("round-detail", school, pulse_round.pk)).content.decode()
    assert update in client_for(member).get(url("round-detail", school, pulse_round.pk)).content.decode()


# Feedback for the school leader -------------------------------------------------------------------


@pytest.fixture
def feedback_round(school, leader):
    today = timezone.localdate()
    return pulse.create_round(
        leader,
        school,
        kind=Kind.LEADER,
        title="Feedback voor Lea",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        statements=school.climate_statements.filter(kind=Kind.LEADER),
    )


def test_feedback_seen_by_the_leader_alone_until_shared(
    leader_client, member_client, school, feedback_round, climate_team, leader
):
    assert leader_client.get(url("round-answer", school, feedback_round.pk)).status_code == 403  # not about yourself
    answer_all(feedback_round, climate_team[:5], remark=lambda i: f"Feedback {i}")
    pulse.close_round(leader, feedback_round)
    own = leader_client.get(url("round-detail", school, feedback_round.pk)).content.decode()
    assert "Feedback 0" in own
    assert member_client.get(url("round-detail", school, feedback_round.pk)).status_code == 404
    assert member_client.get(url("round-export", school, feedback_round.pk)).status_code == 404
    assert member_client.post(url("round-share", school, feedback_round.pk), {"shared": "1"}).status_code == 404
    assert leader_client.post(url("round-share", school, feedback_round.pk), {"shared": "1"}).status_code == 302
    assert "Feedback 0" in member_client.get(url("round-detail", school, feedback_round.pk)).content.decode()


def test_another_admin_cannot_see_leaders_feedback(school, feedback_round, climate_team, make_member, leader):
    admin = make_member(school, "Ad Beheer", is_admin=True)
    answer_all(feedback_round, climate_team[:5])
    pulse.close_round(leader, feedback_round)
    c = logged_in(admin)
    assert c.get(url("round-detail", school, feedback_round.pk)).status_code == 404
    assert c.post(url("round-close", school, feedback_round.pk)).status_code == 404


def test_member_may_not_ask_for_leader_feedback(member_client, school):
    assert member_client.get(url("round-create", school) + "?soort=leider").status_code == 403


# Overview, cards, settings, queries ------------------------------------------------------------


def test_overview_and_home_card(member_client, school, pulse_round):
    page = member_client.get(url("overview", school)).content.decode()
    assert "Teampuls test" in page and "Invullen" in page
    home = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Hoe is het klimaat?" in home


def test_settings_leader_only(leader_client, member_client, school, teacher_leader):
    assert member_client.get(url("settings", school)).status_code == 403
    response = leader_client.post(url("settings", school), {"coordinator": teacher_leader.pk, "share_with_board": "on"})
    assert response.status_code == 302
    s = ClimateSettings.objects.get(school=school)
    assert s.coordinator == teacher_leader and s.share_with_board


def _closed_rounds(school, leader, people, n):
    today = timezone.localdate()
    for i in range(n):
        r = pulse.create_round(
            leader,
            school,
            kind=Kind.PULSE,
            title=f"Ronde {i}",
            opens_on=today,
            closes_on=today,
            statements=school.climate_statements.filter(kind=Kind.PULSE),
        )
        answer_all(r, people, score=lambda j, i=i: 1 + (i + j) % 5)
        pulse.close_round(leader, r)
        Round.objects.filter(pk=r.pk).update(
            opens_on=today - timedelta(days=60 - i), closes_on=today - timedelta(days=50 - i)
        )


def test_overview_and_detail_queries_do_not_grow(
    leader_client, school, leader, climate_team, django_assert_max_num_queries
):
    _closed_rounds(school, leader, climate_team[:5], 2)
    last = Round.objects.order_by("-opens_on").first()
    with django_assert_max_num_queries(20) as small:
        leader_client.get(url("overview", school))
    with django_assert_max_num_queries(40) as small_detail:
        leader_client.get(url("round-detail", school, last.pk))
    _closed_rounds(school, leader, climate_team, 4)
    last = Round.objects.order_by("-opens_on").first()
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = leader_client.get(url("overview", school))
    assert page.content.decode().count("series-") >= 8
    with django_assert_max_num_queries(len(small_detail.captured_queries)):
        leader_client.get(url("round-detail", school, last.pk))


def test_trend_after_two_rounds_names_a_change_only_beyond_the_rule(leader_client, school, leader, climate_team):
    today = timezone.localdate()
    for i, score in enumerate([2, 4]):
        r = pulse.create_round(
            leader,
            school,
            kind=Kind.PULSE,
            title=f"R{i}",
            opens_on=today,
            closes_on=today,
            statements=school.climate_statements.filter(kind=Kind.PULSE),
        )
        answer_all(r, climate_team, score=score)
        pulse.close_round(leader, r)
        Round.objects.filter(pk=r.pk).update(
            opens_on=today - timedelta(days=40 - 20 * i), closes_on=today - timedelta(days=35 - 20 * i)
        )
    page = leader_client.get(url("overview", school)).content.decode()
    assert "<polyline" in page and "hoger: van 2.0 naar 4.0" in page.replace(",", ".")


def test_planned_round_statements_can_change_until_it_opens(leader_client, member_client, school, leader):
    today = timezone.localdate()
    r = pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title="Later",
        opens_on=today + timedelta(days=3),
        closes_on=today + timedelta(days=9),
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    assert leader_client.get(url("round-edit", school, r.pk)).status_code == 200
    assert member_client.post(url("round-edit", school, r.pk), {}).status_code == 403
    keep = list(school.climate_statements.filter(kind=Kind.PULSE)[:3])
    data = {
        "title": "Later",
        "opens_on": (today + timedelta(days=3)).isoformat(),
        "closes_on": (today + timedelta(days=9)).isoformat(),
        "statements": [s.pk for s in keep],
    }
    assert leader_client.post(url("round-edit", school, r.pk), data).status_code == 302
    assert list(r.statements.values_list("text", flat=True)) == [s.text for s in keep]
    # Once open, the statements stay fixed.
    Round.objects.filter(pk=r.pk).update(opens_on=today)
    data["statements"] = [keep[0].pk]
    data["opens_on"] = today.isoformat()
    response = leader_client.post(url("round-edit", school, r.pk), data, follow=True)
    assert "liggen nu vast" in response.content.decode()
    assert r.statements.count() == 3


def test_leader_asks_the_team_for_feedback_end_to_end_shown_only_from_five(
    leader_client, school, leader, climate_team, member
):
    """From the development page's link: the leader opens a round about themself, the team is asked, four
    answers show nothing (not even a remark), the fifth shows the results to the leader alone."""
    today = timezone.localdate()
    create = url("round-create", school) + "?soort=leider"
    assert leader_client.get(create).status_code == 200
    statements = school.climate_statements.filter(kind=Kind.LEADER, is_active=True)
    response = leader_client.post(
        create,
        {
            "soort": "leider", "title": "Feedback voor Lea", "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(), "statements": [s.pk for s in statements],
        },
    )  # fmt: skip
    assert response.status_code == 302
    round_ = Round.objects.get(title="Feedback voor Lea")
    assert round_.kind == Kind.LEADER and round_.subject == leader
    assert Notification.objects.filter(user=climate_team[0], message__contains="anonieme feedback").exists()
    assert not Notification.objects.filter(user=leader, message__contains="anonieme feedback").exists()
    for i, colleague in enumerate(climate_team[:4]):
        answered = logged_in(colleague).post(
            url("round-answer", school, round_.pk), form_data(round_, remark=f"Opmerking {i}")
        )
        assert answered.status_code == 302
    assert leader_client.post(url("round-close", school, round_.pk)).status_code == 302
    page = leader_client.get(url("round-detail", school, round_.pk)).content.decode()
    assert "Te weinig antwoorden." in page and "Opmerking" not in page
    # A second round, with five answers: now the leader sees it; a colleague still gets a 404.
    round_.delete()
    leader_client.post(
        create,
        {
            "soort": "leider", "title": "Feedback voor Lea", "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(), "statements": [s.pk for s in statements],
        },
    )  # fmt: skip
    round_ = Round.objects.get(title="Feedback voor Lea")
    for i, colleague in enumerate(climate_team[:5]):
        logged_in(colleague).post(url("round-answer", school, round_.pk), form_data(round_, remark=f"Opmerking {i}"))
    leader_client.post(url("round-close", school, round_.pk))
    page = leader_client.get(url("round-detail", school, round_.pk)).content.decode()
    assert "Te weinig antwoorden." not in page and "Opmerking 0" in page
    assert logged_in(member).get(url("round-detail", school, round_.pk)).status_code == 404
