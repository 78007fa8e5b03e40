"""A leader manages the team: function, FTE, roles, taking someone off the team; the audit log."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gespreid.core.models import AuditEntry, Membership


def edit_url(school, person):
    return reverse("core:member-edit", args=[school.slug, Membership.objects.get(user=person, school=school).pk])


def test_leader_changes_function_fte_and_roles(leader_client, school, leader, member):
    response = leader_client.post(edit_url(school, member), {"function": "ib", "fte": "0,6", "is_admin": "on"})
    assert response.status_code == 302
    m = Membership.objects.get(user=member, school=school)
    assert (m.function, m.fte, m.is_leader, m.is_admin) == ("ib", Decimal("0.60"), False, True)
    entry = AuditEntry.objects.get(action="core.member_update")
    assert entry.actor == leader and "Mila Lid" in entry.summary and "0,6" in entry.summary
    html = leader_client.get(reverse("core:team", args=[school.slug])).content.decode()
    assert "Intern begeleider" in html and "0,6" in html and "Beheerder" in html


@pytest.mark.parametrize(
    "fte, message",
    [
        ("1,5", "tussen 0 en 1,2"),
        ("-0.1", "tussen 0 en 1,2"),
        ("veel", "moet een getal zijn"),
        ("", "Dit veld is verplicht"),
        ("NaN", "tussen 0 en 1,2"),
    ],
)
def test_bad_fte_gets_a_dutch_message_and_changes_nothing(leader_client, school, member, fte, message):
    response = leader_client.post(edit_url(school, member), {"function": "leerkracht", "fte": fte})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert Membership.objects.get(user=member, school=school).fte == Decimal("0.80")
    assert not AuditEntry.objects.exists()


def test_unknown_function_is_refused(leader_client, school, member):
    response = leader_client.post(edit_url(school, member), {"function": "astronaut", "fte": "1"})
    assert response.status_code == 400 and "Selecteer een geldige keuze" in response.content.decode()


def test_the_last_leader_cannot_drop_the_role_or_leave(leader_client, school, leader):
    url = edit_url(school, leader)
    response = leader_client.post(url, {"function": "directeur", "fte": "1"})
    assert response.status_code == 400 and "minstens één schoolleider" in response.content.decode()
    pk = Membership.objects.get(user=leader, school=school).pk
    response = leader_client.post(reverse("core:member-deactivate", args=[school.slug, pk]), follow=True)
    assert "laatste schoolleider" in response.content.decode()
    assert Membership.objects.get(pk=pk).is_leader and Membership.objects.get(pk=pk).is_active


def test_a_leader_may_step_back_when_another_leader_exists(leader_client, school, leader, member):
    Membership.objects.filter(user=member).update(is_leader=True)
    assert leader_client.post(edit_url(school, leader), {"function": "directeur", "fte": "1"}).status_code == 302
    assert not Membership.objects.get(user=leader, school=school).is_leader


def test_leader_takes_someone_off_the_team(leader_client, school, member, member_client):
    pk = Membership.objects.get(user=member, school=school).pk
    response = leader_client.post(reverse("core:member-deactivate", args=[school.slug, pk]))
    assert response.status_code == 302
    assert not Membership.objects.get(pk=pk).is_active
    assert "Mila Lid staat niet meer in het team" in leader_client.get(response["Location"]).content.decode()
    assert "Mila Lid" not in leader_client.get(reverse("core:team", args=[school.slug])).content.decode()
    assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 404
    assert AuditEntry.objects.filter(action="core.member_deactivate", target_id=str(pk)).exists()


def test_deactivate_needs_post(leader_client, school, member):
    pk = Membership.objects.get(user=member, school=school).pk
    assert leader_client.get(reverse("core:member-deactivate", args=[school.slug, pk])).status_code == 405


def test_members_may_not_manage(member_client, school, leader):
    url = edit_url(school, leader)
    assert member_client.get(url).status_code == 403
    assert member_client.post(url, {"function": "leerkracht", "fte": "0.1"}).status_code == 403
    assert member_client.get(reverse("core:audit-log", args=[school.slug])).status_code == 403
    assert Membership.objects.get(user=leader).fte == Decimal("1.00")


def test_member_of_school_a_through_own_school_slug_is_404(
    leader_client, school, other_school, outsider, outsider_client
):
    foreign_pk = Membership.objects.get(user=outsider).pk
    assert leader_client.get(reverse("core:member-edit", args=[school.slug, foreign_pk])).status_code == 404
    assert leader_client.post(reverse("core:member-deactivate", args=[school.slug, foreign_pk])).status_code == 404
    assert Membership.objects.get(pk=foreign_pk).is_active


def test_team_page_shows_edit_links_only_to_leaders(leader_client, member_client, school, leader, member):
    assert "Wijzigen" in leader_client.get(reverse("core:team", args=[school.slug])).content.decode()
    assert "Wijzigen" not in member_client.get(reverse("core:team", args=[school.slug])).content.decode()


def test_team_table_follows_a_name_change(member_client, school, member, leader):
    url = reverse("core:team", args=[school.slug])
    assert "Lea Leider" in member_client.get(url).content.decode()
    leader.name = "Lea van Dam"
    leader.save()
    html = member_client.get(url).content.decode()
    assert "Lea van Dam" in html and "Lea Leider" not in html


def test_audit_log_lists_changes_of_this_school_only(leader_client, school, other_school, leader, member):
    from gespreid.core.audit import record

    record(leader, "core.member_update", school=school, summary="hier")
    record(leader, "core.member_update", school=other_school, summary="elders")
    html = leader_client.get(reverse("core:audit-log", args=[school.slug])).content.decode()
    assert "hier" in html and "elders" not in html and "Teamlid gewijzigd" in html
    assert leader_client.get(reverse("core:audit-log", args=[school.slug]) + "?pagina=abc").status_code == 200


def test_audit_log_queries_are_constant(leader_client, school, leader, django_assert_max_num_queries):
    from gespreid.core.audit import record

    for i in range(60):
        record(leader, "core.member_update", school=school, summary=f"wijziging {i}")
    with django_assert_max_num_queries(8):
        assert leader_client.get(reverse("core:audit-log", args=[school.slug])).status_code == 200


def test_header_offers_a_school_switch_to_people_with_several_schools(member_client, member, school, other_school):
    url = reverse("core:home", args=[school.slug])
    assert "Andere school" not in member_client.get(url).content.decode()
    Membership.objects.create(user=member, school=other_school)
    html = member_client.get(url).content.decode()
    assert "Andere school" in html and f'href="/{other_school.slug}/"' in html


def test_school_switch_costs_one_query(member_client, member, school, other_school, count_queries):
    url = reverse("core:home", args=[school.slug])
    member_client.get(url)
    one_school = count_queries(member_client, url)
    Membership.objects.create(user=member, school=other_school)
    member_client.get(url)  # the new membership gave the school a new version: warm its parts again
    assert count_queries(member_client, url) == one_school + 1  # the switch's schools, asked once


def test_unread_badge_counts_this_school(member_client, member, school, other_school):
    from gespreid.core.notify import notify

    notify(school, [member], "Hallo")
    Membership.objects.create(user=member, school=other_school)
    notify(other_school, [member], "Elders")
    notify(other_school, [member], "Elders 2")
    html = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    # no aria-label on a plain span (the Nu checker refuses it): the number is hidden, the words are read
    assert '<span class="badge" aria-hidden="true">1</span><span class="visually-hidden">1 ongelezen</span>' in html
    assert "aria-label" not in html.split('class="badge"')[1][:200]


def test_error_message_is_tied_to_its_field(leader_client, school, member):
    html = leader_client.post(edit_url(school, member), {"function": "leerkracht", "fte": "9"}).content.decode()
    assert 'aria-describedby="id_fte_helptext id_fte_error"' in html
    assert '<div id="id_fte_error" role="alert">' in html
