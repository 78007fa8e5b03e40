"""Gaps to action: a route per gap (train whom, who shares with whom, hire), statuses that follow it,
growers below the level shown with why, and a vacancy draft from the gaps that remain."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gespreid.core.models import Notification
from gespreid.expertise.models import ExpertiseEntry
from gespreid.priorities import gaps
from gespreid.priorities.models import GapRoute, Priority, Requirement, VacancyDraft


def url(name, school, *args):
    return reverse(f"priorities:{name}", args=[school.slug, *args])


@pytest.fixture
def reading(school, year, leader, teacher_leader, member):
    """'Lezen' needs 2 people at level 3 in taal-lezen: the teacher leader has it (fragile), the member wants
    to grow to 3, the leader wants to grow but only to 2."""
    area = school.expertise_areas.get(key="taal-lezen")
    priority = Priority.objects.create(school=school, title="Lezen", first_year=year, owner=leader)
    req = Requirement.objects.create(priority=priority, area=area, min_level=3, people_needed=2)
    ExpertiseEntry.objects.create(school=school, school_year=year, user=teacher_leader, area=area, level=4)
    ExpertiseEntry.objects.create(
        school=school, school_year=year, user=member, area=area, level=1, wants_growth=True, target_level=3
    )
    ExpertiseEntry.objects.create(
        school=school, school_year=year, user=leader, area=area, level=1, wants_growth=True, target_level=2
    )
    return req


def test_gap_without_route_reads_short_and_shows_growers_below_level(leader_client, school, reading):
    page = leader_client.get(url("priority-detail", school, reading.priority_id)).content.decode()
    assert "kwetsbaar: rust op één persoon" in page
    assert "Lea Leider wil groeien tot niveau 2; nodig is 3" in page
    assert url("gap-route", school, reading.pk) in page


def test_training_route_turns_the_gap_into_in_ontwikkeling(leader_client, school, reading, member):
    response = leader_client.post(
        url("gap-route", school, reading.pk), {"route": "train", "person": member.pk, "note": "Cursus in maart"}
    )
    assert response.status_code == 302
    route = GapRoute.objects.get(requirement=reading)
    assert route.person == member and route.school == school
    page = leader_client.get(url("priority-detail", school, reading.priority_id)).content.decode()
    assert "in ontwikkeling" in page and "Mila Lid wordt opgeleid" in page and "Cursus in maart" in page
    assert Notification.objects.filter(user=member, message__contains="groeien").exists()
    # Planned training leaves nothing for the vacancy.
    vacancy = leader_client.get(url("vacancy", school)).content.decode()
    assert "Lezen" not in vacancy.split("Vacaturetekst")[0].split("</h1>")[1]


def test_sharing_route_reads_gedeeld_and_needs_a_partner(leader_client, school, reading, teacher_leader, member):
    response = leader_client.post(url("gap-route", school, reading.pk), {"route": "share", "person": teacher_leader.pk})
    assert response.status_code == 400 and "met wie" in response.content.decode()
    leader_client.post(
        url("gap-route", school, reading.pk), {"route": "share", "person": teacher_leader.pk, "partner": member.pk}
    )
    page = leader_client.get(url("priority-detail", school, reading.priority_id)).content.decode()
    assert "gedeeld" in page and "Tim Trekker deelt met Mila Lid" in page
    leader_client.post(url("gap-route", school, reading.pk), {"clear": "1"})
    assert not GapRoute.objects.exists()


def test_hire_route_keeps_the_gap_in_the_vacancy_draft(leader_client, school, year, reading):
    leader_client.post(url("gap-route", school, reading.pk), {"route": "hire"})
    page = leader_client.get(url("vacancy", school)).content.decode()
    assert "Taal" in page and "minimaal niveau 3" in page and "kwetsbaar: rust op één persoon, voor Lezen" in page
    data = {"function": "Leerkracht", "fte": "0.8", "scale": "L10", "needs": "Leesspecialist", "why": "Lezen"}
    assert leader_client.post(url("vacancy", school), data).status_code == 302
    draft = VacancyDraft.objects.get(school=school, school_year=year)
    assert draft.fte == Decimal("0.80") and draft.needs == "Leesspecialist"
    text = leader_client.get(url("vacancy-export", school)).content.decode()
    assert text.startswith("Leerkracht (0.80 fte, L10)") and "Leesspecialist" in text


def test_fragile_row_is_not_a_person_short():
    need = gaps.Need(1, "Rekenen", 3, 1)
    gap = gaps.assess(need, [gaps.Holder(1, "A", 3)])
    assert gap.status == gaps.FRAGILE and gap.shortfall == 0
    (line,) = gaps.vacancy_profile([("P", [gap])])
    assert line.people_short == 0 and line.status == gaps.FRAGILE


def test_members_and_outsiders_cannot_record_routes(member_client, outsider_client, school, reading):
    assert member_client.post(url("gap-route", school, reading.pk), {"route": "hire"}).status_code == 403
    assert outsider_client.get(url("gap-route", school, reading.pk)).status_code == 404
    assert member_client.post(url("vacancy", school), {"function": "x"}).status_code == 403
    assert member_client.get(url("vacancy-export", school)).status_code == 403
    assert not GapRoute.objects.exists() and not VacancyDraft.objects.exists()


def test_route_page_for_a_requirement_of_another_school_is_404(leader_client, other_school, reading):
    other = Priority.objects.create(school=other_school, title="X", first_year=other_school.current_year())
    req = Requirement.objects.create(priority=other, area=reading.area, min_level=2)
    assert leader_client.get(url("gap-route", reading.priority.school, req.pk)).status_code == 404
