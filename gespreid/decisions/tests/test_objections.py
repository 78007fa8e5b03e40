"""The objection lifecycle: every event from every state, for both roles — allowed or refused."""

import pytest

from gespreid.decisions import objections as m
from gespreid.decisions.objections import AUTHOR, OBJECTOR, ObjectionState, TransitionRefused, apply

ALL_STATES = [m.RAISED, m.WORKING, m.RESOLVED, m.WITHDRAWN, m.NOT_ADOPTED]


def test_starts_raised_and_open():
    s = ObjectionState()
    assert s.status == m.RAISED and s.is_open


def test_author_starts_work():
    assert apply(ObjectionState(), "work", AUTHOR).status == m.WORKING


def test_objector_cannot_start_work():
    with pytest.raises(TransitionRefused, match="indiener"):
        apply(ObjectionState(), "work", OBJECTOR)


def test_work_only_from_raised():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(status=m.WORKING), "work", AUTHOR)


def test_objector_confirm_alone_does_not_resolve():
    s = apply(ObjectionState(), "objector_confirm", OBJECTOR)
    assert s.status == m.WORKING and s.objector_confirmed and not s.author_confirmed


def test_author_confirm_alone_does_not_resolve():
    s = apply(ObjectionState(status=m.WORKING), "author_confirm", AUTHOR)
    assert s.status == m.WORKING and s.author_confirmed


@pytest.mark.parametrize("order", [("objector_confirm", "author_confirm"), ("author_confirm", "objector_confirm")])
def test_both_confirmations_resolve_in_any_order(order):
    roles = {"objector_confirm": OBJECTOR, "author_confirm": AUTHOR}
    s = ObjectionState()
    for event in order:
        s = apply(s, event, roles[event])
    assert s.status == m.RESOLVED and not s.is_open


def test_author_cannot_confirm_for_the_objector():
    with pytest.raises(TransitionRefused, match="bezwaar maakte"):
        apply(ObjectionState(), "objector_confirm", AUTHOR)


def test_objector_cannot_confirm_for_the_author():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(), "author_confirm", OBJECTOR)


def test_answer_moves_to_working_and_asks_the_objector_again():
    s = ObjectionState(status=m.WORKING, objector_confirmed=True)
    s = apply(s, "answer", AUTHOR)
    assert s.status == m.WORKING and not s.objector_confirmed


def test_answer_keeps_author_confirmation():
    s = apply(ObjectionState(author_confirmed=True), "answer", AUTHOR)
    assert s.author_confirmed


def test_objector_cannot_answer():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(), "answer", OBJECTOR)


@pytest.mark.parametrize("start", [m.RAISED, m.WORKING])
def test_objector_withdraws_open_objection(start):
    assert apply(ObjectionState(status=start), "withdraw", OBJECTOR).status == m.WITHDRAWN


def test_author_cannot_withdraw_someone_elses_objection():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(), "withdraw", AUTHOR)


@pytest.mark.parametrize("start", [m.RAISED, m.WORKING])
def test_not_adopted_with_explanation(start):
    s = apply(ObjectionState(status=start), "not_adopt", AUTHOR, explanation="Het rooster laat niets anders toe.")
    assert s.status == m.NOT_ADOPTED and s.explanation == "Het rooster laat niets anders toe."


@pytest.mark.parametrize("explanation", ["", "   "])
def test_not_adopted_needs_public_explanation(explanation):
    with pytest.raises(TransitionRefused, match="uit"):
        apply(ObjectionState(), "not_adopt", AUTHOR, explanation=explanation)


def test_objector_cannot_mark_not_adopted():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(), "not_adopt", OBJECTOR, explanation="x")


@pytest.mark.parametrize("final", [m.RESOLVED, m.WITHDRAWN, m.NOT_ADOPTED])
@pytest.mark.parametrize("event", m.EVENTS)
@pytest.mark.parametrize("role", [AUTHOR, OBJECTOR])
def test_final_states_refuse_every_event(final, event, role):
    with pytest.raises(TransitionRefused, match="afgehandeld"):
        apply(ObjectionState(status=final), event, role, explanation="x")


def test_unknown_event_refused():
    with pytest.raises(TransitionRefused):
        apply(ObjectionState(), "delete", AUTHOR)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("role", [AUTHOR, OBJECTOR])
def test_allowed_events_are_exactly_those_apply_accepts(state, role):
    s = ObjectionState(status=state)
    offered = set(m.allowed_events(s, role))
    for event in m.EVENTS:
        try:
            apply(s, event, role, explanation="uitleg")
            accepted = True
        except TransitionRefused:
            accepted = False
        assert accepted == (event in offered), (state, role, event)


def test_allowed_events_hide_a_confirmation_already_given():
    s = ObjectionState(status=m.WORKING, objector_confirmed=True)
    assert "objector_confirm" not in m.allowed_events(s, OBJECTOR)
    assert "withdraw" in m.allowed_events(s, OBJECTOR)


# --- any sequence of steps keeps the invariants ----------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(
    st.lists(
        st.tuples(st.sampled_from(m.EVENTS), st.sampled_from([AUTHOR, OBJECTOR]), st.sampled_from(["", "uitleg"])),
        max_size=12,
    )
)
def test_any_sequence_keeps_the_invariants(steps):
    s = ObjectionState()
    final_seen = None
    for event, role, explanation in steps:
        try:
            s = apply(s, event, role, explanation=explanation)
        except TransitionRefused:
            pass
        if final_seen is not None:
            assert s == final_seen  # nothing changes a settled objection
        if s.status in m.FINAL:
            final_seen = s
        if s.status == m.RESOLVED:
            assert s.objector_confirmed and s.author_confirmed
        if s.status == m.NOT_ADOPTED:
            assert s.explanation.strip()
        if s.status in m.OPEN:
            assert not (s.objector_confirmed and s.author_confirmed)
