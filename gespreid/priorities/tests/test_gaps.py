"""Gap analysis: unit tests and properties (hypothesis)."""

from hypothesis import given
from hypothesis import strategies as st

from gespreid.priorities import gaps
from gespreid.priorities.gaps import (
    COVERED,
    FRAGILE,
    HIRE,
    MISSING,
    SEVERITY,
    SHARE,
    SHORT,
    TRAIN,
    Helper,
    Holder,
    Need,
)

NEED = Need(area_id=1, area_name="Begrijpend lezen", min_level=3, people_needed=2, area_key="begrijpend-lezen")


def test_nobody_holds_it_is_missing_and_the_route_is_hire():
    gap = gaps.assess(NEED, [])
    assert gap.status == MISSING and gap.route == HIRE and gap.shortfall == 2


def test_people_below_the_level_do_not_count():
    gap = gaps.assess(NEED, [Holder(1, "An", 2), Holder(2, "Bo", 1)])
    assert gap.status == MISSING and gap.holders == []


def test_one_person_is_fragile_even_when_one_is_enough():
    need = Need(1, "Coachen", 3, people_needed=1)
    gap = gaps.assess(need, [Holder(1, "An", 4)])
    assert gap.status == FRAGILE and gap.shortfall == 0


def test_two_of_three_is_short_and_three_of_three_covered():
    need = Need(1, "Rekenen", 2, people_needed=3)
    assert gaps.assess(need, [Holder(1, "An", 2), Holder(2, "Bo", 3)]).status == SHORT
    gap = gaps.assess(need, [Holder(1, "An", 2), Holder(2, "Bo", 3), Holder(3, "Cas", 4)])
    assert gap.status == COVERED and gap.route is None
    assert [h.name for h in gap.holders] == ["Cas", "Bo", "An"]  # by level


def test_growers_lead_to_training_and_helpers_to_sharing():
    grower = Holder(5, "Eva", 1, wants_growth=True, target_level=3)
    too_modest = Holder(6, "Fer", None, wants_growth=True, target_level=2)
    gap = gaps.assess(NEED, [grower, too_modest], [Helper(9, "Ike", "Het Anker", 4)])
    assert [g.name for g in gap.growers] == ["Eva"] and gap.route == TRAIN
    gap = gaps.assess(NEED, [], [Helper(9, "Ike", "Het Anker", 4), Helper(10, "Jo", "Het Anker", 2)])
    assert gap.route == SHARE and [h.name for h in gap.helpers] == ["Ike"]


def test_coverage_counts_people_up_to_what_is_needed():
    needs = [Need(1, "A", 2, 2), Need(2, "B", 2, 2)]
    people = {1: [Holder(1, "An", 3), Holder(2, "Bo", 3), Holder(3, "Cas", 4)], 2: [Holder(1, "An", 1)]}
    result = gaps.analyse(needs, people)
    assert gaps.coverage(result) == 0.5
    assert gaps.worst_status(result) == MISSING
    assert gaps.coverage([]) is None


def test_vacancy_profile_orders_by_need_and_merges_priorities():
    lezen = gaps.analyse([Need(1, "Begrijpend lezen", 3, 2), Need(2, "Coachen", 3, 1)], {2: [Holder(1, "An", 4)]})
    duurzaam = gaps.analyse([Need(3, "Duurzaamheid", 3, 1), Need(1, "Begrijpend lezen", 2, 1)], {})
    lines = gaps.vacancy_profile([("Lezen", lezen), ("Duurzaam", duurzaam)])
    assert [line.area_name for line in lines] == ["Begrijpend lezen", "Duurzaamheid", "Coachen"]
    assert lines[0].priorities == ["Lezen", "Duurzaam"] and lines[0].min_level == 3 and lines[0].people_short == 2


# --- properties -------------------------------------------------------------------------------

levels = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
holders = st.lists(
    st.builds(
        Holder,
        user_id=st.integers(1, 10_000),
        name=st.text(min_size=1, max_size=5),
        level=levels,
        wants_growth=st.booleans(),
        target_level=levels,
    ),
    max_size=12,
    unique_by=lambda h: h.user_id,
)
needs = st.builds(
    Need, area_id=st.just(1), area_name=st.just("Vak"), min_level=st.integers(1, 4), people_needed=st.integers(1, 6)
)


@given(needs, holders)
def test_adding_an_expert_never_makes_a_requirement_worse(need, people):
    before = gaps.assess(need, people)
    after = gaps.assess(need, [*people, Holder(99_999, "Nieuwe expert", 4)])
    assert SEVERITY[after.status] <= SEVERITY[before.status]
    assert after.covered_count >= before.covered_count
    assert after.shortfall <= before.shortfall


@given(needs, holders)
def test_an_area_nobody_holds_is_always_missing(need, people):
    nobody = [Holder(h.user_id, h.name, None, h.wants_growth, h.target_level) for h in people]
    gap = gaps.assess(need, nobody)
    assert gap.status == MISSING and gap.route in (TRAIN, HIRE)


@given(st.lists(st.tuples(needs, holders), max_size=6))
def test_coverage_is_a_share_and_full_only_without_shortfall(pairs):
    result = [gaps.assess(n, p) for n, p in pairs]
    value = gaps.coverage(result)
    if not result:
        assert value is None
    else:
        assert 0 <= value <= 1
        assert (value == 1) == all(g.shortfall == 0 for g in result)


@given(needs, holders)
def test_status_agrees_with_the_people_counted(need, people):
    gap = gaps.assess(need, people)
    qualified = [p for p in people if p.level is not None and p.level >= need.min_level]
    assert len(gap.holders) == len(qualified)
    assert (gap.status == COVERED) == (len(qualified) >= max(2, need.people_needed))
    assert not {g.user_id for g in gap.growers} & {h.user_id for h in gap.holders}


@given(st.lists(st.tuples(needs, holders), max_size=5))
def test_vacancy_profile_lists_only_gaps_most_needed_first(pairs):
    result = [gaps.assess(Need(i, f"Vak {i}", n.min_level, n.people_needed), p) for i, (n, p) in enumerate(pairs)]
    lines = gaps.vacancy_profile([("Speerpunt", result)])
    assert {line.area_id for line in lines} == {g.need.area_id for g in result if g.is_gap}
    weights = [line.weight for line in lines]
    assert weights == sorted(weights, reverse=True)


def test_a_gap_someone_trains_for_reads_in_ontwikkeling_and_leaves_the_vacancy():
    trainees = [gaps.Trainee(5, "Tim"), gaps.Trainee(6)]
    gap = gaps.assess(NEED, [], trainees=trainees)
    assert gap.status == MISSING and gap.shown_status == gaps.DEVELOPING
    assert gap.trainee_names == ["Tim"] and gap.trainees_unnamed == 1
    assert not gap.remains and gaps.vacancy_profile([("Lezen", [gap])]) == []


def test_training_of_someone_already_at_the_level_changes_nothing():
    gap = gaps.assess(NEED, [Holder(5, "Tim", 4)], trainees=[gaps.Trainee(5, "Tim")])
    assert gap.status == FRAGILE and gap.shown_status == FRAGILE and gap.trainees == []
    covered = gaps.assess(NEED, [Holder(5, "Tim", 4), Holder(6, "An", 3)], trainees=[gaps.Trainee(7, "Bo")])
    assert covered.shown_status == COVERED
