"""The pure aggregation rules: threshold, grid, order of remarks."""

from hypothesis import given
from hypothesis import strategies as st

from gespreid.innovations import readiness
from gespreid.innovations.readiness import Answer, summarize

LABELS = {"samen": "Samen doen", "lezen": "Eerst lezen", "uitproberen": "Zelf uitproberen"}


def answers(n, **kw):
    return [
        Answer(willing=1 + i % 5, able=1 + (i * 2) % 5, learning="samen", remark=f"opmerking {i}", **kw)
        for i in range(n)
    ]


def test_four_answers_show_nothing():
    s = summarize(answers(4), LABELS)
    assert s.answered == 4 and not s.enough
    assert s.grid == [] and s.preferences == [] and s.remarks == [] and s.average_willing is None


def test_five_answers_show_counts():
    s = summarize(answers(5), LABELS)
    assert s.enough
    assert sum(map(sum, s.grid)) == 5
    assert dict((v, c) for v, _, c in s.preferences) == {"samen": 5, "lezen": 0, "uitproberen": 0}
    assert len(s.remarks) == 5


def test_grid_puts_willing_top_down_and_able_left_to_right():
    data = [Answer(5, 1, "samen")] * 3 + [Answer(1, 5, "lezen")] * 2
    s = summarize(data, LABELS)
    assert s.grid[0][0] == 3  # willing 5, able 1: top-left
    assert s.grid[4][4] == 2  # willing 1, able 5: bottom-right
    rows = readiness.grid_rows(s)
    assert rows[0]["willing"] == 5 and rows[0]["cells"][0]["shade"] == 4


def test_shared_answers_do_not_count_towards_the_threshold():
    """Otherwise the lead could subtract the shared answers and read the rest."""
    data = answers(4) + answers(2, shared=True)
    s = summarize(data, LABELS)
    assert s.answered == 6 and s.anonymous == 4 and not s.enough
    assert summarize(answers(5) + answers(1, shared=True), LABELS).enough


def test_remarks_are_sorted_alphabetically_not_by_arrival():
    data = [Answer(3, 3, "samen", r) for r in ["zeker", "Appel", "  midden ", "", "banaan"]]
    s = summarize(data, LABELS)
    assert s.remarks == ["Appel", "banaan", "midden", "zeker"]


def test_out_of_range_scores_are_ignored():
    data = answers(4) + [Answer(0, 3, "samen"), Answer(3, 6, "samen"), Answer(True, 3, "samen")]
    assert summarize(data, LABELS).answered == 4


@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(1, 5), st.sampled_from(list(LABELS)), st.text(max_size=20)),
        max_size=30,
    ),
    st.randoms(),
)
def test_result_does_not_depend_on_the_order_of_answers(rows, rnd):
    data = [Answer(*r) for r in rows]
    shuffled = list(data)
    rnd.shuffle(shuffled)
    assert summarize(data, LABELS) == summarize(shuffled, LABELS)
    s = summarize(data, LABELS)
    assert s.enough == (len(data) >= 5)
    if s.enough:
        assert sum(map(sum, s.grid)) == len(data)
