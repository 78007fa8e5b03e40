import pytest
from django.urls import reverse

from gespreid.core.models import Membership


def test_home_shows_school_year_and_team_card(member_client, school, leader, member):
    response = member_client.get(reverse("core:home", args=[school.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "De Linde" in html
    year = school.current_year()
    assert f"Schooljaar {year}" in html
    assert "2 teamleden" in html


def test_team_page_lists_function_fte_and_roles(member_client, school, leader, member):
    html = member_client.get(reverse("core:team", args=[school.slug])).content.decode()
    assert "Lea Leider" in html and "Mila Lid" in html
    assert "Schoolleider" in html
    assert "0,8" in html  # Dutch decimal comma


def test_inactive_member_has_no_access(member_client, school, member):
    Membership.objects.filter(user=member).update(is_active=False)
    assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 404


def test_team_page_queries_do_not_grow_with_team(
    member_client, school, member, make_member, django_assert_max_num_queries
):
    url = reverse("core:team", args=[school.slug])
    member_client.get(url)
    for _ in range(30):
        make_member(school)
    with django_assert_max_num_queries(8):
        assert member_client.get(url).status_code == 200


def test_start_goes_to_the_only_school(member_client, school):
    response = member_client.get(reverse("core:start"))
    assert response.status_code == 302 and response["Location"] == reverse("core:home", args=[school.slug])


def test_start_lets_a_person_with_two_schools_choose(member_client, member, school, other_school):
    Membership.objects.create(user=member, school=other_school)
    html = member_client.get(reverse("core:start")).content.decode()
    assert "De Linde" in html and "Het Anker" in html


def test_start_takes_a_board_member_without_a_school_straight_to_the_board(board_client, board):
    response = board_client.get(reverse("core:start"))
    assert response.status_code == 302 and response["Location"] == reverse("board:overview", args=[board.slug])


def test_english_is_one_click_away(member_client, school):
    response = member_client.post(reverse("set_language"), {"language": "en", "next": f"/{school.slug}/"}, follow=True)
    assert "Team" in response.content.decode()
    assert "What needs your attention now?" in response.content.decode()


@pytest.mark.parametrize("path", ["/accounts/login/"])
def test_pages_send_a_strict_content_security_policy(client, db, path):
    csp = client.get(path)["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_dutch_first_whatever_the_browser_says(client, db):
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Inloggen" in html and 'lang="nl"' in html


def test_english_after_choosing_it_even_with_a_dutch_browser(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nl-NL").content.decode()
    assert 'lang="en"' in html and "Log in" in html


def test_the_section_menu_marks_the_page_you_are_on(member_client, school, member):
    """The menu is rendered once per school, role, language and page (a cached fragment): check each differs."""
    import re

    def current(url):
        html = member_client.get(url).content.decode()
        return set(re.findall(r'<a href="([^"]+)" aria-current="page">', html))

    assert current(reverse("core:home", args=[school.slug])) == {reverse("core:home", args=[school.slug])}
    assert current(reverse("core:team", args=[school.slug])) == {reverse("core:team", args=[school.slug])}
    assert current(reverse("core:home", args=[school.slug])) == {reverse("core:home", args=[school.slug])}
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert ">Decisions</a>" in html and ">Besluiten</a>" not in html


def test_the_school_year_of_today_comes_with_the_membership(school, member):
    """access.get_membership picks the year exactly as School.current_year() does, in the same query."""
    from datetime import date

    from gespreid.core.access import get_membership
    from gespreid.core.models import SchoolYear

    current = school.current_year()
    nxt = SchoolYear.objects.create(
        school=school, starts_on=date(current.ends_on.year, 8, 1), ends_on=date(current.ends_on.year + 1, 7, 31)
    )
    SchoolYear.objects.create(
        school=school, starts_on=date(current.starts_on.year - 1, 8, 1), ends_on=date(current.starts_on.year, 7, 31)
    )
    assert get_membership(member, school.slug).school_year == current != nxt
    SchoolYear.objects.filter(pk=current.pk).delete()
    assert get_membership(member, school.slug).school_year is None is school.current_year()
