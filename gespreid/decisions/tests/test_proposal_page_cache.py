"""The proposal page is kept rendered: every change shows at once, each viewer sees what they may.

Each test first loads the page (so it is kept), changes something through the app's own write path (the
domain function, or a POST as the browser sends it) and loads the page again. Names: the author is Tim
Trekker (teacher_leader); those asked are Lea Leider (leader) and Mila Lid (member).
"""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import Membership
from gespreid.decisions import consent
from gespreid.decisions.models import Invitation, Objection, Response


def detail(client, proposal):
    response = client.get(reverse("decisions:proposal-detail", args=[proposal.school.slug, proposal.pk]))
    assert response.status_code == 200
    return response.content.decode()


def counts(html):
    """(instemming, zorg, bezwaar) as the round's summary line says."""
    found = re.search(r"Instemming: (\d+) · zorg: (\d+) · bezwaar: (\d+)", html)
    return tuple(int(n) for n in found.groups())


def membership(user, school):
    return Membership.objects.get(user=user, school=school)


@pytest.fixture
def warm(proposal, consent_round, member_client):
    html = detail(member_client, proposal)
    assert counts(html) == (0, 0, 0) and "Je reactie</h3>" in html
    return html


# --- a change shows at once ---------------------------------------------------------------------


def test_a_new_response_shows_at_once(proposal, consent_round, member, member_client, leader, warm):
    consent.respond(consent_round.pk, leader, kind="zorg", text="Past het in het rooster?")
    html = detail(member_client, proposal)
    assert counts(html) == (0, 1, 0) and "Past het in het rooster?" in html


def test_a_changed_response_shows_at_once(proposal, consent_round, member, member_client, leader, warm):
    consent.respond(consent_round.pk, leader, kind="zorg", text="Past het in het rooster?")
    assert counts(detail(member_client, proposal)) == (0, 1, 0)
    consent.respond(consent_round.pk, leader, kind="instemming")
    html = detail(member_client, proposal)
    assert counts(html) == (1, 0, 0) and "Past het in het rooster?" not in html


def test_my_own_response_through_the_form_shows_at_once_with_the_form_filled_in(
    proposal, consent_round, member_client, school, warm
):
    url = reverse("decisions:round-respond", args=[school.slug, proposal.pk, consent_round.pk])
    response = member_client.post(url, {"kind": "zorg", "text": "Tien minuten is krap.", "name_visible": "1"})
    assert response.status_code == 302
    html = detail(member_client, proposal)
    assert counts(html) == (0, 1, 0) and "Tien minuten is krap." in html
    assert "Je reactie aanpassen" in html and "Je gaf: Zorg (op versie 1)" in html
    assert re.search(r'value="zorg"[^>]*checked', html)
    member_client.post(url, {"kind": "instemming", "text": "", "name_visible": "1"})
    html = detail(member_client, proposal)
    assert counts(html) == (1, 0, 0) and "Je gaf: Instemming (op versie 1)" in html


def test_an_objection_worked_out_shows_at_once(proposal, consent_round, member, member_client, teacher_leader, school):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel werk voor mij.")
    html = detail(member_client, proposal)
    assert counts(html) == (0, 0, 1) and "Ingediend" in html
    objection = Objection.objects.get()
    consent.objection_event(objection, membership(member, school), "withdraw")
    # withdrawing makes the response consent through a queryset update(): no signal, the function says so
    html = detail(member_client, proposal)
    assert counts(html) == (1, 0, 0) and "Ingetrokken" in html


def test_a_new_version_shows_at_once(proposal, consent_round, teacher_leader, member_client, warm):
    consent.edit_proposal(
        proposal, teacher_leader, title=proposal.title, problem=proposal.problem, body="Vijf minuten per dag."
    )
    html = detail(member_client, proposal)
    assert "Vijf minuten per dag." in html and "Het voorstel (versie 2)" in html


def test_a_closed_round_and_its_outcome_show_at_once(proposal, consent_round, member_client, teacher_leader, warm):
    consent.close_round(consent_round.pk, teacher_leader)
    html = detail(member_client, proposal)
    assert "Uitkomst" in html and "Besloten" in html and "Je reactie</h3>" not in html


def test_a_round_past_its_closing_time_shows_as_closed_before_the_job_ran(
    proposal, teacher_leader, member_client, monkeypatch
):
    # A clock on today's date (the cache key holds the date): the round runs from 09:00 to 10:00.
    today = timezone.localdate()
    at = lambda h, m=0: timezone.make_aware(datetime(today.year, today.month, today.day, h, m))  # noqa: E731
    round_ = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=at(10), now=at(9)
    )
    monkeypatch.setattr(timezone, "now", lambda: at(9, 30))
    html = detail(member_client, proposal)
    assert "Je reactie</h3>" in html and "de uitkomst wordt vastgelegd" not in html
    monkeypatch.setattr(timezone, "now", lambda: at(10, 30))  # nothing was written: the same school version
    html = detail(member_client, proposal)
    assert "Je reactie</h3>" not in html and "Deze ronde is gesloten; de uitkomst wordt vastgelegd." in html
    assert round_.closed_at is None


# --- keys never mix -----------------------------------------------------------------------------


def test_a_hidden_name_only_for_the_author_and_the_person_in_any_order(
    proposal, consent_round, member, leader_client, tl_client, member_client, make_member, school, client_for
):
    consent.respond(consent_round.pk, member, kind="zorg", text="Ik zie het somber in.", name_visible=False)
    bystander = client_for(make_member(school, "Bea Buur"))
    for client, sees in [
        (leader_client, False),
        (member_client, True),
        (bystander, False),
        (tl_client, True),
        (leader_client, False),
        (member_client, True),
    ]:
        html = detail(client, proposal)
        assert "Ik zie het somber in." in html
        assert (f"<li>{member.name} " in html) is sees
        assert ("<li>Een collega " in html) is not sees


def test_each_person_sees_their_own_response_in_the_form(
    proposal, consent_round, member, leader, leader_client, member_client
):
    consent.respond(consent_round.pk, member, kind="zorg", text="Mijn zorg.")
    mine = detail(member_client, proposal)
    theirs = detail(leader_client, proposal)
    assert "Je gaf: Zorg" in mine and "Mijn zorg.</textarea>" in mine
    assert "Je gaf:" not in theirs and "Mijn zorg.</textarea>" not in theirs and "Je reactie</h3>" in theirs
    consent.respond(consent_round.pk, leader, kind="instemming")
    assert "Je gaf: Instemming" in detail(leader_client, proposal)
    assert "Je gaf: Zorg" in detail(member_client, proposal)


def test_someone_not_asked_reads_along_without_a_form(
    proposal, consent_round, member_client, school, make_member, client_for
):
    reader = client_for(make_member(school, "Later Erbij"))  # joined after the round opened
    assert "Je reactie</h3>" in detail(member_client, proposal)
    html = detail(reader, proposal)
    assert "Je bent in deze ronde niet gevraagd" in html and "Je reactie</h3>" not in html
    assert "Je bent in deze ronde niet gevraagd" not in detail(member_client, proposal)


def test_the_author_and_the_leader_steer_a_member_does_not_in_any_order(
    proposal, consent_round, tl_client, leader_client, member_client
):
    close = reverse("decisions:round-close", args=[proposal.school.slug, proposal.pk, consent_round.pk])
    for client, steers in [(member_client, False), (tl_client, True), (member_client, False), (leader_client, True)]:
        assert (close in detail(client, proposal)) is steers


def test_two_schools_never_share_a_page(
    proposal, consent_round, member, other_school, outsider, make_member, client_for
):
    Membership.objects.create(user=member, school=other_school)
    there = consent.create_proposal(other_school, outsider, title="Elders", problem="Daar.", body="Tekst elders.")
    here_html = detail(client_for(member), proposal)
    there_html = detail(client_for(member), there)
    assert "Tekst elders." in there_html and "Tekst elders." not in here_html
    assert "We oefenen elke dag tien minuten." in here_html and "We oefenen elke dag" not in there_html


def test_the_kept_body_holds_no_csrf_token_and_the_form_a_fresh_one(proposal, consent_round, member_client):
    form_with_token = re.compile(r'reageren/" novalidate[^>]*>\s*<input type="hidden" name="csrfmiddlewaretoken"')
    for html in (detail(member_client, proposal), detail(member_client, proposal)):  # fresh, then kept
        assert form_with_token.search(html)


# --- queries ------------------------------------------------------------------------------------


def test_the_kept_page_needs_fewer_queries_and_as_many_with_more_responses(
    proposal,
    consent_round,
    member,
    member_client,
    school,
    make_member,
    count_queries,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    consent.respond(consent_round.pk, member, kind="zorg", text="Eerste.")
    url = reverse("decisions:proposal-detail", args=[school.slug, proposal.pk])
    cold_count, warm_count = count_queries(member_client, url), count_queries(member_client, url)
    assert warm_count < cold_count
    people = [make_member(school) for _ in range(15)]
    Invitation.objects.bulk_create([Invitation(round=consent_round, user=p) for p in people])
    for i, p in enumerate(people):
        consent.respond(consent_round.pk, p, kind=["instemming", "zorg", "bezwaar"][i % 3], text="reden")
    with django_assert_max_num_queries(cold_count):
        html = detail(member_client, proposal)
    assert Response.objects.count() == 16 and counts(html) == (5, 6, 5)
    with django_assert_num_queries(warm_count):
        member_client.get(url)


def test_the_authors_actions_follow_the_round_at_once(proposal, teacher_leader, tl_client, leader_client):
    opening = reverse("decisions:round-open", args=[proposal.school.slug, proposal.pk])
    assert opening in detail(tl_client, proposal) and opening in detail(leader_client, proposal)
    round_ = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=2)
    )
    closing = reverse("decisions:round-close", args=[proposal.school.slug, proposal.pk, round_.pk])
    html = detail(tl_client, proposal)
    assert closing in html and opening not in html and "Nieuwe versie maken" in html
    consent.close_round(round_.pk, teacher_leader)
    html = detail(leader_client, proposal)
    assert closing not in html and "Ronde sluiten" not in html and "Besloten" in html


def test_a_renamed_proposal_and_author_show_at_once(proposal, teacher_leader, member_client, warm):
    consent.edit_proposal(proposal, teacher_leader, title="Rekenen elke dag", problem=proposal.problem, body="Tekst.")
    teacher_leader.name = "Tim Trekker-Nieuw"
    teacher_leader.save()
    html = detail(member_client, proposal)
    assert "<h1>Rekenen elke dag</h1>" in html and "Voorbereid door Tim Trekker-Nieuw" in html


def test_a_kept_proposal_is_still_404_for_another_school(proposal, member_client, outsider_client, other_school, warm):
    detail(member_client, proposal)  # kept for this school
    there = reverse("decisions:proposal-detail", args=[other_school.slug, proposal.pk])
    assert outsider_client.get(there).status_code == 404
    here = reverse("decisions:proposal-detail", args=[proposal.school.slug, proposal.pk])
    assert outsider_client.get(here).status_code == 404
