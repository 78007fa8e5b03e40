"""allocation_*: the CP-SAT allocation on synthetic schools (plain data, no database).

- allocation_seconds_40x80 / _60x150: wall time of one solve with preferences, expertise, growth
  wishes and tight budgets (task hours ≈ 95 % of all task budgets); target ≤ 5 s.
- allocation_vs_bound_*: objective ÷ the solver's proven bound; target ≥ 0.99.
- allocation_vs_greedy_*: objective ÷ the greedy baseline's objective (same scoring; open places
  not counted in either, reported beside it with the greedy's budget violations); target > 1.
"""

import random
import time

from bench.common import emit
from bench.greedy import greedy
from gespreid.work import allocation
from gespreid.work.allocation import Person, Problem, TaskSpec

TIME_LIMIT = 4.0  # seconds for the whole solve: building, LP bound, start, local + people-group search, CP-SAT


def instance(n_people: int, n_tasks: int, seed: int = 1, tightness: float = 0.95) -> Problem:
    rng = random.Random(seed)
    areas = list(range(1, 31))
    people = []
    for i in range(n_people):
        levels = {a: rng.choice([1, 2, 2, 3, 3, 4]) for a in rng.sample(areas, 6)}
        growth = set(rng.sample([a for a in areas if levels.get(a, 0) < 4], 2))
        people.append(
            Person(
                id=i + 1,
                name=f"P{i + 1}",
                budget=float(rng.choice([80, 120, 160, 200, 220])),
                levels=levels,
                growth=growth,
            )
        )
    tasks = []
    for j in range(n_tasks):
        tasks.append(
            TaskSpec(
                id=j + 1,
                name=f"T{j + 1}",
                hours=float(rng.choice([10, 15, 20, 30, 40, 60])),
                headcount=rng.choice([1, 1, 2, 2, 3]),
                areas=rng.sample(areas, rng.choice([1, 2])),
                growth_areas=rng.sample(areas, rng.choice([0, 1])),
            )
        )
    # Scale task hours so the team's task budgets are ``tightness`` used.
    need = sum(t.hours * t.headcount for t in tasks)
    have = sum(p.budget for p in people)
    factor = tightness * have / need
    for t in tasks:
        t.hours = max(2.0, round(t.hours * factor * 2) / 2)
    prefs = {}
    for p in people:
        for t in rng.sample(tasks, n_tasks // 4):
            prefs[(p.id, t.id)] = rng.choice(["graag", "graag", "kan", "kan", "liever-niet"])
    return Problem(people=people, tasks=tasks, preferences=prefs)


def score_without_open_places(problem, assignments) -> float:
    filled = {}
    for _, tid in assignments:
        filled[tid] = filled.get(tid, 0) + 1
    open_places = sum(max(0, t.headcount - filled.get(t.id, 0)) for t in problem.tasks)
    return allocation.objective_of(problem, assignments) + allocation.OPEN_PLACE_PENALTY * open_places


def measure(label: str, n_people: int, n_tasks: int, tightness: float = 0.95) -> None:
    problem = instance(n_people, n_tasks, tightness=tightness)
    t0 = time.perf_counter()
    result = allocation.solve(problem, time_limit=TIME_LIMIT)
    seconds = time.perf_counter() - t0
    open_places = sum(result.unfilled.values())
    emit(
        f"allocation_seconds_{label}",
        round(seconds, 2),
        "s",
        compared_to=f"target 5 s; status {result.status}, {open_places} open places",
        ratio=round(seconds / 5, 3),
    )
    emit(
        f"allocation_vs_bound_{label}",
        round(result.objective / result.bound, 4) if result.bound else None,
        "ratio",
        compared_to=f"objective {result.objective} / proven bound {round(result.bound, 1) if result.bound else None} (target ≥ 0.99)",
        ratio=round(result.objective / result.bound, 4) if result.bound else None,
    )
    base = greedy(problem)
    ours = score_without_open_places(problem, result.assignments)
    theirs = score_without_open_places(problem, base["assignments"])
    emit(
        f"allocation_vs_greedy_{label}",
        round(ours / theirs, 3) if theirs > 0 else None,
        "ratio",
        compared_to=(
            f"greedy objective {round(theirs, 1)}: {sum(base['unfilled'].values())} open places, "
            f"{base['over_budget']} people over budget; solver {round(ours, 1)}, {open_places} open places"
        ),
        ratio=round(ours / theirs, 3) if theirs > 0 else None,
    )
    fill_all = greedy(problem, respect_budget=False)
    emit(
        f"allocation_greedy_fill_all_over_budget_{label}",
        fill_all["over_budget"],
        "people",
        compared_to="greedy that fills every place regardless of budget; the solver has 0 by construction",
    )


def run():
    measure("40x80", 40, 80)
    measure("60x150", 60, 150)
    # The same schools with a little more room (90 % of the task budgets used), for comparison.
    measure("40x80_t90", 40, 80, tightness=0.9)
    measure("60x150_t90", 60, 150, tightness=0.9)


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    run()
