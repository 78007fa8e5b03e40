"""The matrix page shows every change at once, and only the school's own people.

Each test first loads the matrix, changes something through the app's own write path, and loads
the matrix again.
"""

import html as html_lib
import re
from datetime import date

import pytest
from django.urls import reverse

from gespreid.core.models import Membership, SchoolYear
from gespreid.expertise import profiles, taxonomy
from gespreid.expertise.models import ExpertiseEntry


def matrix(client, school, query=""):
    response = client.get(reverse("expertise:matrix", args=[school.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def area_names(page):
    return [html_lib.unescape(n) for n in re.findall(r'<th scope="col" class="area"><span>(.*?)</span></th>', page)]


def person_names(page):
    return [
        html_lib.unescape(n) for n in re.findall(r'<th scope="row" class="person"><a href="[^"]*">(.*?)</a></th>', page)
    ]


def cell(page, person_name, area_name):
    """The text of one matrix cell ("" when empty), found by the person's row and the area's column."""
    column = area_names(page).index(area_name)
    rows = re.findall(r'<th scope="row" class="person"><a href="[^"]*">(.*?)</a></th>(.*?)</tr>', page)
    cells = dict(rows)[html_lib.escape(person_name)]
    return re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>.*?</td>", cells)[column])


@pytest.fixture
def warm(member_client, school, member, year, area, give):
    give(member, area("rekenen-wiskunde"), year, level=2)
    page = matrix(member_client, school)
    assert cell(page, member.name, "Rekenen en wiskunde") == "2"
    return page


def test_a_changed_level_shows_at_once(member_client, school, member, year, area, warm):
    profiles.save_entry(member, school, year, area("rekenen-wiskunde"), {"level": 4})
    assert cell(matrix(member_client, school), member.name, "Rekenen en wiskunde") == "4"


def test_a_removed_entry_disappears_at_once(member_client, school, member, year, area, warm):
    profiles.save_entry(member, school, year, area("rekenen-wiskunde"), {"level": None, "wants_growth": False})
    assert cell(matrix(member_client, school), member.name, "Rekenen en wiskunde") == ""


def test_a_growth_wish_shows_at_once(member_client, school, member, year, area, warm):
    profiles.save_entry(member, school, year, area("engels"), {"wants_growth": True, "target_level": 3})
    assert "↑" in cell(matrix(member_client, school), member.name, "Engels")


def test_a_renamed_area_shows_at_once(member_client, school, leader, area, warm):
    taxonomy.rename_area(leader, area("rekenen-wiskunde"), "Rekenen & wiskunde")
    assert "Rekenen & wiskunde" in area_names(matrix(member_client, school))


def test_a_retired_area_disappears_and_comes_back(member_client, school, leader, area, warm):
    taxonomy.retire_area(leader, area("rekenen-wiskunde"))
    assert "Rekenen en wiskunde" not in area_names(matrix(member_client, school))
    taxonomy.restore_area(leader, area("rekenen-wiskunde"))
    assert "Rekenen en wiskunde" in area_names(matrix(member_client, school))


def test_a_new_area_and_domain_show_at_once(member_client, school, leader, warm):
    domain = taxonomy.add_domain(leader, school, "Nieuw domein")
    taxonomy.add_area(leader, school, domain, "Schaken")
    page = matrix(member_client, school)
    assert "Schaken" in area_names(page) and "Nieuw domein" in page


def test_a_new_person_shows_at_once(member_client, school, make_member, warm):
    make_member(school, "Nieuwe Collega")
    assert "Nieuwe Collega" in person_names(matrix(member_client, school))


def test_a_person_who_leaves_disappears_at_once(member_client, school, make_member, warm):
    make_member(school, "Vertrekt Straks")
    assert "Vertrekt Straks" in person_names(matrix(member_client, school))
    Membership.objects.filter(user__name="Vertrekt Straks").get().delete()
    assert "Vertrekt Straks" not in person_names(matrix(member_client, school))


def test_a_renamed_person_shows_at_once(member_client, school, member, warm):
    member.name = "Andere Naam"
    member.save()
    names = person_names(matrix(member_client, school))
    assert "Andere Naam" in names


def test_the_language_is_part_of_the_key(member_client, school, warm):
    assert "Expertise in beeld" in warm
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = matrix(member_client, school)
    assert "Expertise at a glance" in page and "Expertise in beeld" not in page
    member_client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert "Expertise in beeld" in matrix(member_client, school)


def test_the_domain_filter_is_part_of_the_key(member_client, school, warm):
    filtered = matrix(member_client, school, "?domein=leiderschap")
    assert "Rekenen en wiskunde" not in area_names(filtered) and "Coachen" in area_names(filtered)
    assert "Rekenen en wiskunde" in area_names(matrix(member_client, school))


def test_an_unknown_domain_filter_shows_everything(member_client, school, warm):
    assert area_names(matrix(member_client, school, "?domein=bestaat-niet")) == area_names(warm)


def test_the_school_year_is_part_of_the_key(member_client, school, member, year, area, warm):
    before = SchoolYear.objects.create(
        school=school,
        starts_on=date(year.starts_on.year - 1, 8, 1),
        ends_on=date(year.starts_on.year, 7, 31),
    )
    ExpertiseEntry.objects.create(
        school=school, school_year=before, user=member, area=area("rekenen-wiskunde"), level=1
    )
    assert cell(matrix(member_client, school, f"?jaar={before.pk}"), member.name, "Rekenen en wiskunde") == "1"
    assert cell(matrix(member_client, school, f"?jaar={year.pk}"), member.name, "Rekenen en wiskunde") == "2"
    assert cell(matrix(member_client, school), member.name, "Rekenen en wiskunde") == "2"


def test_entries_copied_forward_in_bulk_show(member_client, school, member, year, area, warm):
    last = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    ExpertiseEntry.objects.create(school=school, school_year=last, user=member, area=area("engels"), level=3)
    profiles.copy_forward(member, school, last, year)
    assert cell(matrix(member_client, school), member.name, "Engels") == "3"


def test_two_schools_never_share_an_entry(member_client, school, other_school, member, make_member, year, area, give):
    other = make_member(other_school, "Collega Elders")
    Membership.objects.create(user=member, school=other_school)
    give(other, other_school.expertise_areas.get(key="rekenen-wiskunde"), other_school.current_year(), level=4)
    give(member, area("rekenen-wiskunde"), year, level=1)
    here, there = matrix(member_client, school), matrix(member_client, other_school)
    assert "Collega Elders" in person_names(there) and "Collega Elders" not in person_names(here)
    assert cell(there, "Collega Elders", "Rekenen en wiskunde") == "4"
    assert cell(here, member.name, "Rekenen en wiskunde") == "1"
    assert reverse("expertise:matrix", args=[other_school.slug]) in there
    assert reverse("expertise:matrix", args=[other_school.slug]) not in here


def test_a_leader_and_a_member_see_their_own_subnav(leader_client, member_client, school, leader, member, year):
    manage = reverse("expertise:taxonomy", args=[school.slug])
    assert manage in matrix(leader_client, school)
    assert manage not in matrix(member_client, school)
    assert manage in matrix(leader_client, school)


def test_the_kept_matrix_needs_fewer_queries_and_as_many_for_a_larger_team(
    leader_client,
    school,
    make_member,
    year,
    area,
    give,
    count_queries,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    url = reverse("expertise:matrix", args=[school.slug])
    cold_count, warm_count = count_queries(leader_client, url), count_queries(leader_client, url)
    assert warm_count < cold_count
    for _ in range(15):
        give(make_member(school), area("engels"), year, level=3)
    with django_assert_max_num_queries(cold_count):
        assert "Collega" in matrix(leader_client, school)
    with django_assert_num_queries(warm_count):
        leader_client.get(url)


def test_a_leader_and_a_member_see_the_same_matrix_under_their_own_key(
    leader_client, member_client, school, member, year, area, give
):
    give(member, area("engels"), year, level=3)
    assert cell(matrix(member_client, school), member.name, "Engels") == "3"
    profiles.save_entry(member, school, year, area("engels"), {"level": 1})
    assert cell(matrix(leader_client, school), member.name, "Engels") == "1"
    assert cell(matrix(member_client, school), member.name, "Engels") == "1"
