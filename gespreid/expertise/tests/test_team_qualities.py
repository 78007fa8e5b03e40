"""Issue 20: the team's qualities on one page; an ambition wider than one area, owned by the person."""

import pytest
from django.urls import reverse

from gespreid.core.models import Membership
from gespreid.expertise.models import Profile


def qualities_url(school, query=""):
    return reverse("expertise:team-qualities", args=[school.slug]) + query


@pytest.fixture
def written(school, year, leader, teacher_leader, member):
    Membership.objects.filter(user=member).update(bouw="onderbouw", class_group="1/2")
    Membership.objects.filter(user=teacher_leader).update(bouw="middenbouw", class_group="5")
    Profile.objects.create(school=school, school_year=year, user=member, qualities="Kleuters en voorlezen.")
    Profile.objects.create(
        school=school,
        school_year=year,
        user=teacher_leader,
        qualities="Rekendidactiek; ik coach graag.",
        ambition="Wil IB'er worden.",
    )


def test_every_colleague_reads_the_whole_teams_qualities(member_client, school, written):
    html = member_client.get(qualities_url(school)).content.decode()
    assert "Kwaliteiten van het team" in html
    assert "Kleuters en voorlezen." in html and "Rekendidactiek; ik coach graag." in html
    assert "Lea Leider" in html and "nog niets beschreven" in html  # listed too, not left out
    assert "2 van 3 collega's hebben kwaliteiten beschreven." in html
    # Alphabetical, never ranked: Lea, Mila, Tim.
    assert html.index("Lea Leider") < html.index("Mila Lid") < html.index("Tim Trekker")


def test_the_ambition_is_for_the_person_and_the_leader_only(member_client, leader_client, tl_client, school, written):
    assert "Wil IB&#x27;er worden." not in member_client.get(qualities_url(school)).content.decode()
    assert "Wil IB&#x27;er worden." in leader_client.get(qualities_url(school)).content.decode()
    tim = Profile.objects.get(ambition__startswith="Wil").user
    detail = reverse("expertise:profile-detail", args=[school.slug, tim.pk])
    assert "Wil IB&#x27;er worden." not in member_client.get(detail).content.decode()
    assert "Wil IB&#x27;er worden." in leader_client.get(detail).content.decode()
    assert "Wil IB&#x27;er worden." in tl_client.get(detail).content.decode()


def test_only_the_person_writes_their_ambition(member_client, school, year, member, teacher_leader, written):
    url = reverse("expertise:settings-save", args=[school.slug])
    data = {"qualities": "Kleuters.", "ambition": "Wil teacher leader worden.", "visible_to_board": "on"}
    assert member_client.post(url, data).status_code == 302
    assert Profile.objects.get(user=member, school_year=year).ambition == "Wil teacher leader worden."
    assert Profile.objects.get(user=teacher_leader, school_year=year).ambition == "Wil IB'er worden."  # untouched
    too_long = member_client.post(url, {**data, "ambition": "x" * 301})
    assert too_long.status_code == 400 and "niet meer dan 300 tekens" in too_long.content.decode()
    assert Profile.objects.get(user=member, school_year=year).ambition == "Wil teacher leader worden."


def test_the_qualities_page_filters_by_bouw_and_ignores_bad_values(member_client, school, written):
    html = member_client.get(qualities_url(school, "?bouw=onderbouw")).content.decode()
    assert "Kleuters en voorlezen." in html and "Rekendidactiek" not in html
    for bad in ("?bouw=kelder", "?bouw=%00", "?jaar=99999999999999999999999", "?jaar=abc"):
        response = member_client.get(qualities_url(school, bad))
        assert response.status_code == 200 and "Rekendidactiek" in response.content.decode()


def test_the_qualities_page_keeps_constant_queries(
    member_client, school, year, written, make_member, django_assert_max_num_queries
):
    member_client.get(qualities_url(school))
    for i in range(30):
        user = make_member(school)
        Profile.objects.create(school=school, school_year=year, user=user, qualities=f"Kwaliteit {i}")
    with django_assert_max_num_queries(10):
        html = member_client.get(qualities_url(school)).content.decode()
    assert "Kwaliteit 29" in html


def test_another_school_cannot_read_the_qualities(outsider_client, school, written):
    assert outsider_client.get(qualities_url(school)).status_code == 404


def test_the_team_page_links_to_the_qualities(member_client, school, member):
    html = member_client.get(reverse("core:team", args=[school.slug])).content.decode()
    assert qualities_url(school) in html
