"""A board administrator changes a school's name, BRIN number and town (board:school-edit).

The web address never changes; every write is audited; cached pages show the new name at once.
"""

import pytest
from django.test import Client
from django.urls import reverse

from gespreid.core import setup
from gespreid.core.models import AuditEntry, Board, BoardMembership, Function, Membership, School

NEW = {"name": "OBS Het Baken", "brin": "33CC", "town": "Zeist"}


def edit_url(board, school):
    return reverse("board:school-edit", args=[board.slug, school.pk])


def unchanged(school):
    """The school in the database still has its original details and no update was audited."""
    fresh = School.objects.get(pk=school.pk)
    audited = AuditEntry.objects.filter(action="core.school_update").exists()
    original = (fresh.name, fresh.brin, fresh.town, fresh.slug) == ("De Linde", "11AA", "Utrecht", "de-linde")
    return original and not audited


def test_form_shows_the_current_details_and_says_the_web_address_stays(board_client, board, school):
    response = board_client.get(edit_url(board, school))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="De Linde"' in html and 'value="11AA"' in html and 'value="Utrecht"' in html
    assert "<code>/de-linde/</code>" in html
    assert "Het webadres kan niet worden gewijzigd" in html
    assert 'name="slug"' not in html


def test_admin_changes_name_brin_and_town(board_client, board, school):
    response = board_client.post(edit_url(board, school), {**NEW, "brin": " 33cc ", "slug": "gekaapt"}, follow=True)
    assert response.redirect_chain == [(reverse("board:overview", args=[board.slug]), 302)]
    assert "De gegevens van OBS Het Baken zijn opgeslagen." in response.content.decode()
    fresh = School.objects.get(pk=school.pk)
    assert (fresh.name, fresh.brin, fresh.town) == ("OBS Het Baken", "33CC", "Zeist")
    assert fresh.slug == "de-linde"  # the web address is not editable, whatever is posted
    entry = AuditEntry.objects.get(action="core.school_update")
    assert entry.school == fresh and entry.board == board and entry.actor.email == "bestuur@school.test"
    assert entry.summary == "naam: De Linde → OBS Het Baken; BRIN-nummer: 11AA → 33CC; plaats: Utrecht → Zeist"


def test_audit_log_names_the_change_in_plain_dutch(board_client, board, school, leader_client):
    board_client.post(edit_url(board, school), {**NEW, "brin": "11AA"})
    html = leader_client.get(reverse("core:audit-log", args=[school.slug])).content.decode()
    assert "Schoolgegevens gewijzigd" in html and "plaats: Utrecht → Zeist" in html


def test_own_brin_unchanged_is_accepted(board_client, board, school):
    response = board_client.post(edit_url(board, school), {"name": "De Linde", "brin": "11aa", "town": "Amersfoort"})
    assert response.status_code == 302
    fresh = School.objects.get(pk=school.pk)
    assert (fresh.brin, fresh.town) == ("11AA", "Amersfoort")
    assert AuditEntry.objects.get(action="core.school_update").summary == "plaats: Utrecht → Amersfoort"


def test_nothing_changed_saves_and_audits_nothing(board_client, board, school):
    response = board_client.post(
        edit_url(board, school), {"name": "De Linde", "brin": "11AA", "town": "Utrecht"}, follow=True
    )
    assert "Er is niets gewijzigd aan De Linde." in response.content.decode()
    assert unchanged(school)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"brin": "22BB"}, "Er is al een school met dit BRIN-nummer."),  # Het Anker's
        ({"brin": "22bb"}, "Er is al een school met dit BRIN-nummer."),
        ({"brin": "ABCD"}, "Een BRIN-nummer is twee cijfers en twee letters"),
        ({"brin": "12AB0"}, "Een BRIN-nummer is twee cijfers en twee letters"),
        ({"name": ""}, "Dit veld is verplicht."),
        ({"town": "x" * 101}, "niet meer dan 100 tekens"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(board_client, board, school, other_school, data, message):
    response = board_client.post(edit_url(board, school), {**NEW, **data})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'aria-invalid="true"' in html
    assert unchanged(school)


def test_update_school_refuses_a_taken_brin_itself(board_member, school, other_school):
    """The domain function checks too (a form is not the only way in), and leaves the object as it was."""
    for brin in ("22BB", "ABCD"):
        with pytest.raises(setup.SetupError, match="BRIN-nummer"):
            setup.update_school(board_member, school, name="Nieuw", brin=brin, town="Ede")
    assert (school.name, school.brin, school.town) == ("De Linde", "11AA", "Utrecht")
    assert unchanged(school)


def test_board_member_without_admin_role_sees_no_link_and_may_not_edit(board, school, board_member):
    BoardMembership.objects.filter(user=board_member).update(is_admin=False)
    client = Client()
    client.force_login(board_member)
    overview = client.get(reverse("board:overview", args=[board.slug])).content.decode()
    assert edit_url(board, school) not in overview and "De Linde" in overview
    assert client.get(edit_url(board, school)).status_code == 403
    assert client.post(edit_url(board, school), NEW).status_code == 403
    assert unchanged(school)


def test_admin_sees_a_link_per_school(board_client, board, school, other_school):
    overview = board_client.get(reverse("board:overview", args=[board.slug])).content.decode()
    assert edit_url(board, school) in overview and edit_url(board, other_school) in overview


def test_administrator_of_another_board_gets_404(db, board, school, django_user_model):
    elders = Board.objects.create(name="Stichting Elders", slug="elders")
    user = django_user_model.objects.create_user(email="elders@school.test", name="Eddy Elders", password="x")
    BoardMembership.objects.create(user=user, board=elders, is_admin=True)
    client = Client()
    client.force_login(user)
    assert client.get(edit_url(board, school)).status_code == 404
    assert client.post(edit_url(board, school), NEW).status_code == 404
    # Nor through their own board's address: the school is looked up within the board.
    assert client.post(reverse("board:school-edit", args=[elders.slug, school.pk]), NEW).status_code == 404
    assert unchanged(school)


def test_school_of_another_board_is_404_for_this_boards_admin(board_client, board, school):
    elders = Board.objects.create(name="Stichting Elders", slug="elders")
    foreign = School.objects.create(board=elders, name="Ver Weg", slug="ver-weg", brin="77GG", town="Assen")
    assert board_client.post(edit_url(board, foreign), NEW).status_code == 404
    assert School.objects.get(pk=foreign.pk).name == "Ver Weg"


def test_school_leader_and_outsider_get_404(leader_client, outsider_client, board, school):
    for client in (leader_client, outsider_client):
        assert client.get(edit_url(board, school)).status_code == 404
        assert client.post(edit_url(board, school), NEW).status_code == 404
    assert unchanged(school)


def test_anonymous_is_sent_to_login(client, board, school):
    for response in (client.get(edit_url(board, school)), client.post(edit_url(board, school), NEW)):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert unchanged(school)


def test_cached_team_page_and_matrix_show_the_new_name(board_client, board, school, leader, leader_client):
    team_url = reverse("core:team", args=[school.slug])
    matrix_url = reverse("expertise:matrix", args=[school.slug])
    for url in (team_url, matrix_url):  # twice: the second answer comes from the cache
        assert "De Linde" in leader_client.get(url).content.decode()
        assert "De Linde" in leader_client.get(url).content.decode()
    board_client.post(edit_url(board, school), NEW)
    for url in (team_url, matrix_url):
        html = leader_client.get(url).content.decode()
        assert "OBS Het Baken" in html and "De Linde" not in html, url


def test_school_switch_on_another_schools_page_shows_the_new_name(board_client, board, school, other_school, outsider):
    """Otto works in both schools: Het Anker's cached team page lists De Linde in the header's school switch."""
    Membership.objects.create(user=outsider, school=school, function=Function.TEACHER)
    client = Client()
    client.force_login(outsider)
    url = reverse("core:team", args=[other_school.slug])
    assert "De Linde" in client.get(url).content.decode()
    assert "De Linde" in client.get(url).content.decode()
    board_client.post(edit_url(board, school), NEW)
    html = client.get(url).content.decode()
    assert "OBS Het Baken" in html and "De Linde" not in html
