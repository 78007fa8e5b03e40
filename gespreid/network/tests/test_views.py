import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import AuditEntry, Notification

from .. import rounds
from ..models import QUESTION_ORDER, OutsideContact, Response, Round, Tie

SVG = "{http://www.w3.org/2000/svg}"


def url(name, school, *args):
    return reverse(f"network:{name}", args=[school.slug, *args])


# --- opening a round -------------------------------------------------------------------------


def test_leader_opens_a_round_and_the_team_is_told(leader_client, school, net_team, leader):
    response = leader_client.post(
        url("round-create", school),
        {"title": "Najaar", "explanation": "Waarom we dit doen.", "questions": ["advies", "steun"]},
    )
    round_obj = school.network_rounds.get()
    assert response.status_code == 302 and response["Location"] == url("round-detail", school, round_obj.pk)
    assert round_obj.questions == ["advies", "steun"] and round_obj.opened_by == leader
    assert AuditEntry.objects.filter(action="network.round_open").count() == 1
    assert Notification.objects.filter(school=school).count() == len(net_team) - 1


def test_a_round_without_questions_is_refused_in_dutch(leader_client, school, net_team):
    response = leader_client.post(url("round-create", school), {"title": "Najaar", "explanation": "Uitleg."})
    assert response.status_code == 400
    assert "een ronde zonder vragen kan niemand invullen" in response.content.decode()
    assert not school.network_rounds.exists()


def test_open_round_domain_refuses_no_questions_and_a_second_open_round(school, year, leader, net_round):
    with pytest.raises(ValidationError):
        rounds.open_round(leader, school, year, title="x", explanation="y", questions=[])
    with pytest.raises(ValidationError, match="al een netwerkronde"):
        rounds.open_round(leader, school, year, title="x", explanation="y", questions=["advies"])


def test_only_the_leader_opens_or_closes_a_round(member_client, tl_client, school, net_round):
    assert member_client.get(url("round-create", school)).status_code == 403
    assert tl_client.post(url("round-create", school), {"title": "x"}).status_code == 403
    assert member_client.post(url("round-close", school, net_round.pk)).status_code == 403
    net_round.refresh_from_db()
    assert net_round.closed_at is None


def test_outsider_gets_404_everywhere(outsider_client, school, answered_round):
    contact = OutsideContact.objects.create(school=school, name="Pabo")
    for name, args in [
        ("round-list", []),
        ("round-detail", [answered_round.pk]),
        ("round-answer", [answered_round.pk]),
        ("round-drawing", [answered_round.pk]),
        ("round-export", [answered_round.pk]),
        ("contact-list", []),
        ("contact-edit", [contact.pk]),
    ]:
        assert outsider_client.get(url(name, school, *args)).status_code == 404, name


def test_another_schools_round_is_404_for_a_member(member_client, school, other_school, make_member):
    other_leader = make_member(other_school, "Andere Leider", is_leader=True)
    other_round = rounds.open_round(
        other_leader, other_school, other_school.current_year(), title="x", explanation="y", questions=["advies"]
    )
    assert member_client.get(url("round-detail", school, other_round.pk)).status_code == 404


# --- answering -------------------------------------------------------------------------------


def test_the_explanation_is_shown_before_answering_and_answers_are_saved(
    member_client, school, net_round, net_team, member
):
    page = member_client.get(url("round-answer", school, net_round.pk)).content.decode()
    assert page.index("Zo gaan we ermee om.") < page.index('name="may_be_named"')
    assert f'name="q_advies_{member.pk}"' not in page  # not yourself
    tl = net_team[1]
    response = member_client.post(
        url("round-answer", school, net_round.pk), {f"q_advies_{tl.pk}": "3", f"q_steun_{net_team[0].pk}": "1"}
    )
    assert response.status_code == 302
    assert set(Tie.objects.values_list("target_id", "question", "frequency")) == {
        (tl.pk, "advies", 3),
        (net_team[0].pk, "steun", 1),
    }
    assert Response.objects.get(user=member).may_be_named is False  # not named by default
    # answering again replaces the answers
    member_client.post(url("round-answer", school, net_round.pk), {f"q_hulp_{tl.pk}": "2", "may_be_named": "on"})
    assert list(Tie.objects.values_list("question", flat=True)) == ["hulp"]
    assert Response.objects.get(user=member).may_be_named is True


def test_naming_yourself_is_refused_in_dutch(member_client, school, net_round, member):
    response = member_client.post(url("round-answer", school, net_round.pk), {f"q_advies_{member.pk}": "3"})
    assert response.status_code == 400 and "Je kunt jezelf niet kiezen" in response.content.decode()
    assert not Tie.objects.exists()


def test_a_person_outside_the_school_is_refused_in_dutch(member_client, school, net_round, outsider):
    response = member_client.post(url("round-answer", school, net_round.pk), {f"q_advies_{outsider.pk}": "3"})
    assert response.status_code == 400
    assert "alleen collega&#x27;s van je eigen school" in response.content.decode()
    with pytest.raises(ValidationError):
        rounds.save_response(net_round, net_round.opened_by, {"advies": {outsider.pk: 2}}, False)


def test_a_bad_frequency_is_a_form_error_not_a_500(member_client, school, net_round, net_team):
    response = member_client.post(url("round-answer", school, net_round.pk), {f"q_advies_{net_team[1].pk}": "9"})
    assert response.status_code == 400 and "Kies hoe vaak" in response.content.decode()


def test_a_round_across_the_board_lets_people_name_colleagues_of_other_schools(
    school, year, leader, net_team, member, outsider
):
    round_obj = rounds.open_round(
        leader, school, year, title="x", explanation="y", questions=["advies"], across_board=True
    )
    rounds.save_response(round_obj, member, {"advies": {outsider.pk: 2}}, False)
    assert Tie.objects.filter(target=outsider).count() == 1


def test_a_closed_round_cannot_be_answered(member_client, school, answered_round, net_team):
    response = member_client.post(url("round-answer", school, answered_round.pk), {f"q_advies_{net_team[1].pk}": "3"})
    assert response.status_code == 302
    with pytest.raises(ValidationError):
        rounds.save_response(answered_round, net_team[2], {}, True)


def test_a_round_past_its_closing_date_counts_as_closed(school, net_round):
    net_round.closes_on = timezone.localdate() - timedelta(days=1)
    net_round.save()
    assert not net_round.is_open and rounds.open_round_of(school) is None


# --- results and the naming rules ----------------------------------------------------------


def test_no_results_while_open_or_with_fewer_than_five_answers(member_client, leader, school, net_round, net_team):
    page = member_client.get(url("round-detail", school, net_round.pk)).content.decode()
    assert "Het beeld van het team" not in page
    for person in net_team[:4]:
        rounds.save_response(net_round, person, {"hulp": {net_team[-1].pk: 1}}, True)
    rounds.close_round(leader, net_round)
    page = member_client.get(url("round-detail", school, net_round.pk)).content.decode()
    assert "Nog te weinig antwoorden" in page and "<svg" not in page
    assert member_client.get(url("round-drawing", school, net_round.pk)).status_code == 403
    assert member_client.get(url("round-export", school, net_round.pk)).status_code == 403


def test_results_page_shows_team_measures_and_names_only_of_who_agreed(member_client, school, answered_round, net_team):
    page = member_client.get(url("round-detail", school, answered_round.pk)).content.decode()
    assert "Het beeld van het team" in page and "<svg" in page
    tl, member = net_team[1], net_team[2]
    assert tl.name in page and member.name in page  # they agreed
    for person in net_team[3:] + [net_team[0]]:
        assert person.name not in page  # never a name of someone who did not agree (nor the leader)
    assert "Leunt advies op een paar mensen?" in page and "Ja, sterk." in page  # everyone asks one person


def test_the_drawing_is_valid_svg_with_accessible_text_and_names_only_of_who_agreed(
    member_client, school, answered_round, net_team
):
    for query in ["", "?kleur=rol", "?vraag=advies", "?vraag=onzin&kleur=onzin"]:
        response = member_client.get(url("round-drawing", school, answered_round.pk) + query)
        assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
        root = ET.fromstring(response.content)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title").text.startswith("Netwerk van het team")
        assert "8 mensen" in root.find(f"{SVG}desc").text
        assert len(root.findall(f".//{SVG}circle")) >= len(net_team)
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text")) + " ".join(
            t.text or "" for t in root.iter(f"{SVG}title")
        )
        assert net_team[1].name in texts and net_team[2].name in texts
        for person in [net_team[0], *net_team[3:]]:
            assert person.name not in response.content.decode()


def test_the_export_names_a_pair_only_when_both_agreed(member_client, school, answered_round, net_team):
    response = member_client.get(url("round-export", school, answered_round.pk))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert ["mensen", "8"] in rows and ["ingevuld", "8"] in rows
    tl, member = net_team[1], net_team[2]
    pairs = [r for r in rows if len(r) == 4 and r[0] != "vraag"]
    # member -> tl for advice and tl -> member for help are the only ties between the two who agreed
    assert pairs == [
        ["advies over lesgeven", member.name, tl.name, "3"],
        ["hulp bij het werk", tl.name, member.name, "2"],
    ]
    text = response.content.decode()
    for person in [net_team[0], *net_team[3:]]:
        assert person.name not in text


def test_nobody_named_is_a_count_never_names(member_client, school, answered_round):
    picture = rounds.picture(rounds.load(answered_round))
    assert picture.unnamed == 0 and picture.per_question[0].unnamed == 7  # advice: only the tl is named
    assert picture.advice_centralisation == pytest.approx(1.0)


def test_layout_is_stable_between_loads_and_cached_per_round(school, answered_round):
    from django.core.cache import cache

    data = rounds.load(answered_round)
    first = rounds.svg(answered_round, data)
    cache.clear()
    assert rounds.svg(answered_round, rounds.load(answered_round)) == first
    assert any(k for k in cache._cache if f"network:layout:{answered_round.pk}:" in str(k))  # LocMem in tests


def test_year_on_year_change_is_shown(member_client, school, answered_round, net_team, leader):
    from gespreid.core.models import SchoolYear

    year = answered_round.school_year
    last = SchoolYear.objects.create(
        school=school,
        starts_on=year.starts_on.replace(year=year.starts_on.year - 1),
        ends_on=year.starts_on - timedelta(days=1),
    )
    before = Round.objects.create(
        school=school,
        school_year=last,
        title="Vorig jaar",
        explanation="x",
        questions=["advies"],
        closed_at=timezone.now() - timedelta(days=300),
    )
    Response.objects.bulk_create([Response(round=before, user=p) for p in net_team])
    Tie.objects.bulk_create([Tie(round=before, source=p, target=net_team[0], question="advies") for p in net_team[1:]])
    page = member_client.get(url("round-detail", school, answered_round.pk)).content.decode()
    assert f"Vergeleken met {last}" in page


def test_close_round_records_and_notifies_respondents(leader_client, school, net_round, net_team):
    for person in net_team[:5]:
        rounds.save_response(net_round, person, {"hulp": {net_team[6].pk: 1}}, False)
    assert leader_client.post(url("round-close", school, net_round.pk)).status_code == 302
    net_round.refresh_from_db()
    assert net_round.closed_at is not None
    assert AuditEntry.objects.filter(action="network.round_close").count() == 1
    assert Notification.objects.filter(message__contains="is gesloten").count() == 5
    assert leader_client.post(url("round-close", school, net_round.pk)).status_code == 302  # twice: a message, no 500


def test_round_list_query_count_does_not_grow(member_client, school, year, leader, django_assert_max_num_queries):
    for i in range(3):
        Round.objects.create(
            school=school,
            school_year=year,
            title=f"R{i}",
            explanation="x",
            questions=["advies"],
            closed_at=timezone.now(),
        )
    with django_assert_max_num_queries(12) as first:
        assert member_client.get(url("round-list", school)).status_code == 200
    for i in range(15):
        Round.objects.create(
            school=school,
            school_year=year,
            title=f"S{i}",
            explanation="x",
            questions=["advies"],
            closed_at=timezone.now(),
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert member_client.get(url("round-list", school)).status_code == 200


def test_home_card_for_an_open_round(member_client, school, net_round):
    page = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Netwerkvragen" in page and url("round-answer", school, net_round.pk) in page


def test_round_questions_keep_the_research_order(net_round):
    assert [q["key"] for q in net_round.question_list()] == QUESTION_ORDER


def test_cached_drawing_follows_a_change_in_the_team(member_client, school, answered_round, net_team):
    tl = net_team[1]
    assert tl.name in member_client.get(url("round-detail", school, answered_round.pk)).content.decode()
    tl.name = "Tim Nieuwenaam"
    tl.save()  # the cache key holds a digest of the team as loaded: the renamed person gets a new picture
    page = member_client.get(url("round-detail", school, answered_round.pk)).content.decode()
    assert "Tim Nieuwenaam" in page


def test_the_job_closes_rounds_past_their_date_once(school, net_round, net_team):
    from gespreid.core.registry import jobs

    rounds.save_response(net_round, net_team[2], {"hulp": {net_team[1].pk: 1}}, False)
    assert jobs()["network.close_due_rounds"]() == 0  # not due yet
    net_round.closes_on = timezone.localdate() - timedelta(days=1)
    net_round.save()
    assert rounds.close_due_rounds() == 1 and rounds.close_due_rounds() == 0
    net_round.refresh_from_db()
    assert net_round.closed_at is not None
    assert Notification.objects.filter(user=net_team[2], message__contains="is gesloten").count() == 1


def test_round_detail_query_count_does_not_grow_with_answers(
    member_client, school, answered_round, net_team, make_member, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as first:
        assert member_client.get(url("round-detail", school, answered_round.pk)).status_code == 200
    more = [make_member(school, f"Extra {i}") for i in range(10)]
    Response.objects.bulk_create([Response(round=answered_round, user=p) for p in more])
    Tie.objects.bulk_create([Tie(round=answered_round, source=p, target=net_team[0], question="steun") for p in more])
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert member_client.get(url("round-detail", school, answered_round.pk)).status_code == 200


def test_answer_page_describes_fields_only_with_ids_on_the_page(member_client, school, net_round, net_team):
    import re

    response = member_client.post(url("round-answer", school, net_round.pk), {f"q_advies_{net_team[1].pk}": "9"})
    html = response.content.decode()
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()}
    assert described and described <= set(re.findall(r'id="([^"]+)"', html))


def test_someone_who_left_is_not_in_the_picture_nor_counted_as_another_school(school, answered_round, net_team):
    from gespreid.core.models import Membership

    Membership.objects.filter(user=net_team[7], school=school).update(is_active=False)
    data = rounds.load(answered_round)
    assert len(data.team) == 7 and data.outside_ties == 0
    assert net_team[7].pk not in {s for ties in data.ties.values() for s, t, _w in ties}
