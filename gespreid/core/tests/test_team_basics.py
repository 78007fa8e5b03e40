"""Issue 20: a teacher's group and bouw in the team, roles on the team page, the team's qualities."""

import re

import pytest
from django.urls import reverse

from gespreid.core.forms import parse_bouw, parse_class_group
from gespreid.core.models import AuditEntry, Membership


def team_url(school, **query):
    url = reverse("core:team", args=[school.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def edit_url(school, person):
    return reverse("core:member-edit", args=[school.slug, Membership.objects.get(user=person, school=school).pk])


def table_names(html):
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr><td>([^<]+)</td>", body)


@pytest.mark.parametrize(
    "written, stored",
    [
        ("5", "5"),
        ("1/2", "1/2"),
        ("groep 5/6", "5/6"),
        ("Groep 6-8", "6/7/8"),
        ("2/1", "1/2"),
        ("5 en 6", "5/6"),
        (" 3 ", "3"),
        ("", ""),
    ],
)
def test_a_group_is_written_the_way_schools_write_it(written, stored):
    assert parse_class_group(written) == stored


@pytest.mark.parametrize("written", ["9", "0", "1/2/3/4", "kleuters", "5//6", "123456789012345678901", "٣"])
def test_a_group_outside_1_to_8_is_refused_with_a_dutch_message(written):
    with pytest.raises(ValueError, match="groep|Groep|combinatiegroep"):
        parse_class_group(written)


def test_bouw_accepts_the_dutch_and_english_names_and_short_forms():
    assert [parse_bouw(v) for v in ("Onderbouw", "mb", "upper", "")] == ["onderbouw", "middenbouw", "bovenbouw", ""]
    with pytest.raises(ValueError, match="onderbouw, middenbouw of bovenbouw"):
        parse_bouw("kleuterbouw")


def test_the_leader_sets_group_and_bouw_and_the_team_page_shows_them(leader_client, school, leader, member):
    data = {"function": "leerkracht", "fte": "0,8", "class_group": "groep 1-2", "bouw": "onderbouw"}
    assert leader_client.post(edit_url(school, member), data).status_code == 302
    m = Membership.objects.get(user=member, school=school)
    assert (m.class_group, m.bouw) == ("1/2", "onderbouw")
    assert "groep 1/2" in AuditEntry.objects.get(action="core.member_update").summary
    html = leader_client.get(team_url(school)).content.decode()
    assert "<td>1/2</td><td>Onderbouw</td>" in html
    form = leader_client.get(edit_url(school, member)).content.decode()
    assert 'value="1/2"' in form and '<option value="onderbouw" selected>' in form


@pytest.mark.parametrize(
    "field, value, message",
    [("class_group", "9", "van 1 tot en met 8"), ("bouw", "kelder", "Selecteer een geldige keuze")],
)
def test_a_bad_group_or_bouw_changes_nothing(leader_client, school, member, field, value, message):
    data = {"function": "ib", "fte": "0,5", field: value}
    response = leader_client.post(edit_url(school, member), data)
    assert response.status_code == 400 and message in response.content.decode()
    m = Membership.objects.get(user=member, school=school)
    assert (m.function, m.class_group, m.bouw) == ("leerkracht", "", "")
    assert not AuditEntry.objects.exists()


def test_the_team_page_filters_by_bouw(member_client, school, leader, member, make_member):
    Membership.objects.filter(user=member).update(bouw="onderbouw", class_group="1/2")
    make_member(school, "Bram Boven", bouw="bovenbouw", class_group="8")
    names = table_names(member_client.get(team_url(school, bouw="onderbouw")).content.decode())
    assert names == ["Mila Lid"]
    html = member_client.get(team_url(school, bouw="bovenbouw")).content.decode()
    assert table_names(html) == ["Bram Boven"] and '<option value="bovenbouw" selected>' in html
    # Anything else is no filter (never a 500): everyone is listed.
    for bad in ("kelder", "%00", "onderbouw%27--"):
        response = member_client.get(team_url(school, bouw=bad))
        assert response.status_code == 200
        assert set(table_names(response.content.decode())) == {"Lea Leider", "Mila Lid", "Bram Boven"}


def test_the_team_page_shows_teacher_leader_roles_not_teamlid(member_client, school, leader, teacher_leader, member):
    html = member_client.get(team_url(school)).content.decode()
    row = next(r for r in html.split("<tr>") if "Tim Trekker" in r)
    assert "Rekencoördinator" in row and "Teamlid" not in row
    row = next(r for r in html.split("<tr>") if "Lea Leider" in r)
    assert "Schoolleider" in row and "Teamlid" not in row
    row = next(r for r in html.split("<tr>") if "Mila Lid" in r)
    assert "Teamlid" in row  # no role: a team member, said once


def test_the_filtered_team_page_keeps_constant_queries(
    member_client, school, member, make_member, django_assert_max_num_queries
):
    url = team_url(school, bouw="middenbouw")
    member_client.get(url)
    for i in range(30):
        make_member(school, bouw="middenbouw", class_group=str(3 + i % 3))
    with django_assert_max_num_queries(8):
        html = member_client.get(url).content.decode()
    assert len(table_names(html)) == 30
