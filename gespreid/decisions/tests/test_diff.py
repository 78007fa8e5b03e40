"""Issue 13.10: the version comparison is correct and bounded for any input up to the field limits.

Speed itself is measured in ``make bench`` (``version_diff_worst_ms``); the one guard below is
generous (seconds, where difflib took 17–45 s) so it only fails on a return of the old behaviour.
"""

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_diff import versions, worst_inputs
from gespreid.decisions import diff


def _rebuilt(segs):
    old = "".join(text for op, text in segs if op != "ins")
    new = "".join(text for op, text in segs if op != "del")
    return old, new


words = st.lists(st.sampled_from(["de", "kind", "les", " ", "\n", "groep", "5"]), max_size=60).map("".join)


@given(words, words)
@settings(max_examples=300, deadline=None)
def test_segments_always_rebuild_both_versions(old, new):
    assert _rebuilt(diff.segments(old, new)) == (old, new)


def test_a_small_edit_is_shown_word_by_word():
    assert diff.segments("Wij oefenen elke dag.", "Wij oefenen elke week samen.") == [
        ("same", "Wij oefenen elke "),
        ("del", "dag."),
        ("ins", "week samen."),
    ]
    segs = diff.segments("a b c d e f", "a b X d e f")
    assert segs == [("same", "a b "), ("del", "c"), ("ins", "X"), ("same", " d e f")]


def test_beyond_the_budget_the_middle_is_shown_plainly(monkeypatch):
    monkeypatch.setattr(diff, "WORK_LIMIT", 50)
    old, new = "begin " + "a b " * 200 + "eind", "begin " + "b a " * 200 + "eind"
    segs = diff.segments(old, new)
    assert _rebuilt(segs) == (old, new)
    assert [op for op, _ in segs] == ["same", "del", "ins", "same"]


def test_the_worst_inputs_at_the_field_limits_finish_quickly():
    for name, (old, new) in worst_inputs().items():
        a, b = versions(old, new)
        started = time.perf_counter()
        result = diff.compare(a, b)
        assert time.perf_counter() - started < 3, name
        for field, row in zip(("title", "problem", "body"), result, strict=True):
            assert _rebuilt(row["segments"]) == (getattr(a, field), getattr(b, field))
