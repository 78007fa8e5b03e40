"""The measures against small networks computed by hand."""

import pytest

from .. import measures as m


def test_one_way_cycle():
    g = m.build_graph([1, 2, 3], [(1, 2, 1), (2, 3, 1), (3, 1, 1)])
    assert m.density(g) == pytest.approx(3 / 6)
    assert m.reciprocity(g) == 0
    assert m.unnamed_count(g) == 0
    assert m.in_degree_centralisation(g) == 0


def test_star_everyone_goes_to_one_person():
    g = m.build_graph([1, 2, 3, 4], [(2, 1, 1), (3, 1, 2), (4, 1, 4)])
    assert m.density(g) == pytest.approx(3 / 12)
    assert m.unnamed_count(g) == 3
    assert m.in_degree_centralisation(g) == pytest.approx(1.0)  # (3+3+3) / (n-1)^2 = 9/9
    assert m.top_share(g) == pytest.approx(1.0)
    assert m.dependency_level(1.0) == "hoog"
    assert m.dependency_level(0.25) == "midden" and m.dependency_level(0.1) == "laag"


def test_mutual_pair_with_a_follower_and_an_isolate():
    # 1 <-> 2, 3 -> 1, and 4 named by nobody and naming nobody
    g = m.build_graph([1, 2, 3, 4], [(1, 2, 1), (2, 1, 1), (3, 1, 1)])
    assert m.density(g) == pytest.approx(3 / 12)
    assert m.reciprocity(g) == pytest.approx(2 / 3)
    assert m.unnamed_count(g) == 2  # 3 and 4
    # in-degrees 2, 1, 0, 0: (0 + 1 + 2 + 2) / 9
    assert m.in_degree_centralisation(g) == pytest.approx(5 / 9)
    assert m.top_share(g, k=1) == pytest.approx(2 / 3)


def test_double_answers_are_one_tie_with_the_highest_frequency_and_self_ties_are_dropped():
    g = m.build_graph([1, 2], [(1, 2, 1), (1, 2, 3), (1, 1, 4)])
    assert g.number_of_edges() == 1 and g[1][2]["weight"] == 3


def test_two_triangles_joined_by_one_tie_are_two_subgroups():
    both = lambda a, b: [(a, b, 2), (b, a, 2)]  # noqa: E731
    ties = both(1, 2) + both(2, 3) + both(1, 3) + both(4, 5) + both(5, 6) + both(4, 6) + [(3, 4, 1)]
    g = m.build_graph(range(1, 8), ties)
    groups = m.subgroups(g)
    assert groups == [{1, 2, 3}, {4, 5, 6}]  # 7 has no ties: in no subgroup
    assert m.ties_between_groups(g, groups) == 1
    assert m.subgroups(g) == groups  # seeded: the same every time


def test_ties_between_bouwen():
    g = m.build_graph([1, 2, 3, 4], [(1, 2, 1), (1, 3, 1), (3, 1, 1), (4, 1, 1)])
    bouw = {1: "onderbouw", 2: "onderbouw", 3: "bovenbouw", 4: ""}
    mix = m.mixing(g, bouw)
    assert mix[("onderbouw", "onderbouw")] == 1
    assert mix[("onderbouw", "bovenbouw")] == 1 and mix[("bovenbouw", "onderbouw")] == 1
    assert mix[("", "onderbouw")] == 1
    assert m.crossing_share(g, bouw) == pytest.approx(2 / 3)  # the tie of 4 (no bouw) is not counted


def test_small_groups_are_merged_or_left_out_of_the_bouw_table():
    labels = {1: "onderbouw", 2: "onderbouw", 3: "onderbouw", 4: "bovenbouw", 5: "", 6: ""}
    safe = m.group_labels(labels)
    assert safe[1] == "onderbouw" and safe[4] == "" and safe[5] == ""  # one bovenbouw + two without: three ""
    assert m.group_labels({1: "onderbouw", 2: "onderbouw", 3: "onderbouw", 4: ""}) == {
        1: "onderbouw",
        2: "onderbouw",
        3: "onderbouw",
        4: None,  # the leader alone: no row of their own
    }
    g = m.build_graph([1, 2, 3, 4], [(1, 4, 1), (2, 4, 1), (1, 2, 1)])
    assert m.mixing(g, {1: "onderbouw", 2: "onderbouw", 3: "onderbouw", 4: None}) == {("onderbouw", "onderbouw"): 1}
    picture = m.team_picture(
        [1, 2, 3, 4],
        4,
        {"advies": [(1, 4, 1), (2, 4, 1), (1, 2, 1)]},
        {1: "onderbouw", 2: "onderbouw", 3: "onderbouw", 4: ""},
    )
    assert picture.bouw_mixing == {("onderbouw", "onderbouw"): 1}


def test_team_picture_and_change_between_years():
    last_year = m.team_picture([1, 2, 3, 4], 4, {"advies": [(2, 1, 1), (3, 1, 1), (4, 1, 1)]}, {})
    this_year = m.team_picture(
        [1, 2, 3, 4], 4, {"advies": [(2, 1, 1), (1, 2, 1), (3, 4, 1), (4, 3, 1)], "steun": [(1, 3, 2)]}, {}
    )
    assert last_year.dependency == "hoog" and last_year.advice_centralisation == pytest.approx(1.0)
    assert this_year.ties == 5 and this_year.density == pytest.approx(5 / 12)
    assert this_year.reciprocity == pytest.approx(4 / 5)
    assert this_year.advice_centralisation == 0 and this_year.dependency == "laag"
    assert [q.key for q in this_year.per_question] == ["advies", "steun"]
    rows = {r["name"]: r for r in m.change(last_year, this_year)}
    assert rows["density"]["delta"] == pytest.approx(5 / 12 - 3 / 12)
    assert rows["unnamed"]["before"] == 3 and rows["unnamed"]["now"] == 0
    assert rows["between_bouw_share"]["delta"] is None


def test_board_picture_counts_ties_that_cross_schools():
    people = {10: {1, 2, 3}, 20: {4, 5}}
    ties = [(10, 1, 2, 1, "advies"), (10, 2, 4, 2, "advies"), (20, 4, 5, 1, "hulp")]
    p = m.board_picture(people, 4, ties)
    assert p.people == 5 and p.ties == 3 and p.crossing_ties == 1
    assert p.crossing_share == pytest.approx(1 / 3)
    assert p.density == pytest.approx(3 / 20)
    assert {r["school"]: r["crossing"] for r in p.per_school} == {10: 1, 20: 0}
    assert p.unnamed == 2  # 1 and 3


def test_empty_network_does_not_divide_by_zero():
    g = m.build_graph([1], [])
    assert m.density(g) == 0 and m.reciprocity(g) == 0 and m.in_degree_centralisation(g) == 0
    assert m.subgroups(g) == [] and m.top_share(g) == 0
    p = m.team_picture([], 0, {}, {})
    assert p.people == 0 and p.dependency is None
