"""The guided set-up: boards, schools, school years, first school leader; board pages and their walls."""

import re
from datetime import date

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from gespreid.accounts.models import Invitation
from gespreid.core.models import AuditEntry, Board, BoardMembership, School, SchoolYear
from gespreid.core.setup import next_start_year


@pytest.fixture
def staff_client(django_user_model):
    user = django_user_model.objects.create_user(
        email="platform@gespreid.test", name="Paula Platform", password="x", is_staff=True
    )
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def other_board_admin(db, django_user_model):
    other = Board.objects.create(name="Stichting Elders", slug="elders")
    user = django_user_model.objects.create_user(email="elders@school.test", name="Eddy Elders", password="x")
    BoardMembership.objects.create(user=user, board=other, is_admin=True)
    client = Client()
    client.force_login(user)
    return client


def board_routes():
    resolver = get_resolver()
    for p in resolver.url_patterns:
        if str(p.pattern) == "bestuur/<slug:board_slug>/":
            return [str(sub.pattern) for sub in p.url_patterns if isinstance(sub, URLPattern)]
    return []


def test_board_routes_exist():
    assert {"", "scholen/nieuw/", "scholen/<int:pk>/wijzigen/", "schooljaren/klaarzetten/"} <= set(board_routes())


@pytest.mark.parametrize("route", board_routes())
def test_member_of_another_board_gets_404_on_every_board_url(route, other_board_admin, board, school):
    url = "/bestuur/test/" + re.sub(r"<(?:\w+:)?\w+>", str(school.pk), route)
    assert other_board_admin.get(url).status_code == 404, url
    assert other_board_admin.post(url, {"school": school.pk}).status_code == 404, url


@pytest.mark.parametrize("route", board_routes())
def test_school_member_without_board_role_gets_404(route, leader_client, board, school):
    url = "/bestuur/test/" + re.sub(r"<(?:\w+:)?\w+>", str(school.pk), route)
    assert leader_client.get(url).status_code == 404


@pytest.mark.parametrize("route", board_routes())
def test_anonymous_board_url_goes_to_login(route, client, board, school):
    url = "/bestuur/test/" + re.sub(r"<(?:\w+:)?\w+>", str(school.pk), route)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_setup_index_is_404_for_a_plain_member(member_client):
    assert member_client.get(reverse("setup:index")).status_code == 404
    assert member_client.get(reverse("setup:board-create")).status_code == 404
    assert member_client.post(reverse("setup:board-create"), {"name": "X"}).status_code == 404


def test_board_admin_sees_own_boards_in_setup(board_client, board, other_board_admin):
    html = board_client.get(reverse("setup:index")).content.decode()
    assert "Stichting Test" in html and "Stichting Elders" not in html


def test_platform_admin_creates_a_board_with_its_administrator(
    staff_client, db, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("setup:board-create"),
            {
                "name": "Stichting Nieuw Begin",
                "slug": "",
                "admin_name": "Bert Beheer",
                "admin_email": "Bert@Nieuw.test",
            },
        )
    board = Board.objects.get(slug="stichting-nieuw-begin")
    assert response.status_code == 302 and response["Location"] == reverse("board:overview", args=[board.slug])
    admin = django_user_model.objects.get(email="bert@nieuw.test")
    assert not admin.has_usable_password()
    assert BoardMembership.objects.get(board=board, user=admin).is_admin
    assert AuditEntry.objects.filter(action="core.board_create", board=board).exists()
    assert len(mail.outbox) == 1 and "/accounts/wachtwoord/" in mail.outbox[0].body
    # The link lets the new administrator choose a password and lands on the start page.
    link = re.search(r"http://[^\s]+", mail.outbox[0].body).group(0).split("8000", 1)[1]
    anon = Client()
    page = anon.get(link, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    done = anon.post(form_url, {"new_password1": "Zonnebloem-veld-73", "new_password2": "Zonnebloem-veld-73"})
    assert done.status_code == 302
    admin.refresh_from_db()
    assert admin.check_password("Zonnebloem-veld-73")


def test_board_form_errors_are_dutch_and_save_nothing(staff_client, board):
    response = staff_client.post(
        reverse("setup:board-create"), {"name": "", "slug": "test", "admin_name": "", "admin_email": "geen-mail"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is verplicht" in html and "Dit webadres is al in gebruik" in html
    assert 'aria-invalid="true"' in html
    assert Board.objects.count() == 1


def test_board_admin_adds_a_school_with_year_and_first_leader(board_client, board, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = board_client.post(
            reverse("board:school-create", args=[board.slug]),
            {
                "name": "OBS De Kastanje",
                "brin": "33cc",
                "town": "Zeist",
                "slug": "",
                "leader_name": "Kees Kastanje",
                "leader_email": "kees@kastanje.test",
            },
        )
    assert response.status_code == 302
    school = School.objects.get(slug="obs-de-kastanje")
    assert school.brin == "33CC" and school.board == board
    year = school.current_year()
    assert (
        year is not None
        and year.starts_on.month == 8
        and year.starts_on.day == 1
        and year.ends_on == date(year.starts_on.year + 1, 7, 31)
    )
    invitation = Invitation.objects.get(school=school)
    assert invitation.is_leader and invitation.email == "kees@kastanje.test"
    assert len(mail.outbox) == 1 and "/uitnodiging/" in mail.outbox[0].body
    assert set(AuditEntry.objects.filter(school=school).values_list("action", flat=True)) == {
        "core.school_create",
        "accounts.invite",
    }


@pytest.mark.parametrize(
    "data, message",
    [
        ({"brin": "ABCD"}, "Een BRIN-nummer is twee cijfers en twee letters"),
        ({"brin": "11AA"}, "Er is al een school met dit BRIN-nummer"),
        ({"slug": "beheer"}, "Dit webadres is gereserveerd"),
        ({"slug": "de-linde"}, "Dit webadres is al in gebruik"),
        ({"leader_email": "a@b.test"}, "zowel de naam als het e-mailadres"),
        ({"name": "x" * 151}, "niet meer dan 150 tekens"),
    ],
)
def test_bad_school_input_gets_a_dutch_message_and_changes_nothing(board_client, board, school, data, message):
    base = {"name": "De Es", "brin": "44DD", "town": "Ede", "slug": "", "leader_name": "", "leader_email": ""}
    response = board_client.post(reverse("board:school-create", args=[board.slug]), {**base, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert School.objects.count() == 1 and not Invitation.objects.exists()


def test_board_member_who_is_not_admin_may_look_but_not_add(board, school, board_member):
    BoardMembership.objects.filter(user=board_member).update(is_admin=False)
    client = Client()
    client.force_login(board_member)
    assert client.get(reverse("board:overview", args=[board.slug])).status_code == 200
    assert client.get(reverse("board:school-create", args=[board.slug])).status_code == 403
    assert client.post(reverse("board:year-prepare", args=[board.slug])).status_code == 403


def test_board_overview_shows_aggregates_only(board_client, board, school, other_school, leader, member, outsider):
    html = board_client.get(reverse("board:overview", args=[board.slug])).content.decode()
    assert "De Linde" in html and "Het Anker" in html
    assert "3 teamleden" in html  # 2 in De Linde + 1 in Het Anker
    assert "Lea Leider" not in html and "Mila Lid" not in html


def test_board_overview_query_count_is_constant(
    board_client, board, school, make_member, django_assert_max_num_queries
):
    url = reverse("board:overview", args=[board.slug])
    board_client.get(url)
    for i in range(8):
        s = School.objects.create(board=board, name=f"School {i}", slug=f"school-{i}", brin=f"{50 + i}XX", town="Ede")
        make_member(s)
    with django_assert_max_num_queries(8):
        assert board_client.get(url).status_code == 200


def test_prepare_next_year_for_one_school_then_all(board_client, board, school, other_school):
    start = next_start_year()
    url = reverse("board:year-prepare", args=[board.slug])
    assert board_client.post(url, {"school": school.pk}).status_code == 302
    assert SchoolYear.objects.filter(
        school=school, starts_on=date(start, 8, 1), ends_on=date(start + 1, 7, 31)
    ).exists()
    assert not SchoolYear.objects.filter(school=other_school, starts_on=date(start, 8, 1)).exists()
    board_client.post(url)
    board_client.post(url)  # twice: nothing doubled
    assert SchoolYear.objects.filter(starts_on=date(start, 8, 1)).count() == 2
    assert AuditEntry.objects.filter(action="core.year_prepare").count() == 2


def test_prepare_year_for_a_school_of_another_board_is_404(board_client, board, school, db):
    other = Board.objects.create(name="Anders", slug="anders")
    foreign = School.objects.create(board=other, name="Ver Weg", slug="ver-weg", brin="77GG", town="Assen")
    assert (
        board_client.post(reverse("board:year-prepare", args=[board.slug]), {"school": foreign.pk}).status_code == 404
    )
    assert board_client.post(reverse("board:year-prepare", args=[board.slug]), {"school": "abc"}).status_code == 404
    assert not foreign.years.exists()


def test_leader_invite_for_a_school(board_client, board, school):
    url = reverse("board:leader-invite", args=[board.slug, school.pk])
    assert board_client.post(url, {"name": "Nina Nieuw", "email": "nina@linde.test"}).status_code == 302
    assert Invitation.objects.get(school=school).is_leader
    again = board_client.post(url, {"name": "Nina Nieuw", "email": "nina@linde.test"})
    assert again.status_code == 400 and "staat al een uitnodiging open" in again.content.decode()
    assert Invitation.objects.count() == 1


def test_a_board_admin_inviting_themself_as_leader_happens_in_the_open(
    board_client, board_member, board, school, leader, member
):
    """Possible (an interim leader is real), but the team is told and the audit log shows it."""
    from gespreid.core.models import Notification

    url = reverse("board:leader-invite", args=[board.slug, school.pk])
    response = board_client.post(url, {"name": board_member.name, "email": f" {board_member.email.upper()} "})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(school=school, action="core.board_self_invite", actor=board_member).exists()
    told = set(Notification.objects.filter(school=school, message__contains="zichzelf").values_list("user", flat=True))
    assert {leader.pk, member.pk} <= told
    html = Client()
    html.force_login(leader)
    log = html.get(reverse("core:audit-log", args=[school.slug])).content.decode()
    assert "nodigde zichzelf uit als schoolleider" in log


def test_inviting_someone_else_tells_nobody(board_client, board, school, leader):
    from gespreid.core.models import Notification

    board_client.post(
        reverse("board:leader-invite", args=[board.slug, school.pk]), {"name": "Nina", "email": "n@x.test"}
    )
    assert not Notification.objects.filter(school=school).exists()
    assert not AuditEntry.objects.filter(action="core.board_self_invite").exists()


def test_platform_admin_may_enter_any_board(staff_client, board):
    assert staff_client.get(reverse("board:overview", args=[board.slug])).status_code == 200


def test_board_overview_links_to_the_board_pages_of_every_app(board_client, board):
    """The board's totals of network, climate and professional development are reachable from its overview."""
    page = board_client.get(reverse("board:overview", args=[board.slug])).content.decode()
    for name in ("network-board:overview", "climate_board:board-overview", "development-board:totals"):
        url = reverse(name, args=[board.slug])
        assert f'href="{url}"' in page
        assert board_client.get(url).status_code == 200
