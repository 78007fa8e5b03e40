"""The allocation problem, written once: its data, its hard rules, its score terms and its objective.

Pure: no database, no solver. The search (``allocation.py``) and the Lagrangian bound (``lagrange.py``)
both import this module and nothing of each other, so a change to a weight or a rule is made here once.

Hard rules (``can_take``): nobody above their task budget; excluded pairs never; and **expertise**: a task
that needs expertise (``TaskSpec.areas`` with a ``level``) goes only to someone at or above that level in
one of its areas, or, where the task is a learning place, to someone who wants to grow in one of its areas
while a colleague at that level is there to support them (``supporter``). Pins are the leader's choice and
are kept as they are.

Score terms of one (person, task) pair (``pair_terms``): expertise (3 × the best level in the task's areas),
affinity (graag +8, kan +2, liever niet −10), growth (+6 when the person wants to grow in an area of the
task and an expert-level colleague is on the same task; +3 when the team has no expert in that area).
The objective (``objective_of``): the sum of the terms, minus 0.2 per thousandth of the highest relative
load, minus 10,000 per open place.
"""

import math
from dataclasses import dataclass, field

EXPERTISE_PER_LEVEL = 3  # × the person's best level in the areas the task needs
AFFINITY = {"graag": 8, "kan": 2, "liever-niet": -10}
GROWTH_PAIRED = 6  # wants to grow in an area of the task and an expert is on the same task
GROWTH_NO_EXPERT = 3  # wants to grow there; the team has no expert in that area
EXPERT_LEVEL = 4
OPEN_PLACE_PENALTY = 10_000
FAIRNESS_WEIGHT = 0.2  # points per 1/1000 of the highest relative load


@dataclass
class Person:
    id: int
    name: str
    budget: float  # hours available for tasks (after roles)
    levels: dict = field(default_factory=dict)  # area id -> level 1..4
    growth: set = field(default_factory=set)  # area ids this person wants to grow in


@dataclass
class TaskSpec:
    id: int
    name: str
    hours: float  # per person
    headcount: int
    areas: list = field(default_factory=list)  # areas the task needs
    growth_areas: list = field(default_factory=list)  # areas the task helps to grow
    level: int = 0  # the level the task asks in one of ``areas`` (0: no expertise rule)
    learning: bool = False  # a learning place: someone who wants to grow in an area may take it, supported


@dataclass
class Problem:
    people: list
    tasks: list
    preferences: dict = field(default_factory=dict)  # (person id, task id) -> "graag" | "kan" | "liever-niet"
    pins: set = field(default_factory=set)  # (person id, task id)
    exclusions: set = field(default_factory=set)


def tenths(hours: float) -> int:
    return int(round(float(hours) * 10))


# --- Hard rules ---------------------------------------------------------------------------------


def needs_expertise(task: TaskSpec) -> bool:
    return bool(task.areas) and task.level > 0


def qualified(person: Person, task: TaskSpec) -> bool:
    """At or above the level the task asks in one of its areas (always true for a task without the rule)."""
    if not needs_expertise(task):
        return True
    return any((person.levels.get(a) or 0) >= task.level for a in task.areas)


def supporter(problem: Problem, person: Person, task: TaskSpec):
    """For a learner on a learning place: (area id, colleague) who supports them, or None.

    The colleague holds the task's level in an area the learner wants to grow in; the one with the
    highest level wins, then the lowest id (so the choice is stable)."""
    if not (task.learning and needs_expertise(task)):
        return None
    best = None
    for area in task.areas:
        if area not in person.growth:
            continue
        for p in problem.people:
            level = p.levels.get(area) or 0
            if p.id != person.id and level >= task.level:
                key = (-level, p.id)
                if best is None or key < best[0]:
                    best = (key, area, p)
    return None if best is None else (best[1], best[2])


def may_hold(problem: Problem, person: Person, task: TaskSpec) -> bool:
    """The expertise rule: qualified, or a supported learner on a learning place."""
    return qualified(person, task) or supporter(problem, person, task) is not None


def can_take(problem: Problem, person: Person, task: TaskSpec) -> bool:
    if (person.id, task.id) in problem.exclusions:
        return False
    if tenths(task.hours) > tenths(person.budget):
        return False
    return may_hold(problem, person, task)


def expertise_violations(problem: Problem, assignments) -> int:
    """How many (unpinned) assignments break the expertise rule (the solver's are 0 by construction)."""
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    return sum(
        1
        for pid, tid in assignments
        if (pid, tid) not in problem.pins and not may_hold(problem, people[pid], tasks[tid])
    )


# --- Score terms --------------------------------------------------------------------------------


def experts(problem: Problem) -> dict:
    """Area id -> ids of people at expert level."""
    out: dict = {}
    for p in problem.people:
        for area, level in p.levels.items():
            if level and level >= EXPERT_LEVEL:
                out.setdefault(area, set()).add(p.id)
    return out


def score_parts(problem: Problem, person: Person, task: TaskSpec) -> list:
    """The fixed parts of one assignment's score, each (code, points, args). Growth is added after solving."""
    parts = []
    best = max((person.levels.get(a) or 0 for a in task.areas), default=0)
    if best:
        area = max(task.areas, key=lambda a: person.levels.get(a) or 0)
        parts.append(("expertise", best * EXPERTISE_PER_LEVEL, {"area": area, "level": best}))
    choice = problem.preferences.get((person.id, task.id))
    if choice in AFFINITY:
        parts.append(("affinity", AFFINITY[choice], {"choice": choice}))
    return parts


def growth_areas(person: Person, task: TaskSpec) -> list:
    """Areas of this task the person wants to grow in and is not yet expert in."""
    areas = list(dict.fromkeys(list(task.areas) + list(task.growth_areas)))
    return [a for a in areas if a in person.growth and (person.levels.get(a) or 0) < EXPERT_LEVEL]


@dataclass(frozen=True)
class Term:
    """The score of one (person, task) pair: ``fixed`` points always, plus ``GROWTH_PAIRED`` when one of
    ``mentors`` sits on the same task (``mentors`` empty: no pairing bonus possible)."""

    fixed: int
    mentors: frozenset


def pair_term(problem: Problem, person: Person, task: TaskSpec, expert_map: dict) -> Term:
    fixed = sum(points for _, points, _ in score_parts(problem, person, task))
    areas = growth_areas(person, task)
    paired = [a for a in areas if expert_map.get(a, set()) - {person.id}]
    if areas and not paired:
        return Term(fixed + GROWTH_NO_EXPERT, frozenset())
    if not paired or task.headcount < 2:
        return Term(fixed, frozenset())
    return Term(fixed, frozenset(e for a in paired for e in expert_map[a] - {person.id}))


def pair_terms(problem: Problem) -> dict:
    """(person id, task id) -> Term for every pair that may be chosen (allowed by the rules, or pinned).
    Mentors are limited to colleagues who may sit on the task themselves."""
    expert_map = experts(problem)
    out = {}
    for p in problem.people:
        for t in problem.tasks:
            key = (p.id, t.id)
            if key in problem.pins or can_take(problem, p, t):
                out[key] = pair_term(problem, p, t, expert_map)
    return {
        key: Term(term.fixed, frozenset(m for m in term.mentors if (m, key[1]) in out)) for key, term in out.items()
    }


def pairing_cuts(mentors_of: dict) -> list:
    """Valid extra constraints for the pairing bonus, per task: (task id, learners, mentors).
    ``mentors_of``: (person id, task id) -> mentor ids, for the pairs with a pairing bonus variable.

    The learners listed cannot mentor anyone on that task themselves, so when k of them are paired the
    task also holds at least one mentor besides them: k <= (headcount - 1) × (mentors on the task).
    Every whole allocation satisfies this; the LP relaxation without it may spread a fraction of one
    mentor over many learners."""
    by_task: dict = {}
    for (pid, tid), mentors in mentors_of.items():
        by_task.setdefault(tid, []).append((pid, mentors))
    cuts = []
    for tid, rows in sorted(by_task.items()):
        mentors = sorted({e for _, ms in rows for e in ms})
        learners = [(pid, tid) for pid, _ in rows if pid not in mentors]
        if learners:
            cuts.append((tid, learners, mentors))
    return cuts


# --- Objective ----------------------------------------------------------------------------------


def relative_loads(problem: Problem, assignments) -> dict:
    """Person id -> task hours ÷ task budget for a list of (person id, task id)."""
    hours = {t.id: t.hours for t in problem.tasks}
    used: dict = {}
    for pid, tid in assignments:
        used[pid] = used.get(pid, 0) + hours[tid]
    return {p.id: (used.get(p.id, 0) / p.budget if p.budget > 0 else 0.0) for p in problem.people}


def max_ratio(problem: Problem, assignments) -> int:
    """The highest relative load in thousandths, rounded up (as the models count it)."""
    loads = relative_loads(problem, assignments)
    return min(1000, math.ceil(max(loads.values(), default=0) * 1000 - 1e-9))


def score_of(terms: dict, assignments) -> int:
    """The terms' points of an allocation (without fairness and open places)."""
    chosen = set(assignments)
    on_task: dict = {}
    for pid, tid in chosen:
        on_task.setdefault(tid, set()).add(pid)
    total = 0
    for pid, tid in chosen:
        term = terms.get((pid, tid))
        if term is None:
            continue
        total += term.fixed
        if term.mentors and not term.mentors.isdisjoint(on_task[tid]):
            total += GROWTH_PAIRED
    return total


def open_places(problem: Problem, assignments) -> int:
    filled: dict = {}
    for _, tid in set(assignments):
        filled[tid] = filled.get(tid, 0) + 1
    return sum(max(0, t.headcount - filled.get(t.id, 0)) for t in problem.tasks)


def objective_of(problem: Problem, assignments, terms: dict | None = None) -> float:
    """The objective every search maximises and every bound bounds, for any allocation."""
    terms = pair_terms(problem) if terms is None else terms
    chosen = set(assignments)
    return (
        score_of(terms, chosen)
        - FAIRNESS_WEIGHT * max_ratio(problem, chosen)
        - OPEN_PLACE_PENALTY * open_places(problem, chosen)
    )
