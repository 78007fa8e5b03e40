from django.urls import reverse

from .. import rounds


def board_url(board):
    return reverse("network-board:overview", args=[board.slug])


def test_board_member_sees_totals_on_request_without_names(board_member, board, school, answered_round, net_team):
    from django.test import Client

    client = Client()
    client.force_login(board_member)
    page = client.get(board_url(board)).content.decode()
    assert "Berekenen" in page and "Over scholen heen" not in page  # nothing computed until asked
    start = answered_round.school_year.starts_on.year
    page = client.get(board_url(board) + f"?jaar={start}&bereken=1").content.decode()
    assert "Over scholen heen" in page and school.name in page
    for person in net_team:
        assert person.name not in page


def test_board_counts_advice_that_crosses_schools(
    board, school, other_school, year, leader, net_team, outsider, make_member
):
    from .. import board as board_module

    other_year = other_school.current_year()
    other_leader = make_member(other_school, "Olga Leider", is_leader=True)
    team = [outsider, other_leader] + [make_member(other_school, f"Anker {i}") for i in range(4)]
    r = rounds.open_round(
        other_leader, other_school, other_year, title="x", explanation="y", questions=["advies"], across_board=True
    )
    for i, person in enumerate(team):
        rounds.save_response(r, person, {"advies": {team[(i + 1) % len(team)].pk: 2, net_team[1].pk: 1}}, False)
    rounds.close_round(other_leader, r)
    picture, chosen = board_module.picture(board, other_year.starts_on.year)
    assert [c.pk for c in chosen] == [r.pk]
    assert picture.crossing_ties == 6 and picture.ties == 12
    assert picture.crossing_share == 0.5


def test_board_page_is_404_for_school_staff_and_a_bad_year_is_a_form_error(member_client, board, board_member):
    from django.test import Client

    assert member_client.get(board_url(board)).status_code == 404
    client = Client()
    client.force_login(board_member)
    response = client.get(board_url(board) + "?jaar=abc")
    assert response.status_code == 400
    page = client.get(board_url(board) + "?jaar=1999").content.decode()
    assert "Geen gesloten netwerkrondes" not in page  # 1999 is below the minimum: an error, not a result
