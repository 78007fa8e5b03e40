"""The allocation model over random schools: budgets, headcounts, pins and exclusions."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gespreid.work.allocation import check, solve
from gespreid.work.explain import assignment_text
from gespreid.work.problem import Person, Problem, TaskSpec, expertise_violations, qualified


@st.composite
def schools(draw):
    n_people = draw(st.integers(1, 7))
    n_tasks = draw(st.integers(1, 8))
    areas = [1, 2, 3, 4]
    people = [
        Person(
            i,
            f"P{i}",
            draw(st.sampled_from([0, 10, 20, 35, 50, 80])),
            levels={
                a: draw(st.integers(1, 4)) for a in draw(st.lists(st.sampled_from(areas), max_size=2, unique=True))
            },
            growth=set(draw(st.lists(st.sampled_from(areas), max_size=2, unique=True))),
        )
        for i in range(1, n_people + 1)
    ]
    tasks = [
        TaskSpec(
            100 + j,
            f"T{j}",
            draw(st.sampled_from([5, 10, 15, 20, 40])),
            draw(st.integers(1, 3)),
            areas=draw(st.lists(st.sampled_from(areas), max_size=2, unique=True)),
            growth_areas=draw(st.lists(st.sampled_from(areas), max_size=1, unique=True)),
            level=draw(st.sampled_from([0, 0, 1, 2, 3, 4])),
            learning=draw(st.booleans()),
        )
        for j in range(n_tasks)
    ]
    pairs = [(p.id, t.id) for p in people for t in tasks]
    prefs = {
        pair: draw(st.sampled_from(["graag", "kan", "liever-niet"]))
        for pair in draw(st.lists(st.sampled_from(pairs), max_size=10, unique=True))
    }
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=6, unique=True))
    split_at = draw(st.integers(0, len(chosen)))
    return Problem(people, tasks, prefs, pins=set(chosen[:split_at]), exclusions=set(chosen[split_at:]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_allocation_respects_every_rule(problem):
    result = solve(problem, time_limit=2, workers=1)
    codes = {code for code, _ in result.problems}
    if result.status not in ("OPTIMAL", "FEASIBLE"):
        # Never a crash: an explanation instead.
        assert result.problems, result.status
        return
    hours = {t.id: t.hours for t in problem.tasks}
    used = {}
    for pid, tid in result.assignments:
        used[pid] = used.get(pid, 0) + hours[tid]
    budgets = {p.id: p.budget for p in problem.people}
    assert all(used[pid] <= budgets[pid] + 1e-9 for pid in used), "someone above budget"
    assert problem.pins <= set(result.assignments), "a pin was dropped"
    assert not (problem.exclusions & set(result.assignments)), "an excluded pair was assigned"
    assert len(set(result.assignments)) == len(result.assignments)
    for t in problem.tasks:
        filled = sum(1 for _, tid in result.assignments if tid == t.id)
        assert filled + result.unfilled.get(t.id, 0) == t.headcount
        if filled < t.headcount:
            # An open place is always explained.
            assert codes & {"headcount", "expertise_short", "total_hours", "budgets_combined"}, (t, result.problems)
    assert expertise_violations(problem, result.assignments) == 0, "expertise rule broken"
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    for key in result.assignments:
        assert isinstance(result.parts[key], list)
        if key not in problem.pins and not qualified(people[key[0]], tasks[key[1]]):
            # A learner on a learning place: the explanation names who supports them.
            (learning,) = [args for code, _, args in result.parts[key] if code == "learning_place"]
            supporter = people[learning["supporter"]]
            assert supporter.id != key[0] and supporter.levels.get(learning["area"], 0) >= tasks[key[1]].level
    assert result.bound is None or result.objective <= result.bound + 1e-6


def test_pins_over_budget_are_explained_without_solving():
    problem = Problem([Person(1, "Anna", 10)], [TaskSpec(5, "BHV", 16, 1)], pins={(1, 5)})
    result = solve(problem)
    assert result.status == "INFEASIBLE"
    assert result.problems[0][0] == "pins_over_budget"
    assert result.problems[0][1]["over"] == 6.0


def test_headcount_that_nobody_can_take_is_explained():
    problem = Problem([Person(1, "A", 50), Person(2, "B", 50)], [TaskSpec(5, "Werkgroep", 20, 3)])
    found, blocking = check(problem)
    assert ("headcount", {"task": 5, "needed": 3, "eligible": 2}) in found and not blocking
    result = solve(problem)
    assert result.status == "OPTIMAL" and result.unfilled == {5: 1} and len(result.assignments) == 2


def test_total_hours_shortfall_is_reported_in_hours():
    problem = Problem([Person(1, "A", 30)], [TaskSpec(5, "X", 20, 1), TaskSpec(6, "Y", 20, 1)])
    found, _ = check(problem)
    assert ("total_hours", {"need": 40.0, "have": 30.0, "short": 10.0}) in found


def test_expertise_and_preference_decide_and_are_explained():
    people = [Person(1, "Expert", 100, levels={7: 4}), Person(2, "Graag", 100), Person(3, "Neutraal", 100)]
    problem = Problem(
        people, [TaskSpec(5, "Reken", 20, 2, areas=[7])], preferences={(2, 5): "graag", (3, 5): "liever-niet"}
    )
    result = solve(problem)
    assert result.status == "OPTIMAL"
    assert set(result.assignments) == {(1, 5), (2, 5)}
    assert result.parts[(1, 5)][0][0] == "expertise"
    text = assignment_text(result.parts[(1, 5)], {7: "Rekenen"})
    assert "Rekenen" in text and "4" in text


def test_growth_pairs_learner_with_expert():
    people = [
        Person(1, "Expert", 100, levels={7: 4}),
        Person(2, "Leerling", 100, levels={7: 1}, growth={7}),
        Person(3, "Ander", 100),
    ]
    problem = Problem(people, [TaskSpec(5, "Reken", 20, 2, areas=[7]), TaskSpec(6, "Overig", 20, 1)])
    result = solve(problem)
    assert {(1, 5), (2, 5)} <= set(result.assignments)
    growth = [p for p in result.parts[(2, 5)] if p[0] == "growth_paired"]
    assert growth and growth[0][2]["mentor"] == 1


def test_fair_load_spreads_hours():
    people = [Person(1, "A", 100), Person(2, "B", 100)]
    tasks = [TaskSpec(5, "X", 40, 1), TaskSpec(6, "Y", 40, 1)]
    result = solve(Problem(people, tasks))
    owners = {pid for pid, _ in result.assignments}
    assert owners == {1, 2}


def test_pin_conflicting_with_exclusion_is_explained():
    problem = Problem([Person(1, "A", 100)], [TaskSpec(5, "X", 10, 1)], pins={(1, 5)}, exclusions={(1, 5)})
    result = solve(problem)
    assert result.status == "INFEASIBLE" and result.problems[0][0] == "pin_and_exclusion"


def test_no_answer_in_time_falls_back_to_a_valid_quick_allocation():
    people = [Person(i, f"P{i}", 40) for i in range(1, 5)]
    tasks = [TaskSpec(10 + j, f"T{j}", 10, 2) for j in range(6)]
    problem = Problem(people, tasks, pins={(1, 10)}, exclusions={(2, 11)})
    result = solve(problem, time_limit=0.0001, workers=1)
    assert result.status in ("OPTIMAL", "FEASIBLE")
    assert (1, 10) in result.assignments and (2, 11) not in result.assignments
    used = {}
    for pid, _ in result.assignments:
        used[pid] = used.get(pid, 0) + 10
    assert max(used.values()) <= 40


def test_warm_start_keeps_the_hard_rules():
    from gespreid.work.allocation import warm_start

    people = [Person(1, "A", 25), Person(2, "B", 25), Person(3, "C", 0)]
    tasks = [TaskSpec(5, "X", 20, 2), TaskSpec(6, "Y", 5, 3)]
    chosen = warm_start(Problem(people, tasks, pins={(1, 6)}, exclusions={(2, 5)}))
    assert (1, 6) in chosen and (2, 5) not in chosen and all(pid != 3 for pid, _ in chosen)
    assert sum(20 for pid, tid in chosen if pid == 1 and tid == 5) + 5 <= 25


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_quick_start_and_local_search_keep_every_rule(problem):
    from gespreid.work.allocation import improve, objective_of, warm_start

    if check(problem)[1]:
        return
    start = warm_start(problem)
    better = improve(problem, start, steps=5_000)
    assert objective_of(problem, better) >= objective_of(problem, start)
    hours = {t.id: t.hours for t in problem.tasks}
    for chosen in (start, better):
        used = {}
        for pid, tid in chosen:
            used[pid] = used.get(pid, 0) + hours[tid]
        assert all(used[p.id] <= p.budget + 1e-9 for p in problem.people if p.id in used)
        assert problem.pins <= set(chosen) and not (problem.exclusions & set(chosen))
        for t in problem.tasks:
            assert sum(1 for _, tid in chosen if tid == t.id) <= t.headcount


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_people_group_search_keeps_every_rule_and_never_loses(problem):
    from gespreid.work.allocation import objective_of, reshuffle, warm_start

    if check(problem)[1]:
        return
    start = warm_start(problem)
    better = reshuffle(problem, start, rounds=5, group=3)
    assert objective_of(problem, better) >= objective_of(problem, start) - 1e-9
    hours = {t.id: t.hours for t in problem.tasks}
    used = {}
    for pid, tid in better:
        used[pid] = used.get(pid, 0) + hours[tid]
    assert all(used[p.id] <= p.budget + 1e-9 for p in problem.people if p.id in used)
    assert problem.pins <= set(better) and not (problem.exclusions & set(better))
    assert len(set(better)) == len(better)
    for t in problem.tasks:
        assert sum(1 for _, tid in better if tid == t.id) <= t.headcount


def best_by_enumeration(problem):
    """The true optimum of a tiny school: every allocation that keeps the hard rules, scored."""
    from itertools import combinations

    from gespreid.work.allocation import can_take, objective_of

    pairs = [
        (p.id, t.id)
        for p in problem.people
        for t in problem.tasks
        if (p.id, t.id) not in problem.pins and can_take(problem, p, t)
    ]
    hours = {t.id: t.hours for t in problem.tasks}
    budgets = {p.id: p.budget for p in problem.people}
    heads = {t.id: t.headcount for t in problem.tasks}
    best = None
    for size in range(len(pairs) + 1):
        for extra in combinations(pairs, size):
            chosen = set(problem.pins) | set(extra)
            used, filled = {}, {}
            for pid, tid in chosen:
                used[pid] = used.get(pid, 0) + hours[tid]
                filled[tid] = filled.get(tid, 0) + 1
            if any(used[pid] > budgets[pid] + 1e-9 for pid in used) or any(filled[tid] > heads[tid] for tid in filled):
                continue
            value = objective_of(problem, chosen)
            best = value if best is None else max(best, value)
    return best


@st.composite
def tiny_schools(draw):
    """Small enough to enumerate, with experts and learners so the pairing bonus and its cut matter."""
    people = [
        Person(
            i,
            f"P{i}",
            draw(st.sampled_from([10, 20, 30, 40])),
            levels={1: draw(st.sampled_from([1, 2, 4]))},
            growth=set(draw(st.lists(st.sampled_from([1, 2]), max_size=2, unique=True))),
        )
        for i in range(1, draw(st.integers(2, 4)) + 1)
    ]
    tasks = [
        TaskSpec(100 + j, f"T{j}", draw(st.sampled_from([5, 10, 20])), draw(st.integers(1, 3)), areas=[1])
        for j in range(draw(st.integers(1, 3)))
    ]
    pairs = [(p.id, t.id) for p in people for t in tasks]
    prefs = {pair: draw(st.sampled_from(["graag", "kan", "liever-niet"])) for pair in pairs[:3]}
    return Problem(people, tasks, prefs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_schools())
def test_reported_bounds_are_never_below_the_true_optimum(problem):
    """The tightened pairing model (no bonus without room for a mentor, the per-task cut) removes no
    whole allocation: the proven bounds stay above the enumerated optimum, and an OPTIMAL answer is it."""
    from gespreid.work.allocation import objective_of

    from .lp_reference import lp_bound

    best = best_by_enumeration(problem)
    result = solve(problem, time_limit=2, workers=1)
    assert result.objective is not None and result.objective <= best + 1e-6
    assert result.bound is None or result.bound >= best - 1e-6
    relaxed = lp_bound(problem)
    assert relaxed is None or relaxed >= best - 1e-6
    if result.status == "OPTIMAL":
        assert abs(result.objective - best) < 1e-6
        assert abs(objective_of(problem, result.assignments) - best) < 1e-6


def test_no_pairing_bonus_on_a_task_for_one_person():
    people = [Person(1, "Expert", 100, levels={7: 4}), Person(2, "Leerling", 100, levels={7: 1}, growth={7})]
    problem = Problem(people, [TaskSpec(5, "Alleen", 20, 1, areas=[7])])
    result = solve(problem)
    assert result.status == "OPTIMAL" and len(result.assignments) == 1
    assert all(code != "growth_paired" for parts in result.parts.values() for code, _, _ in parts)


@st.composite
def tiny_schools_with_rules(draw):
    """Tiny schools (enumerable) with pins, exclusions, empty budgets and tasks for one person."""
    people = [
        Person(
            i,
            f"P{i}",
            draw(st.sampled_from([0, 10, 15, 20, 30, 40])),
            levels={a: draw(st.sampled_from([1, 2, 4])) for a in draw(st.lists(st.sampled_from([1, 2]), unique=True))},
            growth=set(draw(st.lists(st.sampled_from([1, 2]), max_size=2, unique=True))),
        )
        for i in range(1, draw(st.integers(1, 4)) + 1)
    ]
    tasks = [
        TaskSpec(
            100 + j,
            f"T{j}",
            draw(st.sampled_from([0, 5, 7.5, 10, 20])),
            draw(st.integers(1, 3)),
            areas=draw(st.lists(st.sampled_from([1, 2]), max_size=2, unique=True)),
            growth_areas=draw(st.lists(st.sampled_from([1, 2]), max_size=1, unique=True)),
            level=draw(st.sampled_from([0, 2, 4])),
            learning=draw(st.booleans()),
        )
        for j in range(draw(st.integers(1, 3)))
    ]
    pairs = [(p.id, t.id) for p in people for t in tasks]
    prefs = {
        pair: draw(st.sampled_from(["graag", "kan", "liever-niet"]))
        for pair in draw(st.lists(st.sampled_from(pairs), max_size=4, unique=True))
    }
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=3, unique=True))
    split_at = draw(st.integers(0, len(chosen)))
    return Problem(people, tasks, prefs, pins=set(chosen[:split_at]), exclusions=set(chosen[split_at:]))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_schools_with_rules(), st.randoms(use_true_random=False))
def test_lagrangian_bound_is_never_below_the_true_optimum(problem, rnd):
    """Whatever the prices, the Lagrangian bound (per-person knapsacks, exact fairness per R) stays above
    the enumerated optimum; so does the best bound after the subgradient steps and the solver's answer."""
    import numpy as np

    from gespreid.work import lagrange

    if check(problem)[1]:
        return
    best = best_by_enumeration(problem)
    rel = lagrange.Relaxation(problem)
    for _ in range(5):
        lam = np.array([rnd.uniform(0, 2 * 10_000) for _ in range(rel.T)])
        mu = np.array([rnd.uniform(0, 6) for _ in range(rel.L)])
        assert rel.evaluate(lam, mu, want_solution=False)[0] >= best - 1e-6
    (bound, _, _), solutions = lagrange.optimise(rel, rounds=30, best_known=best - 1)
    assert bound >= best - 1e-6
    assert problem.pins <= rel.core(solutions)
    result = solve(problem, time_limit=1, workers=1)
    assert result.bound is not None and result.bound >= best - 1e-6
    assert result.objective <= best + 1e-6


def random_school(n_people, n_tasks, seed, tightness=0.95):
    """A mid-sized random school with tight budgets (like the bench's), where both solver lanes run."""
    import random

    rng = random.Random(seed)
    people = [
        Person(
            i,
            f"P{i}",
            float(rng.choice([40, 60, 80, 100])),
            levels={a: rng.choice([1, 2, 3, 4]) for a in rng.sample(range(1, 9), 3)},
            growth=set(rng.sample(range(1, 9), 2)),
        )
        for i in range(1, n_people + 1)
    ]
    tasks = [
        TaskSpec(
            100 + j,
            f"T{j}",
            float(rng.choice([5, 10, 15, 20, 30])),
            rng.choice([1, 2, 3]),
            areas=rng.sample(range(1, 9), rng.choice([1, 2])),
            growth_areas=rng.sample(range(1, 9), rng.choice([0, 1])),
        )
        for j in range(n_tasks)
    ]
    factor = tightness * sum(p.budget for p in people) / sum(t.hours * t.headcount for t in tasks)
    for t in tasks:
        t.hours = max(2.0, round(t.hours * factor * 2) / 2)
    pairs = [(p.id, t.id) for p in people for t in tasks]
    prefs = {pair: rng.choice(["graag", "kan", "liever-niet"]) for pair in rng.sample(pairs, len(pairs) // 5)}
    picked = rng.sample(pairs, 6)
    return Problem(people, tasks, prefs, pins={picked[0]}, exclusions=set(picked[1:]))


def test_mid_sized_school_keeps_every_rule_with_both_lanes():
    from gespreid.work.allocation import objective_of

    for seed in (1, 2):
        problem = random_school(14, 30, seed)
        if check(problem)[1]:
            continue
        result = solve(problem, time_limit=1.5)
        assert result.status in ("OPTIMAL", "FEASIBLE")
        hours = {t.id: t.hours for t in problem.tasks}
        used = {}
        for pid, tid in result.assignments:
            used[pid] = used.get(pid, 0) + hours[tid]
        assert all(used[p.id] <= p.budget + 1e-9 for p in problem.people if p.id in used)
        assert problem.pins <= set(result.assignments) and not (problem.exclusions & set(result.assignments))
        assert len(set(result.assignments)) == len(result.assignments)
        assert abs(objective_of(problem, result.assignments) - result.objective) < 1e-6
        assert result.objective <= result.bound + 1e-6
        assert result.seconds <= 1.5 + 0.5


def test_same_school_same_distribution_whatever_the_clock():
    """The searches are bounded by work, not time: two solves of one school give the same allocation, and a
    generous wall-clock ceiling changes nothing."""
    problem = random_school(14, 30, 3)
    # Ceilings far above the work (the machine may be very busy): they must not change the answer.
    first = solve(problem, effort=0.3, time_limit=300)
    again = solve(problem, effort=0.3, time_limit=600)
    assert first.objective == again.objective and not first.cut_short
    if first.status != "OPTIMAL":  # a proven optimum may stop the other lane early: ties can then differ
        assert first.assignments == again.assignments


def test_the_ceiling_is_a_safety_net_that_says_so():
    problem = random_school(14, 30, 4)
    result = solve(problem, time_limit=0.05)
    assert result.status in ("OPTIMAL", "FEASIBLE") and result.assignments
    if result.status == "FEASIBLE":
        assert result.cut_short and any(code == "cut_short" for code, _ in result.problems)
