"""My profile: save per row (htmx and plain POST), bad input, copy forward, suggestions."""

from datetime import date

import pytest
from django.urls import reverse

from gespreid.core.models import AuditEntry, Notification, SchoolYear
from gespreid.expertise.models import ExpertiseEntry, Profile, Suggestion


def save_url(school):
    return reverse("expertise:entry-save", args=[school.slug])


def row(area, **values):
    return {"area": area.id, **values}


def test_profile_page_lists_active_areas_as_rows(member_client, school, member, year):
    html = member_client.get(reverse("expertise:profile-mine", args=[school.slug])).content.decode()
    assert html.count('class="entry-row') == school.expertise_areas.filter(retired_at__isnull=True).count()
    assert "Niveau voor Rekenen en wiskunde" in html  # every input has a label


def test_saving_a_row_without_javascript_redirects_back(member_client, school, member, year, area):
    rekenen = area("rekenen-wiskunde")
    response = member_client.post(
        save_url(school),
        row(rekenen, level="3", acquired="cursus", acquired_note="Rekencoördinator", acquired_year="2019"),
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#vak-{rekenen.id}")
    entry = ExpertiseEntry.objects.get(user=member, area=rekenen, school_year=year)
    assert (entry.level, entry.acquired, entry.acquired_year, entry.school_id) == (3, "cursus", 2019, school.id)
    assert Profile.objects.filter(user=member, school_year=year).exists()
    assert AuditEntry.objects.filter(action="expertise.entry_save", actor=member).exists()


def test_saving_a_row_with_htmx_answers_the_row_only(member_client, school, member, year, area):
    coaching = area("coaching")
    response = member_client.post(
        save_url(school), row(coaching, level="2", wants_growth="1", target_level="4"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and html.lstrip().startswith(f'<form id="vak-{coaching.id}"')
        and "Opgeslagen" in html
    )
    assert "<html" not in html
    entry = ExpertiseEntry.objects.get(user=member, area=coaching)
    assert entry.wants_growth and entry.target_level == 4


def test_saving_twice_updates_the_same_entry_no_duplicates(member_client, school, member, year, area):
    rekenen = area("rekenen-wiskunde")
    member_client.post(save_url(school), row(rekenen, level="2"))
    member_client.post(save_url(school), row(rekenen, level="4"))
    assert ExpertiseEntry.objects.filter(user=member, area=rekenen).count() == 1
    assert ExpertiseEntry.objects.get(user=member, area=rekenen).level == 4


def test_an_empty_row_removes_the_entry(member_client, school, member, year, area, give):
    give(member, area("engels"), year, level=2)
    member_client.post(save_url(school), row(area("engels"), level=""))
    assert not ExpertiseEntry.objects.filter(user=member, area=area("engels")).exists()


@pytest.mark.parametrize(
    "values, message",
    [
        ({"level": "7"}, "Kies een niveau van 1 (basis) tot en met 4 (expert)."),
        ({"level": "0"}, "Kies een niveau van 1 (basis) tot en met 4 (expert)."),
        ({"level": "drie"}, "Kies een niveau van 1 (basis) tot en met 4 (expert)."),
        ({"level": "2", "acquired": "toverij"}, "Kies opleiding, cursus, ervaring of anders."),
        ({"level": "2", "acquired_year": "1066"}, "Vul een jaartal in tussen 1950 en nu."),
        ({"level": "3", "wants_growth": "1", "target_level": "2"}, "Het gewenste niveau is hoger dan je niveau nu."),
        ({"level": "2", "acquired_note": "x" * 201}, "200"),
    ],
)
def test_bad_row_input_keeps_what_was_typed_and_saves_nothing(
    member_client, school, member, year, area, values, message
):
    rekenen = area("rekenen-wiskunde")
    for htmx in (False, True):
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = member_client.post(save_url(school), row(rekenen, **values), **headers)
        html = response.content.decode()
        assert response.status_code == (200 if htmx else 400)
        assert message in html
        assert 'role="alert"' in html
    assert not ExpertiseEntry.objects.filter(user=member).exists()


def test_unknown_area_gets_a_clear_message(member_client, school, other_school, member, year):
    foreign = other_school.expertise_areas.first()
    for area_id in (foreign.id, 999999, "abc"):
        response = member_client.post(save_url(school), {"area": area_id, "level": "3"}, follow=True)
        assert response.status_code == 200
        assert "Dit vakgebied bestaat niet op jullie school." in response.content.decode()
    assert not ExpertiseEntry.objects.exists()


def test_retired_area_cannot_get_new_entries_but_old_ones_stay(member_client, school, member, year, area, give):
    from django.utils import timezone

    engels = area("engels")
    give(member, engels, year, level=3)
    engels.retired_at = timezone.now()
    engels.save()
    response = member_client.post(save_url(school), row(engels, level="4"), HTTP_HX_REQUEST="true")
    assert "niet meer in gebruik" in response.content.decode()
    assert ExpertiseEntry.objects.get(user=member, area=engels).level == 3
    page = member_client.get(reverse("expertise:profile-mine", args=[school.slug])).content.decode()
    assert f'id="vak-{engels.id}"' not in page
    detail = member_client.get(reverse("expertise:profile-detail", args=[school.slug, member.id])).content.decode()
    assert "Engels" in detail and "niet meer in gebruik" in detail


def test_one_can_only_write_ones_own_profile(member_client, school, member, leader, year, area):
    member_client.post(save_url(school), {"area": area("coaching").id, "level": "4", "user": leader.id})
    assert ExpertiseEntry.objects.get(area=area("coaching")).user == member
    assert not ExpertiseEntry.objects.filter(user=leader).exists()


def test_qualities_and_board_visibility_are_saved(member_client, school, member, year):
    url = reverse("expertise:settings-save", args=[school.slug])
    response = member_client.post(url, {"qualities": "Goed in rust brengen in de groep."})
    assert response.status_code == 302
    profile = Profile.objects.get(user=member, school_year=year)
    assert profile.qualities.startswith("Goed in rust") and profile.visible_to_board is False
    assert member_client.post(url, {"qualities": "x" * 2001}).status_code == 400


def test_copy_forward_from_last_year_and_compare(member_client, school, member, year, area, give):
    last = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    give(member, area("rekenen-wiskunde"), last, level=2)
    give(member, area("engels"), last, level=None, wants_growth=True)
    Profile.objects.filter(user=member, school_year=last).update(qualities="Rustig en precies")
    page = member_client.get(reverse("expertise:profile-mine", args=[school.slug])).content.decode()
    assert f"Begin met mijn profiel van {last}" in page
    member_client.post(reverse("expertise:profile-copy", args=[school.slug]))
    assert ExpertiseEntry.objects.filter(user=member, school_year=year).count() == 2
    assert Profile.objects.get(user=member, school_year=year).qualities == "Rustig en precies"
    # last year stays readable and the comparison shows a change
    member_client.post(save_url(school), row(area("rekenen-wiskunde"), level="3"))
    assert ExpertiseEntry.objects.get(user=member, school_year=last, area=area("rekenen-wiskunde")).level == 2
    detail = member_client.get(reverse("expertise:profile-detail", args=[school.slug, member.id])).content.decode()
    assert f"In {last}" in detail and "veranderd" in detail
    old = member_client.get(
        reverse("expertise:profile-detail", args=[school.slug, member.id]) + f"?jaar={last.id}"
    ).content.decode()
    assert "Rekenen en wiskunde" in old


def test_confirm_marks_the_profile_up_to_date(member_client, school, member, year):
    member_client.post(reverse("expertise:profile-confirm", args=[school.slug]))
    assert Profile.objects.filter(user=member, school_year=year).exists()


# --- suggestions --------------------------------------------------------------------------------


def suggest(client, school, person, area, **values):
    return client.post(
        reverse("expertise:suggestion-create", args=[school.slug, person.id]), {"area": area.id, **values}
    )


def test_leader_suggests_and_the_person_accepts(leader_client, member_client, school, leader, member, year, area):
    response = suggest(leader_client, school, member, area("coaching"), level="3", note="Je coacht stagiairs heel goed")
    assert response.status_code == 302
    assert not ExpertiseEntry.objects.filter(user=member).exists()  # nothing changes until the person decides
    assert Notification.objects.filter(user=member, message__contains="Coachen").exists()
    page = member_client.get(reverse("expertise:profile-mine", args=[school.slug])).content.decode()
    assert "Je coacht stagiairs heel goed" in page
    suggestion = Suggestion.objects.get(user=member)
    member_client.post(reverse("expertise:suggestion-accept", args=[school.slug, suggestion.id]))
    assert ExpertiseEntry.objects.get(user=member, area=area("coaching")).level == 3
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert Notification.objects.filter(user=leader, message__contains="overgenomen").exists()


def test_the_person_can_decline(leader_client, member_client, school, member, year, area):
    suggest(leader_client, school, member, area("visie"), wants_growth="1")
    suggestion = Suggestion.objects.get(user=member)
    member_client.post(reverse("expertise:suggestion-decline", args=[school.slug, suggestion.id]))
    suggestion.refresh_from_db()
    assert suggestion.status == "declined" and not ExpertiseEntry.objects.filter(user=member).exists()


def test_only_the_person_can_accept(leader_client, tl_client, school, member, teacher_leader, year, area):
    suggest(leader_client, school, member, area("visie"), level="2")
    suggestion = Suggestion.objects.get(user=member)
    assert tl_client.post(reverse("expertise:suggestion-accept", args=[school.slug, suggestion.id])).status_code == 404
    assert (
        leader_client.post(reverse("expertise:suggestion-accept", args=[school.slug, suggestion.id])).status_code == 404
    )
    assert not ExpertiseEntry.objects.exists()


def test_a_member_cannot_suggest(tl_client, school, member, teacher_leader, year, area):
    assert suggest(tl_client, school, member, area("visie"), level="2").status_code == 403
    assert not Suggestion.objects.exists()


def test_suggestion_bad_input(leader_client, school, member, year, area):
    suggest(leader_client, school, member, area("visie"))  # neither level nor growth
    suggest(leader_client, school, member, area("visie"), level="9")
    assert not Suggestion.objects.exists()
    suggest(leader_client, school, member, area("visie"), level="2")
    response = suggest(leader_client, school, member, area("visie"), level="3")
    assert Suggestion.objects.count() == 1
    assert response.status_code == 302


def test_suggestion_for_someone_in_another_school_is_404(leader_client, school, outsider, year, area):
    assert suggest(leader_client, school, outsider, area("visie"), level="2").status_code == 404


def test_outsider_cannot_see_a_profile_through_their_own_school(outsider_client, other_school, member, school):
    assert (
        outsider_client.get(reverse("expertise:profile-detail", args=[other_school.slug, member.id])).status_code == 404
    )
