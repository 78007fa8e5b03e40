"""A colleague's profile page is kept rendered: every change shows at once, each viewer sees what they may.

Each test first loads the page (so it is kept), changes something through the app's own write path and
loads it again.
"""

import re

import pytest
from django.urls import reverse

from gespreid.core.models import Membership
from gespreid.expertise import profiles
from gespreid.expertise.models import ExpertiseEntry, Suggestion


def page(client, school, person, query=""):
    response = client.get(reverse("expertise:profile-detail", args=[school.slug, person.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def level(html, area_name):
    """The level shown in the row of one area ("" when the row is missing)."""
    found = re.search(rf'<th scope="row">{re.escape(area_name)}.*?</th>\s*<td>(.*?)</td>', html, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).split()[0] if found else ""


@pytest.fixture
def warm(tl_client, school, member, year, area, give):
    """The teacher leader (a plain team member here) looks at Mila's profile: level 2 in rekenen."""
    give(member, area("rekenen-wiskunde"), year, level=2)
    html = page(tl_client, school, member)
    assert level(html, "Rekenen en wiskunde") == "2"
    return html


def test_a_changed_level_shows_at_once(tl_client, school, member, year, area, warm):
    profiles.save_entry(member, school, year, area("rekenen-wiskunde"), {"level": 4})
    assert level(page(tl_client, school, member), "Rekenen en wiskunde") == "4"


def test_a_new_entry_shows_and_a_removed_one_goes_at_once(tl_client, school, member, year, area, warm):
    profiles.save_entry(member, school, year, area("engels"), {"level": 3})
    assert level(page(tl_client, school, member), "Engels") == "3"
    profiles.save_entry(member, school, year, area("engels"), {"level": None, "wants_growth": False})
    assert level(page(tl_client, school, member), "Engels") == ""


def test_an_entry_saved_by_the_person_through_the_page_shows_at_once(member_client, tl_client, school, member, warm):
    entry = ExpertiseEntry.objects.get(user=member)
    response = member_client.post(
        reverse("expertise:entry-save", args=[school.slug]), {"area": entry.area_id, "level": "3"}
    )
    assert response.status_code == 302
    assert level(page(tl_client, school, member), "Rekenen en wiskunde") == "3"


def test_changed_qualities_show_at_once(tl_client, school, member, year, warm):
    profiles.save_settings(member, school, year, "Ik luister goed.", True)
    assert "Ik luister goed." in page(tl_client, school, member)
    profiles.save_settings(member, school, year, "Ik plan graag.", True)
    html = page(tl_client, school, member)
    assert "Ik plan graag." in html and "Ik luister goed." not in html


def test_an_accepted_suggestion_shows_at_once(tl_client, school, leader, member, year, area, warm):
    suggestion = profiles.suggest(leader, member, school, year, area("engels"), 3, False, "")
    profiles.accept(Suggestion.objects.get(pk=suggestion.pk))
    assert level(page(tl_client, school, member), "Engels") == "3"


def test_entries_copied_forward_in_bulk_show_at_once(tl_client, school, member, year, area):
    from datetime import date

    from gespreid.core.models import SchoolYear

    last = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    assert level(page(tl_client, school, member), "Engels") == ""
    ExpertiseEntry.objects.create(school=school, school_year=last, user=member, area=area("engels"), level=3)
    profiles.copy_forward(member, school, last, year)  # bulk_create: no signal, the profile's save counts
    assert level(page(tl_client, school, member), "Engels") == "3"


def test_the_school_year_is_part_of_the_key(tl_client, school, member, year, area, give, warm):
    from datetime import date

    from gespreid.core.models import SchoolYear

    last = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    give(member, area("engels"), last, level=1)
    before = page(tl_client, school, member, f"?jaar={last.pk}")
    assert level(before, "Engels") == "1" and level(before, "Rekenen en wiskunde") == ""
    assert level(page(tl_client, school, member), "Rekenen en wiskunde") == "2"


# --- what each viewer may see -----------------------------------------------------------------


@pytest.fixture
def ambitious(member, school, year):
    profiles.save_settings(member, school, year, "Ik luister goed.", True, ambition="Ooit intern begeleider")


def test_the_ambition_only_for_the_person_and_the_leaders_in_any_order(
    ambitious, tl_client, leader_client, member_client, school, member
):
    for client, sees in [
        (tl_client, False),
        (leader_client, True),
        (member_client, True),
        (tl_client, False),
        (member_client, True),
        (leader_client, True),
        (tl_client, False),
    ]:
        html = page(client, school, member)
        assert ("Ooit intern begeleider" in html) is sees
        assert "Ik luister goed." in html  # the qualities everyone sees


def test_only_the_person_gets_the_edit_link_and_their_own_empty_text(member_client, tl_client, school, member, year):
    edit = reverse("expertise:profile-mine", args=[school.slug])
    mine, theirs = page(member_client, school, member), page(tl_client, school, member)
    assert "Mijn profiel bewerken" in mine and "Je profiel is nog leeg" in mine
    assert "Mijn profiel bewerken" not in theirs and "Nog niets ingevuld" in theirs
    assert f'href="{edit}"' in page(member_client, school, member)


def test_two_people_each_see_their_own_profile(
    member_client, tl_client, school, member, teacher_leader, year, area, give
):
    give(member, area("engels"), year, level=1)
    give(teacher_leader, area("engels"), year, level=4)
    assert level(page(tl_client, school, member), "Engels") == "1"
    assert level(page(tl_client, school, teacher_leader), "Engels") == "4"
    assert level(page(member_client, school, member), "Engels") == "1"


def test_the_leader_gets_the_suggestion_form_a_member_does_not(leader_client, tl_client, school, member, warm):
    assert "csrfmiddlewaretoken" in page(leader_client, school, member)
    assert "Iets voorstellen" not in page(tl_client, school, member)
    assert "Iets voorstellen" in page(leader_client, school, member)


def test_two_schools_never_share_a_profile(member, school, other_school, year, area, give, client_for, make_member):
    Membership.objects.create(user=member, school=other_school)
    give(member, area("engels"), year, level=1)
    give(member, other_school.expertise_areas.get(key="engels"), other_school.current_year(), level=4)
    colleague_here, colleague_there = make_member(school), make_member(other_school)
    here, there = client_for(colleague_here), client_for(colleague_there)
    assert level(page(here, school, member), "Engels") == "1"
    assert level(page(there, other_school, member), "Engels") == "4"
    assert level(page(here, school, member), "Engels") == "1"


# --- queries ----------------------------------------------------------------------------------


def test_the_kept_page_needs_fewer_queries_and_as_many_for_a_full_profile(
    tl_client, school, member, year, area, give, count_queries, django_assert_num_queries, django_assert_max_num_queries
):
    url = reverse("expertise:profile-detail", args=[school.slug, member.pk])
    give(member, area("engels"), year, level=1)
    cold_count, warm_count = count_queries(tl_client, url), count_queries(tl_client, url)
    assert warm_count < cold_count
    for a in school.expertise_areas.exclude(key="engels")[:20]:
        give(member, a, year, level=2)
    with django_assert_max_num_queries(cold_count):  # cold again after the change, as many queries
        tl_client.get(url)
    with django_assert_num_queries(warm_count):
        assert tl_client.get(url).status_code == 200


def test_a_renamed_person_shows_at_once(tl_client, school, member, warm):
    member.name = "Mila Nieuwenhuis"
    member.save()
    assert "<h1>Mila Nieuwenhuis <small" in page(tl_client, school, member)


def test_a_kept_profile_is_still_404_for_another_school(tl_client, outsider_client, school, other_school, member, warm):
    there = reverse("expertise:profile-detail", args=[other_school.slug, member.pk])
    assert outsider_client.get(there).status_code == 404
    here = reverse("expertise:profile-detail", args=[school.slug, member.pk])
    assert outsider_client.get(here).status_code == 404


def test_someone_who_left_is_404_at_once(tl_client, school, member, warm):
    membership = Membership.objects.get(user=member, school=school)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    response = tl_client.get(reverse("expertise:profile-detail", args=[school.slug, member.pk]))
    assert response.status_code == 404
