from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from gespreid.innovations import phases


@pytest.mark.parametrize(
    "current,target,reason,ok",
    [
        ("voorbereiden", "uitproberen", "", True),
        ("voorbereiden", "monitoren", "", False),
        ("voorbereiden", "monitoren", "   ", False),
        ("voorbereiden", "monitoren", "Pilot vorig jaar al gedaan", True),
        ("bijstellen", "uitproberen", "", True),  # going back is part of the work
        ("monitoren", "monitoren", "x", False),
        ("monitoren", "klaar", "", False),
        ("bijstellen", "borgen", "", True),
    ],
)
def test_phase_moves(current, target, reason, ok):
    assert (phases.check_move(current, target, reason) is None) == ok


def test_skipped_phases_are_named():
    assert phases.skipped("voorbereiden", "bijstellen") == ["uitproberen", "monitoren"]
    assert phases.skipped("voorbereiden", "uitproberen") == []
    assert phases.skipped("borgen", "voorbereiden") == []


def test_skip_message_is_dutch():
    assert "Je slaat een fase over" in phases.check_move("voorbereiden", "borgen", "")


def test_milestone_dates():
    d = date(2026, 9, 1)
    assert phases.check_dates(d, d) == {}
    assert "planned_end" in phases.check_dates(d, d - timedelta(days=1))
    assert "actual_end" in phases.check_dates(d, d, d, d - timedelta(days=1))
    assert "actual_start" in phases.check_dates(d, d, None, d)
    assert "actual_start" in phases.check_dates(d, d, d + timedelta(days=5), None, today=d)


def m(end, done=None):
    return SimpleNamespace(planned_end=end, actual_end=done)


def test_pace():
    today = date(2026, 11, 1)
    assert phases.compute_pace([], today).status == phases.NO_PLAN
    on = phases.compute_pace([m(date(2026, 12, 1)), m(date(2026, 10, 1), date(2026, 10, 20))], today)
    assert on.status == phases.ON_TRACK and on.done == 1 and on.total == 2
    behind = phases.compute_pace([m(date(2026, 10, 20)), m(date(2026, 10, 30)), m(date(2026, 12, 1))], today)
    assert behind.status == phases.BEHIND and behind.late == 2 and behind.days_behind == 12
    assert behind.label == "loopt achter"
