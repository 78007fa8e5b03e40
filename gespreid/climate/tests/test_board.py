"""The board sees totals over its schools: each school only with five answers, never one school without consent."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.climate import pulse
from gespreid.climate.models import ClimateSettings, Kind
from gespreid.core.models import School, SchoolYear
from gespreid.core.registry import set_up_school

from .conftest import answer_all


def closed_round(school, people, score=4):
    today = timezone.localdate()
    r = pulse.create_round(
        None,
        school,
        kind=Kind.PULSE,
        title=f"Puls {school.name}",
        opens_on=today,
        closes_on=today,
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )
    answer_all(r, people, score=score)
    pulse.close_round(None, r)
    return r


@pytest.fixture
def third_school(board):
    s = School.objects.create(board=board, name="De Esch", slug="de-esch", brin="33CC", town="Zeist")
    set_up_school(s)  # as core.setup.create_school does: the default statements among others
    today = timezone.localdate()
    SchoolYear.objects.create(school=s, starts_on=today - timedelta(days=100), ends_on=today + timedelta(days=200))
    return s


def team(school, make_member, n, prefix):
    return [make_member(school, f"{prefix} {i}") for i in range(n)]


def board_url(board):
    return reverse("climate_board:board-overview", args=[board.slug])


def test_no_total_from_one_school(board_client, board, school, other_school, make_member):
    closed_round(school, team(school, make_member, 6, "A"), score=5)
    closed_round(other_school, team(other_school, make_member, 4, "B"), score=1)  # under five: not counted
    totals = pulse.board_totals(board)
    assert totals["counted"] == 1 and not totals["enough"] and totals["total"] == [] and totals["named"] == []
    page = board_client.get(board_url(board)).content.decode()
    assert "Nog te weinig scholen" in page and "De Linde" not in page


def test_total_from_two_schools_without_names(board_client, board, school, other_school, make_member):
    closed_round(school, team(school, make_member, 6, "A"), score=5)
    closed_round(other_school, team(other_school, make_member, 5, "B"), score=1)
    totals = pulse.board_totals(board)
    assert totals["counted"] == 2 and totals["enough"]
    assert totals["total"][0]["n"] == 11 and totals["total"][0]["counts"] == [5, 0, 0, 0, 6]
    assert totals["named"] == []
    page = board_client.get(board_url(board)).content.decode()
    assert "Alle meetellende scholen samen" in page and "Met toestemming" not in page


def test_consenting_school_named_only_when_no_single_other_school_can_be_derived(
    board, school, other_school, third_school, make_member
):
    ClimateSettings.objects.create(school=school, share_with_board=True)
    closed_round(school, team(school, make_member, 6, "A"))
    closed_round(other_school, team(other_school, make_member, 5, "B"))
    # Total minus De Linde would be Het Anker's figures: De Linde is not shown apart.
    assert pulse.board_totals(board)["named"] == []
    closed_round(third_school, team(third_school, make_member, 5, "C"))
    named = pulse.board_totals(board)["named"]
    assert [item["school"].pk for item in named] == [school.pk]


def test_board_page_is_for_board_members_only(member_client, outsider_client, board):
    assert member_client.get(board_url(board)).status_code == 404
    assert outsider_client.get(board_url(board)).status_code == 404
