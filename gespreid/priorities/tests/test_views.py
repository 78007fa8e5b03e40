"""Priorities: list with coverage, create/edit, requirements, gap analysis page, vacancy profile, card."""

from datetime import date

import pytest
from django.urls import reverse

from gespreid.core.models import AuditEntry, SchoolYear
from gespreid.priorities.models import Priority, Requirement


def form_data(year, **extra):
    return {
        "title": "Eigenaarschap bij leerlingen",
        "intended_result": "Leerlingen plannen zelf",
        "first_year": year.id,
        "is_active": "on",
        **extra,
    }


def test_list_shows_running_priorities_with_coverage(member_client, school, member, leader, year, priority, give):
    give(leader, school.expertise_areas.get(key="coaching"), year, level=4)
    html = member_client.get(reverse("priorities:priority-list", args=[school.slug])).content.decode()
    assert "Begrijpend lezen versterken" in html
    assert "Dekking: 33%" in html  # 1 of 3 people
    assert '<svg class="chart coverage"' in html and "1 van 1 nodig" in html


def test_empty_list_explains_next_step(leader_client, school, leader, year):
    html = leader_client.get(reverse("priorities:priority-list", args=[school.slug])).content.decode()
    assert "Nog geen speerpunten voor dit schooljaar" in html and "voeg het eerste toe" in html


def test_leader_creates_a_priority_spanning_years(leader_client, school, leader, member, year):
    next_year = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year + 1, 8, 1), ends_on=date(year.starts_on.year + 2, 7, 31)
    )
    response = leader_client.post(
        reverse("priorities:priority-create", args=[school.slug]),
        form_data(year, last_year=next_year.id, owner=member.id),
    )
    priority = Priority.objects.get(school=school)
    assert response.status_code == 302 and response["Location"] == reverse(
        "priorities:priority-detail", args=[school.slug, priority.id]
    )
    assert priority.last_year == next_year and priority.owner == member
    assert member.notifications.filter(message__contains="eigenaar").exists()
    assert AuditEntry.objects.filter(action="priorities.create").exists()
    # it runs next year too
    html = leader_client.get(
        reverse("priorities:priority-list", args=[school.slug]) + f"?jaar={next_year.id}"
    ).content.decode()
    assert "Eigenaarschap bij leerlingen" in html.split("Andere speerpunten")[0]


def test_priority_bad_input(leader_client, school, other_school, outsider, leader, year):
    url = reverse("priorities:priority-create", args=[school.slug])
    earlier = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    cases = [
        (form_data(year, title=""), "Geef het speerpunt een titel."),
        (form_data(year, title="x" * 151), "150"),
        (form_data(year, last_year=earlier.id), "Het laatste schooljaar ligt vóór het eerste."),
        (form_data(year, owner=outsider.id), "Kies een teamlid van jullie school."),
        (form_data(year, first_year=other_school.current_year().id), "Kies een schooljaar van jullie school."),
        (form_data(year, intended_result="x" * 3001), "3000"),
    ]
    for data, message in cases:
        response = leader_client.post(url, data)
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not Priority.objects.exists()


def test_more_than_five_gets_a_friendly_warning(leader_client, school, leader, year):
    for i in range(5):
        Priority.objects.create(school=school, title=f"Speerpunt {i}", first_year=year)
    form_page = leader_client.get(reverse("priorities:priority-create", args=[school.slug])).content.decode()
    assert "Minder is vaak meer" in form_page
    response = leader_client.post(
        reverse("priorities:priority-create", args=[school.slug]), form_data(year), follow=True
    )
    assert "6 actieve speerpunten" in response.content.decode()
    assert (
        "Minder is vaak meer"
        in leader_client.get(reverse("priorities:priority-list", args=[school.slug])).content.decode()
    )


def test_five_is_fine(leader_client, school, leader, year):
    for i in range(5):
        Priority.objects.create(school=school, title=f"Speerpunt {i}", first_year=year)
    assert (
        "Minder is vaak meer"
        not in leader_client.get(reverse("priorities:priority-list", args=[school.slug])).content.decode()
    )


def test_edit_priority(leader_client, school, leader, year, priority):
    url = reverse("priorities:priority-edit", args=[school.slug, priority.id])
    assert leader_client.get(url).status_code == 200
    leader_client.post(url, form_data(year, title="Lezen met plezier"))
    priority.refresh_from_db()
    assert priority.title == "Lezen met plezier"


def test_members_cannot_create_or_edit(member_client, school, member, year, priority):
    assert member_client.get(reverse("priorities:priority-create", args=[school.slug])).status_code == 403
    assert (
        member_client.post(reverse("priorities:priority-create", args=[school.slug]), form_data(year)).status_code
        == 403
    )
    assert (
        member_client.post(
            reverse("priorities:priority-edit", args=[school.slug, priority.id]), form_data(year, title="X")
        ).status_code
        == 403
    )
    area = school.expertise_areas.get(key="engels")
    assert (
        member_client.post(
            reverse("priorities:requirement-add", args=[school.slug, priority.id]),
            {"area": area.id, "min_level": 2, "people_needed": 1},
        ).status_code
        == 403
    )
    req = priority.requirements.first()
    assert member_client.post(reverse("priorities:requirement-delete", args=[school.slug, req.id])).status_code == 403
    assert Priority.objects.get().title == "Begrijpend lezen versterken" and priority.requirements.count() == 2


def test_outsider_gets_404_for_a_priority_through_their_own_school(outsider_client, other_school, outsider, priority):
    assert (
        outsider_client.get(reverse("priorities:priority-detail", args=[other_school.slug, priority.id])).status_code
        == 404
    )
    req = priority.requirements.first()
    # even as leader of their own school, another school's rows do not exist for them
    from gespreid.core.models import Membership

    Membership.objects.filter(user=outsider).update(is_leader=True)
    assert (
        outsider_client.post(reverse("priorities:requirement-delete", args=[other_school.slug, req.id])).status_code
        == 404
    )
    assert (
        outsider_client.post(
            reverse("priorities:priority-edit", args=[other_school.slug, priority.id]), {"title": "X"}
        ).status_code
        == 404
    )
    area = other_school.expertise_areas.first()
    assert (
        outsider_client.post(
            reverse("priorities:requirement-add", args=[other_school.slug, priority.id]),
            {"area": area.id, "min_level": 2, "people_needed": 1},
        ).status_code
        == 404
    )
    assert priority.requirements.count() == 2


def test_detail_shows_gap_analysis_with_growers_helpers_and_routes(
    member_client, school, other_school, member, leader, teacher_leader, outsider, year, priority, give
):
    lezen = school.expertise_areas.get(key="begrijpend-lezen")
    give(leader, lezen, year, level=4)  # one person: fragile...
    give(member, lezen, year, level=1, wants_growth=True, target_level=3)  # ...but someone wants to grow
    give(outsider, other_school.expertise_areas.get(key="coaching"), other_school.current_year(), level=4)
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.id])).content.decode()
    assert "kwetsbaar: rust op één persoon" in html and "opleiden: iemand wil hierin groeien" in html
    assert (
        "ontbreekt" in html and "Otto Buiten" in html and "delen: een andere school van het bestuur heeft het" in html
    )
    school.board.allow_cross_school_search = False
    school.board.save()
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.id])).content.decode()
    assert "Otto Buiten" not in html and "werven: zoek het in een nieuwe collega" in html


def test_a_priority_without_expertise_explains(member_client, school, member, year):
    empty = Priority.objects.create(school=school, title="Nog leeg", first_year=year)
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, empty.id])).content.decode()
    assert "Dit speerpunt heeft nog geen benodigde expertise." in html
    listing = member_client.get(reverse("priorities:priority-list", args=[school.slug])).content.decode()
    assert "Nog geen benodigde expertise" in listing


def test_leader_adds_and_removes_requirements(leader_client, school, leader, year, priority):
    engels = school.expertise_areas.get(key="engels")
    url = reverse("priorities:requirement-add", args=[school.slug, priority.id])
    assert leader_client.post(url, {"area": engels.id, "min_level": 2, "people_needed": 3}).status_code == 302
    req = Requirement.objects.get(priority=priority, area=engels)
    assert (req.min_level, req.people_needed) == (2, 3)
    leader_client.post(reverse("priorities:requirement-delete", args=[school.slug, req.id]))
    assert not Requirement.objects.filter(pk=req.pk).exists()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"min_level": 5, "people_needed": 1}, "Kies een niveau van 1 (basis) tot en met 4 (expert)."),
        ({"min_level": 0, "people_needed": 1}, "Kies een niveau van 1 (basis) tot en met 4 (expert)."),
        ({"min_level": 2, "people_needed": 0}, "Minstens één persoon."),
        ({"min_level": 2, "people_needed": 500}, "Hoogstens twintig mensen."),
        ({"min_level": 2, "people_needed": "veel"}, "Vul een aantal in."),
    ],
)
def test_requirement_bad_input(leader_client, school, leader, year, priority, values, message):
    engels = school.expertise_areas.get(key="engels")
    response = leader_client.post(
        reverse("priorities:requirement-add", args=[school.slug, priority.id]), {"area": engels.id, **values}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert priority.requirements.count() == 2


def test_requirement_unknown_duplicate_or_retired_area(leader_client, school, other_school, leader, year, priority):
    from django.utils import timezone

    url = reverse("priorities:requirement-add", args=[school.slug, priority.id])
    foreign = other_school.expertise_areas.get(key="engels")
    assert (
        "Dit vakgebied bestaat niet op jullie school."
        in leader_client.post(url, {"area": foreign.id, "min_level": 2, "people_needed": 1}).content.decode()
    )
    lezen = school.expertise_areas.get(key="begrijpend-lezen")
    assert (
        "vraagt al om deze expertise"
        in leader_client.post(url, {"area": lezen.id, "min_level": 2, "people_needed": 1}).content.decode()
    )
    engels = school.expertise_areas.get(key="engels")
    engels.retired_at = timezone.now()
    engels.save()
    assert (
        "niet meer in gebruik"
        in leader_client.post(url, {"area": engels.id, "min_level": 2, "people_needed": 1}).content.decode()
    )
    assert priority.requirements.count() == 2


def test_vacancy_profile_orders_by_need(member_client, school, leader, member, year, priority, give):
    give(leader, school.expertise_areas.get(key="coaching"), year, level=4)
    html = member_client.get(reverse("priorities:vacancy", args=[school.slug])).content.decode()
    assert html.index("Begrijpend lezen") < html.index("Coachen")
    assert "ontbreekt" in html and "kwetsbaar" in html


def test_vacancy_without_priorities(member_client, school, member, year):
    html = member_client.get(reverse("priorities:vacancy", args=[school.slug])).content.decode()
    assert "Nog geen speerpunten met benodigde expertise" in html


def test_home_card_shows_priorities_with_coverage(member_client, school, member, leader, year, priority, give):
    give(leader, school.expertise_areas.get(key="coaching"), year, level=4)
    html = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Begrijpend lezen versterken" in html and "dekking 33%" in html


def test_list_and_card_queries_do_not_grow(
    member_client, school, member, leader, year, make_member, give, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    areas = list(school.expertise_areas.all()[:6])
    list_url = reverse("priorities:priority-list", args=[school.slug])
    home_url = reverse("core:home", args=[school.slug])

    def counts():
        member_client.get(list_url), member_client.get(home_url)  # warm the per-version caches
        result = []
        for url in (list_url, home_url):
            with CaptureQueriesContext(connection) as ctx:
                assert member_client.get(url).status_code == 200
            result.append(len(ctx.captured_queries))
        return result

    p = Priority.objects.create(school=school, title="Speerpunt 0", first_year=year)
    Requirement.objects.create(priority=p, area=areas[0], min_level=2, people_needed=2)
    few = counts()
    for i in range(1, 5):
        p = Priority.objects.create(school=school, title=f"Speerpunt {i}", first_year=year)
        for a in areas[i : i + 3]:
            Requirement.objects.create(priority=p, area=a, min_level=2, people_needed=2)
    for i in range(15):
        person = make_member(school)
        for a in areas:
            give(person, a, year, level=1 + i % 4)
    assert counts() == few
    assert few[0] <= 14


def test_coverage_chart_is_valid_svg_with_labels(
    member_client, school, leader, member, teacher_leader, year, priority, give
):
    import re
    from xml.etree import ElementTree

    from gespreid.priorities.models import Requirement

    Requirement.objects.filter(priority=priority, area__key="coaching").update(people_needed=3)
    give(leader, school.expertise_areas.get(key="coaching"), year, level=4)
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.id])).content.decode()
    svg = re.search(r'<svg class="chart coverage".*?</svg>', html, re.S).group(0)
    root = ElementTree.fromstring(svg.replace("&nbsp;", " "))
    widths = [r.get("width") for r in root.iter("rect")]
    assert widths and all("," not in w for w in widths)
    assert "1 van 3 nodig" in svg and "0 van 2 nodig" in svg and "<title" in svg


def test_detail_links_to_the_groups_proposals_and_highlights_of_the_priority(
    member_client, school, year, leader, priority
):
    from gespreid.decisions.models import Proposal
    from gespreid.groups.models import Group

    group = Group.objects.create(school=school, school_year=year, name="Leesgroep", priority=priority, lead=leader)
    proposal = Proposal.objects.create(school=school, title="Leesaanpak", problem="x", author=leader, priority=priority)
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.id])).content.decode()
    assert reverse("groups:group-detail", args=[school.slug, group.pk]) in html
    assert reverse("decisions:proposal-detail", args=[school.slug, proposal.pk]) in html
    assert f"?priority={priority.pk}" in html


def test_detail_without_groups_offers_to_start_one_for_this_priority(member_client, school, priority):
    html = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.id])).content.decode()
    assert "Nog geen werkgroep" in html
    start = reverse("groups:group-create", args=[school.slug]) + f"?priority={priority.pk}"
    assert start in html
    form_html = member_client.get(start).content.decode()
    assert f'<option value="{priority.pk}" selected>' in form_html
