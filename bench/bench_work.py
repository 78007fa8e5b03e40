"""allocation_*: the CP-SAT allocation on synthetic schools (plain data, no database).

- allocation_seconds_40x80 / _60x150 (and _t90): wall time of one solve with preferences, expertise
  (a required level per task, some learning places), growth wishes and tight budgets (task hours ≈ 95 %
  of all task budgets); target ≤ 5 s on a quiet machine.
- allocation_vs_bound_*: objective ÷ the solver's proven bound; target ≥ 0.99.
- allocation_vs_greedy_*: objective ÷ the greedy baseline's objective (same scoring; open places
  not counted in either, reported beside it with the greedy's budget violations); target > 1.
- *_loaded: the same while ``burn`` keeps both cores busy (a bounded CPU-burning process per core).
  The solve's work is fixed (deterministic limits), so the quality must not drop; only time grows.
- allocation_expertise_violations (must be 0) and greedy_expertise_violations: assignments, over the
  four schools, to someone below the task's level who is not a supported learner on a learning place.
"""

import multiprocessing
import random
import time
from contextlib import contextmanager

from bench.common import emit
from bench.greedy import greedy
from gespreid.work import allocation
from gespreid.work.problem import OPEN_PLACE_PENALTY, Person, Problem, TaskSpec, expertise_violations, objective_of

TIME_LIMIT = 120.0  # the wall-clock ceiling only; the work per solve is fixed
VIOLATIONS = {"allocation": 0, "greedy": 0}


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
    # Expertise: a level per task (a separate stream, so the rest of the school is the same as before).
    levels = random.Random(seed + 1000)
    for t in tasks:
        t.level = levels.choice([1, 2, 2, 3])
        t.learning = levels.random() < 0.3
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
    return objective_of(problem, assignments) + OPEN_PLACE_PENALTY * open_places


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    x = 0
    while time.monotonic() < end:
        x = (x * 31 + 7) % 1_000_003


@contextmanager
def burn(cores: int = 2, seconds: float = 120.0):
    """Keep ``cores`` cores busy (one spinning process each, ended after the block or after ``seconds``)."""
    procs = [multiprocessing.Process(target=_spin, args=(seconds,), daemon=True) for _ in range(cores)]
    for p in procs:
        p.start()
    try:
        yield
    finally:
        for p in procs:
            p.terminate()
            p.join()


def measure(label: str, n_people: int, n_tasks: int, tightness: float = 0.95, loaded: bool = False) -> None:
    problem = instance(n_people, n_tasks, tightness=tightness)
    t0, c0 = time.perf_counter(), time.process_time()
    result = allocation.solve(problem, time_limit=TIME_LIMIT)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0  # both lanes' CPU time: what the solve costs, whatever the machine's load
    open_places = sum(result.unfilled.values())
    if loaded:
        ratio = round(result.objective / result.bound, 4) if result.bound else None
        emit(
            f"allocation_vs_bound_{label}_loaded",
            ratio,
            "ratio",
            compared_to=(
                f"objective {result.objective} / proven bound {round(result.bound, 1) if result.bound else None} "
                f"with both cores kept busy by a burner; {round(seconds, 2)} s wall (target ≥ 0.99)"
            ),
            ratio=ratio,
        )
        return
    VIOLATIONS["allocation"] += expertise_violations(problem, result.assignments)
    emit(
        f"allocation_seconds_{label}",
        round(seconds, 2),
        "s",
        compared_to=(
            f"target 5 s on a quiet machine; {round(cpu, 2)} s CPU over two threads; status {result.status}, "
            f"{open_places} open places"
        ),
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
    VIOLATIONS["greedy"] += expertise_violations(problem, base["assignments"])
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


SCHOOLS = [("40x80", 40, 80, 0.95), ("60x150", 60, 150, 0.95), ("40x80_t90", 40, 80, 0.9), ("60x150_t90", 60, 150, 0.9)]


def run():
    for label, n_people, n_tasks, tightness in SCHOOLS:
        measure(label, n_people, n_tasks, tightness)
    emit(
        "allocation_expertise_violations",
        VIOLATIONS["allocation"],
        "assignments",
        compared_to="below the task's level and not a supported learner, over the four schools (target 0)",
    )
    emit(
        "greedy_expertise_violations",
        VIOLATIONS["greedy"],
        "assignments",
        compared_to="the greedy baseline, which ignores the level, on the same four schools",
    )
    with burn(2):
        for label, n_people, n_tasks, tightness in SCHOOLS:
            measure(label, n_people, n_tasks, tightness, loaded=True)


if __name__ == "__main__":
    import os
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    run()
