"""Who does which task: a CP-SAT model over plain data, so it runs (and is benchmarked) without a database.

Hard rules: nobody above their task budget; pinned assignments kept; excluded ones never made;
one person takes a task at most once. Each task's headcount is filled as far as possible: an open
place costs far more than any score, so places stay open only when no one can take them, and
then the result says so. The score of an assignment has parts (expertise, affinity, growth); a
growth assignment earns its bonus when an expert-level colleague is on the same task (or when the
team has no expert in that area at all). Fairness: the highest relative load (task hours ÷ task
budget) is kept as low as possible.

Before solving, ``check`` finds input that cannot work (pins above a budget, more pins than
places, more task hours than budgets, tasks that too few people may take) and says what would
resolve it; solver INFEASIBLE and "no answer in time" are reported too, never raised.
"""

import math
import random
import threading
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

# Score parts (points)
EXPERTISE_PER_LEVEL = 3  # × the person's best level in the areas the task needs
AFFINITY = {"graag": 8, "kan": 2, "liever-niet": -10}
GROWTH_PAIRED = 6  # wants to grow in an area of the task and an expert is on the same task
GROWTH_NO_EXPERT = 3  # wants to grow there; the team has no expert in that area
EXPERT_LEVEL = 4
OPEN_PLACE_PENALTY = 10_000
LOCAL_SEARCH_SHARE = 0.1  # part of the time limit for the quick local search on the starting point
LOCAL_SEARCH_SECONDS = 0.1  # ... and at most this long
LAGRANGE_SHARE = 0.25  # part of the time limit for the Lagrangian prices (``lagrange.py``)
LAGRANGE_SECONDS = 0.3  # ... and at most this long
NEIGHBOURHOOD_PEOPLE = 8  # people per group in ``reshuffle``
FAIRNESS_WEIGHT = 0.2  # points per 1/1000 of the highest relative load
LB_TREE_PAIRS = 2000  # from this many (person, task) pairs the bound lane uses CP-SAT's lb-tree search


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


@dataclass
class Problem:
    people: list
    tasks: list
    preferences: dict = field(default_factory=dict)  # (person id, task id) -> "graag" | "kan" | "liever-niet"
    pins: set = field(default_factory=set)  # (person id, task id)
    exclusions: set = field(default_factory=set)


@dataclass
class Result:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN
    assignments: list = field(default_factory=list)  # (person id, task id)
    parts: dict = field(default_factory=dict)  # (person id, task id) -> [(code, points, args)]
    unfilled: dict = field(default_factory=dict)  # task id -> open places
    problems: list = field(default_factory=list)  # (code, args) explaining conflicts
    objective: float | None = None
    bound: float | None = None
    seconds: float = 0.0

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(1.0, abs(self.bound))


def tenths(hours: float) -> int:
    return int(round(float(hours) * 10))


def can_take(problem: Problem, person: Person, task: TaskSpec) -> bool:
    if (person.id, task.id) in problem.exclusions:
        return False
    return tenths(task.hours) <= tenths(person.budget)


def experts(problem: Problem) -> dict:
    """Area id -> ids of people at expert level."""
    out: dict = {}
    for p in problem.people:
        for area, level in p.levels.items():
            if level and level >= EXPERT_LEVEL:
                out.setdefault(area, set()).add(p.id)
    return out


def score_parts(problem: Problem, person: Person, task: TaskSpec, expert_map: dict | None = None) -> list:
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


def pairing_mentors(problem: Problem, person: Person, task: TaskSpec, expert_map: dict) -> list | None:
    """For a growth assignment: the ids of the colleagues whose presence on the task earns the pairing bonus.

    ``None`` when the person has no growth wish here or the team has no expert in those areas (then the
    smaller no-expert bonus is fixed); ``[]`` when pairing is impossible: a task for one person leaves no
    place for a mentor, or every possible mentor is excluded from the task or lacks the hours."""
    areas = growth_areas(person, task)
    paired = [a for a in areas if expert_map.get(a, set()) - {person.id}]
    if not paired:
        return None
    if task.headcount < 2:
        return []
    return sorted(
        {e for a in paired for e in expert_map[a] - {person.id}}
        & {p.id for p in problem.people if can_take(problem, p, task) or (p.id, task.id) in problem.pins}
    )


def pairing_cuts(problem: Problem, growth_vars: dict) -> list:
    """Valid extra constraints for the pairing bonus, per task: (task id, learners, mentors).

    The learners listed cannot mentor anyone on that task themselves, so when k of them are paired the
    task also holds at least one mentor besides them: k <= (headcount - 1) × (mentors on the task).
    Every whole allocation satisfies this; the LP relaxation without it may spread a fraction of one
    mentor over many learners."""
    by_task: dict = {}
    for (pid, tid), (_, mentors) in growth_vars.items():
        by_task.setdefault(tid, []).append((pid, mentors))
    cuts = []
    for tid, rows in sorted(by_task.items()):
        mentors = sorted({e for _, ms in rows for e in ms})
        learners = [(pid, tid) for pid, _ in rows if pid not in mentors]
        if learners:
            cuts.append((tid, learners, mentors))
    return cuts


def check(problem: Problem) -> tuple[list, bool]:
    """Problems found before solving: (list of (code, args), blocking). Blocking problems make solving pointless."""
    found, blocking = [], False
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    pinned_hours: dict = {}
    pins_per_task: dict = {}
    for pid, tid in sorted(problem.pins):
        if pid not in people or tid not in tasks:
            continue
        if (pid, tid) in problem.exclusions:
            found.append(("pin_and_exclusion", {"person": pid, "task": tid}))
            blocking = True
        pinned_hours[pid] = pinned_hours.get(pid, 0) + tenths(tasks[tid].hours)
        pins_per_task[tid] = pins_per_task.get(tid, 0) + 1
    for pid, total in pinned_hours.items():
        if total > tenths(people[pid].budget):
            found.append(
                (
                    "pins_over_budget",
                    {
                        "person": pid,
                        "pinned": total / 10,
                        "budget": people[pid].budget,
                        "over": round((total - tenths(people[pid].budget)) / 10, 1),
                    },
                )
            )
            blocking = True
    for tid, count in pins_per_task.items():
        if count > tasks[tid].headcount:
            found.append(("pins_over_headcount", {"task": tid, "pinned": count, "headcount": tasks[tid].headcount}))
            blocking = True
    need = sum(tenths(t.hours) * t.headcount for t in problem.tasks)
    have = sum(max(0, tenths(p.budget)) for p in problem.people)
    if need > have:
        found.append(("total_hours", {"need": need / 10, "have": have / 10, "short": round((need - have) / 10, 1)}))
    for t in problem.tasks:
        eligible = sum(1 for p in problem.people if can_take(problem, p, t))
        if eligible < t.headcount:
            found.append(("headcount", {"task": t.id, "needed": t.headcount, "eligible": eligible}))
    return found, blocking


def warm_start(problem: Problem) -> list:
    """A quick allocation that keeps every hard rule: pins first, then the scarcest places, each to the
    best-scoring person with hours left (lightest relative load on ties). Used as the solver's hint and
    as the answer when the solver finds nothing in time."""
    expert_map = experts(problem)
    left = {p.id: tenths(p.budget) for p in problem.people}
    hours = {t.id: tenths(t.hours) for t in problem.tasks}
    chosen = set()
    for pid, tid in problem.pins:
        if pid in left and tid in hours:
            chosen.add((pid, tid))
            left[pid] -= hours[tid]

    def eligible(task):
        return [
            p
            for p in problem.people
            if (p.id, task.id) not in chosen
            and (p.id, task.id) not in problem.exclusions
            and left[p.id] >= hours[task.id]
        ]

    def value(p, task):
        score = sum(points for _, points, _ in score_parts(problem, p, task, expert_map))
        if growth_areas(p, task):
            score += GROWTH_NO_EXPERT
        return (score, left[p.id] / max(1, tenths(p.budget)))

    # Largest places first (they are the hardest to fit), scarce tasks before others of the same size.
    order = sorted(problem.tasks, key=lambda t: (-hours[t.id] * t.headcount, len(eligible(t)) - t.headcount))
    for task in order:
        for _ in range(task.headcount - sum(1 for _, tid in chosen if tid == task.id)):
            candidates = eligible(task)
            if not candidates:
                break
            best = max(candidates, key=lambda p: value(p, task))
            chosen.add((best.id, task.id))
            left[best.id] -= hours[task.id]
    return sorted(chosen)


def improve(problem: Problem, chosen, seconds: float = 0.5) -> list:
    """Local search on an allocation that keeps every hard rule: give a place to someone else, or swap
    two people's places, while budgets allow and the score (growth pairing included) goes up.
    Returns the better of start and result under the full objective."""
    deadline = time.monotonic() + seconds
    expert_map = experts(problem)
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    hours = {t.id: tenths(t.hours) for t in problem.tasks}
    fixed: dict = {}
    growth: dict = {}  # (pid, tid) -> None | ("free",) | mentor set

    def prepare(pid, tid):
        key = (pid, tid)
        if key not in fixed:
            p, t = people[pid], tasks[tid]
            fixed[key] = sum(pt for _, pt, _ in score_parts(problem, p, t, expert_map))
            areas = growth_areas(p, t)
            paired = [a for a in areas if expert_map.get(a, set()) - {pid}]
            if not areas:
                growth[key] = None
            elif paired:
                growth[key] = set().union(*(expert_map[a] - {pid} for a in paired))
            else:
                growth[key] = "free"
        return key

    def task_value(tid, members) -> int:
        total = 0
        for m in members:
            key = prepare(m, tid)
            total += fixed[key]
            g = growth[key]
            if g == "free":
                total += GROWTH_NO_EXPERT
            elif g and not g.isdisjoint(members):
                total += GROWTH_PAIRED
        return total

    members: dict = {t.id: set() for t in problem.tasks}
    left = {p.id: tenths(p.budget) for p in problem.people}
    for pid, tid in chosen:
        members[tid].add(pid)
        left[pid] -= hours[tid]

    def allowed(pid, tid):
        return pid not in members[tid] and (pid, tid) not in problem.exclusions

    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for tid in members:
            if time.monotonic() >= deadline:
                break
            for pid in sorted(members[tid]):
                if (pid, tid) in problem.pins:
                    continue
                now = task_value(tid, members[tid])
                best, gain = None, 0
                for q in problem.people:
                    if left[q.id] >= hours[tid] and allowed(q.id, tid):
                        delta = task_value(tid, (members[tid] - {pid}) | {q.id}) - now
                        if delta > gain:
                            best, gain = q.id, delta
                if best is not None:
                    members[tid] = (members[tid] - {pid}) | {best}
                    left[pid] += hours[tid]
                    left[best] -= hours[tid]
                    improved = True
        items = sorted((pid, tid) for tid, ms in members.items() for pid in ms if (pid, tid) not in problem.pins)
        for i, (p1, t1) in enumerate(items):
            if time.monotonic() >= deadline:
                break
            for p2, t2 in items[i + 1 :]:
                if p1 == p2 or t1 == t2 or p1 not in members[t1] or p2 not in members[t2]:
                    continue
                if not (allowed(p2, t1) and allowed(p1, t2)):
                    continue
                if left[p1] + hours[t1] - hours[t2] < 0 or left[p2] + hours[t2] - hours[t1] < 0:
                    continue
                new1, new2 = (members[t1] - {p1}) | {p2}, (members[t2] - {p2}) | {p1}
                gain = (
                    task_value(t1, new1)
                    + task_value(t2, new2)
                    - task_value(t1, members[t1])
                    - task_value(t2, members[t2])
                )
                if gain > 0:
                    members[t1], members[t2] = new1, new2
                    left[p1] += hours[t1] - hours[t2]
                    left[p2] += hours[t2] - hours[t1]
                    improved = True
                    break
    start = sorted(set(chosen))
    result = sorted((pid, tid) for tid, ms in members.items() for pid in ms)
    return result if objective_of(problem, result) > objective_of(problem, start) else start


def reshuffle(problem: Problem, chosen, seconds: float = 1.0, group: int = NEIGHBOURHOOD_PEOPLE, seed: int = 0) -> list:
    """Large-neighbourhood search on an allocation that keeps every hard rule: take a small random group of
    people, free their (unpinned) places and let CP-SAT hand those places out again among them, optimally
    under the full objective (pairing and fairness included), with everyone else's places fixed. Open
    places may be filled on the way. Repeated until the time is up; a change is kept only when the whole
    objective does not go down, so the result is never worse than the start.

    On tightly packed budgets the solver's own search and ``improve`` get stuck (one place at a time
    rarely fits); exchanging several places among a few people at once does fit."""
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    expert_map = experts(problem)
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    hours = {t.id: tenths(t.hours) for t in problem.tasks}
    budget = {p.id: max(0, tenths(p.budget)) for p in problem.people}
    pids = sorted(people)
    allowed = {(p.id, t.id) for p in problem.people for t in problem.tasks if can_take(problem, p, t)}
    fixed, mentors_of = {}, {}
    for p in problem.people:
        for t in problem.tasks:
            key = (p.id, t.id)
            if key in allowed or key in problem.pins:
                fixed[key] = sum(pt for _, pt, _ in score_parts(problem, p, t, expert_map))
                mentors = pairing_mentors(problem, p, t, expert_map)
                if mentors is None and growth_areas(p, t):
                    fixed[key] += GROWTH_NO_EXPERT
                elif mentors:
                    mentors_of[key] = mentors
    current = set(chosen)
    best = objective_of(problem, current)
    group = min(max(2, group), len(pids))
    if not pids:
        return sorted(current)
    while time.monotonic() < deadline - 0.02:
        members = set(rng.sample(pids, group))
        keep = {a for a in current if a[0] not in members or a in problem.pins}
        freed: dict = {}
        for _pid, tid in current - keep:
            freed[tid] = freed.get(tid, 0) + 1
        filled: dict = {}
        for _, tid in current:
            filled[tid] = filled.get(tid, 0) + 1
        room = {tid: freed.get(tid, 0) + tasks[tid].headcount - filled.get(tid, 0) for tid in tasks}
        room = {tid: n for tid, n in room.items() if n > 0}
        if not room:
            break
        model = cp_model.CpModel()
        v = {
            (pid, tid): model.new_bool_var("")
            for pid in sorted(members)
            for tid in room
            if (pid, tid) in allowed and (pid, tid) not in keep
        }
        if not v:
            continue
        by_task: dict = {}
        for (_pid, tid), var in v.items():
            by_task.setdefault(tid, []).append(var)
        newly = []
        for tid, n in room.items():
            if tid in by_task:
                model.add(sum(by_task[tid]) >= freed.get(tid, 0))
                model.add(sum(by_task[tid]) <= n)
                newly.append(sum(by_task[tid]) - freed.get(tid, 0))
            elif freed.get(tid):
                model.add_bool_or([])  # a freed place nobody in the group may take: skip this group
        used = {pid: 0 for pid in pids}
        for pid, tid in keep:
            used[pid] += hours[tid]
        others = [math.ceil(used[pid] * 1000 / budget[pid]) for pid in pids if pid not in members and budget[pid] > 0]
        max_ratio = model.new_int_var(min(1000, max(others, default=0)), 1000, "")
        for pid in members:
            load = used[pid] + sum(hours[tid] * var for (q, tid), var in v.items() if q == pid)
            model.add(load <= budget[pid])
            if budget[pid] > 0:
                model.add(load * 1000 <= max_ratio * budget[pid])
        terms = [10 * fixed[key] * var for key, var in v.items() if fixed[key]]
        on_task: dict = {}
        for pid, tid in keep:
            on_task.setdefault(tid, set()).add(pid)

        def there(pid, tid, on_task=on_task, v=v):
            return 1 if pid in on_task.get(tid, ()) else v.get((pid, tid), 0)

        for tid in room:
            candidates = on_task.get(tid, set()) | {pid for pid, t in v if t == tid}
            for pid in candidates:
                mentors = mentors_of.get((pid, tid))
                if not mentors or pid in on_task.get(tid, ()) and all(m not in members for m in mentors):
                    continue  # no bonus possible, or it cannot change within this group
                g = model.new_bool_var("")
                model.add(g <= there(pid, tid))
                model.add(g <= sum(there(m, tid) for m in mentors))
                terms.append(10 * GROWTH_PAIRED * g)
        model.maximize(sum(terms) + 10 * OPEN_PLACE_PENALTY * sum(newly) - int(FAIRNESS_WEIGHT * 10) * max_ratio)
        for key, var in v.items():
            model.add_hint(var, key in current)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.01, min(0.5, deadline - time.monotonic()))
        code = solver.solve(model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        candidate = keep | {key for key, var in v.items() if solver.value(var)}
        value = objective_of(problem, candidate)
        if value >= best - 1e-9:
            current, best = candidate, value
        if group == len(pids) and code == cp_model.OPTIMAL:
            break  # the group was the whole team: this is the best allocation from here
    return sorted(current)


def lp_bound(problem: Problem) -> float | None:
    """The LP relaxation of the same model (OR-Tools GLOP): a proven upper bound on the objective.

    CP-SAT's own bound comes from the same relaxation plus cuts, but on a busy machine its LP worker
    may not reach the root within the time limit; this keeps the reported gap honest and stable."""
    from ortools.linear_solver import pywraplp

    if check(problem)[1]:
        return None
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:
        return None
    expert_map = experts(problem)
    x = {}
    for p in problem.people:
        for t in problem.tasks:
            key = (p.id, t.id)
            if key in problem.pins:
                x[key] = lp.NumVar(1, 1, "")
            elif can_take(problem, p, t):
                x[key] = lp.NumVar(0, 1, "")
    objective = []
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    growth_vars = {}
    for (pid, tid), var in x.items():
        p, t = people[pid], tasks[tid]
        points = sum(pt for _, pt, _ in score_parts(problem, p, t, expert_map))
        mentors = pairing_mentors(problem, p, t, expert_map)
        if mentors is None and growth_areas(p, t):
            points += GROWTH_NO_EXPERT
        elif mentors:
            g = lp.NumVar(0, 1, "")
            lp.Add(g <= var)
            lp.Add(g <= sum(x[(e, tid)] for e in mentors))
            objective.append(GROWTH_PAIRED * g)
            growth_vars[(pid, tid)] = (g, mentors)
        if points:
            objective.append(points * var)
    for tid, learners, mentors in pairing_cuts(problem, growth_vars):
        paired = sum(growth_vars[key][0] for key in learners)
        lp.Add(paired <= (tasks[tid].headcount - 1) * sum(x[(e, tid)] for e in mentors))
    max_ratio = lp.NumVar(0, 1000, "")
    for p in problem.people:
        terms = [tenths(t.hours) * x[(p.id, t.id)] for t in problem.tasks if (p.id, t.id) in x]
        if terms:
            lp.Add(sum(terms) <= max(0, tenths(p.budget)))
            if tenths(p.budget) > 0:
                lp.Add(sum(terms) * 1000 <= max_ratio * tenths(p.budget))
    open_places = []
    for t in problem.tasks:
        heads = [x[(p.id, t.id)] for p in problem.people if (p.id, t.id) in x]
        open_var = lp.NumVar(0, t.headcount, "")
        lp.Add(sum(heads) + open_var == t.headcount)
        open_places.append(open_var)
    lp.Maximize(sum(objective) - FAIRNESS_WEIGHT * max_ratio - OPEN_PLACE_PENALTY * sum(open_places))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return lp.Objective().Value()


class _Model:
    """The CP-SAT model of one allocation problem; with ``pairs`` only those (person, task) pairs (plus pins)
    may be chosen, the rest of the model is the same."""

    def __init__(self, problem: Problem, pairs=None):
        model = cp_model.CpModel()
        self.model = model
        people = list(problem.people)
        tasks = list(problem.tasks)
        expert_map = experts(problem)
        x, fixed_score = {}, {}
        for p in people:
            for t in tasks:
                key = (p.id, t.id)
                if key in problem.pins:
                    x[key] = model.new_constant(1)
                elif can_take(problem, p, t) and (pairs is None or key in pairs):
                    x[key] = model.new_bool_var(f"x{p.id}_{t.id}")
                else:
                    continue
                fixed_score[key] = sum(points for _, points, _ in score_parts(problem, p, t, expert_map))
        # Growth: bonus when paired with an expert on the same task (or when the team has no expert there).
        growth_terms, growth_vars = [], {}
        person_by_id = {p.id: p for p in people}
        task_by_id = {t.id: t for t in tasks}
        for key in x:
            p, t = person_by_id[key[0]], task_by_id[key[1]]
            mentors = pairing_mentors(problem, p, t, expert_map)
            if mentors is None:
                if growth_areas(p, t):
                    fixed_score[key] += GROWTH_NO_EXPERT
                continue
            mentors = [e for e in mentors if (e, t.id) in x]
            if mentors:
                # Tight linearisation of "learner and at least one mentor on the task".
                g = model.new_bool_var(f"g{p.id}_{t.id}")
                model.add(g <= x[key])
                model.add(g <= sum(x[(e, t.id)] for e in mentors))
                growth_terms.append(GROWTH_PAIRED * g)
                growth_vars[key] = (g, mentors)
        for tid, learners, mentors in pairing_cuts(problem, growth_vars):
            # Redundant for whole solutions, but it cuts off the LP's "part of a mentor for many learners".
            model.add(
                sum(growth_vars[key][0] for key in learners)
                <= (task_by_id[tid].headcount - 1) * sum(x[(e, tid)] for e in mentors)
            )
        # Budgets (hard) and headcounts (open places heavily penalised).
        load = {}
        for p in people:
            terms = [tenths(t.hours) * x[(p.id, t.id)] for t in tasks if (p.id, t.id) in x]
            load[p.id] = sum(terms) if terms else 0
            if terms:
                model.add(load[p.id] <= max(0, tenths(p.budget)))
        open_places = {}
        for t in tasks:
            heads = [x[(p.id, t.id)] for p in people if (p.id, t.id) in x]
            open_places[t.id] = model.new_int_var(0, t.headcount, f"open{t.id}")
            model.add(sum(heads) + open_places[t.id] == t.headcount)
        score = sum(fixed_score[k] * v for k, v in x.items() if fixed_score[k]) + sum(growth_terms)
        # Fairness: the highest load ratio in thousandths.
        max_ratio = model.new_int_var(0, 1000, "max_ratio")
        for p in people:
            budget = tenths(p.budget)
            if budget > 0 and not isinstance(load[p.id], int):
                model.add(load[p.id] * 1000 <= max_ratio * budget)
        # Scale by 10 so the weights stay integral.
        model.maximize(
            10 * score - int(FAIRNESS_WEIGHT * 10) * max_ratio - 10 * OPEN_PLACE_PENALTY * sum(open_places.values())
        )
        self.problem, self.x, self.growth_vars, self.open_places, self.max_ratio = (
            problem,
            x,
            growth_vars,
            open_places,
            max_ratio,
        )

    def hint(self, chosen) -> None:
        """A complete hint (every variable), so the solver starts from a valid allocation."""
        chosen = set(chosen) & set(self.x)
        for key, var in self.x.items():
            if key not in self.problem.pins:
                self.model.add_hint(var, key in chosen)
        for key, (g, mentors) in self.growth_vars.items():
            self.model.add_hint(g, key in chosen and any((e, key[1]) in chosen for e in mentors))
        for t in self.problem.tasks:
            self.model.add_hint(
                self.open_places[t.id], max(0, t.headcount - sum(1 for _, tid in chosen if tid == t.id))
            )
        loads = relative_loads(self.problem, chosen)
        self.model.add_hint(self.max_ratio, min(1000, math.ceil(max(loads.values(), default=0) * 1000 - 1e-9)))

    def chosen(self, solver) -> list:
        return sorted(key for key, var in self.x.items() if solver.value(var))


def _solver(seconds: float, workers: int, seed: int, params: dict | None = None) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, float(seconds))
    solver.parameters.num_workers = max(1, int(workers))
    solver.parameters.random_seed = seed
    # A light presolve: on a busy machine the full presolve can eat the whole time limit on 60 × 150.
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.max_presolve_iterations = 1
    # Stronger LP relaxation (the pairing implications and cuts enter the LP). With several workers the
    # parameter only reaches the first one, so then the full-problem worker is the "max_lp" one.
    solver.parameters.linearization_level = 2
    if solver.parameters.num_workers > 1:
        solver.parameters.subsolvers.append("max_lp")
    for name, value in (params or {}).items():
        setattr(solver.parameters, name, value)
    return solver


class _Lane(threading.Thread):
    """One CP-SAT solve in a thread of its own (CP-SAT releases the GIL while it searches)."""

    def __init__(self, model: _Model, solver: cp_model.CpSolver):
        super().__init__(daemon=True)
        self.built, self.solver = model, solver
        self.code = None
        self.stop_others = []

    def run(self):
        self.code = self.solver.solve(self.built.model)
        if self.code == cp_model.OPTIMAL:
            for other in self.stop_others:
                other()

    def answer(self):
        if self.code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return self.built.chosen(self.solver)
        return None


def solve(
    problem: Problem, time_limit: float = 4.0, workers: int = 2, seed: int = 0, hint=None, params: dict | None = None
) -> Result:
    """Propose an allocation. Never raises on bad input: problems come back in ``Result.problems``.

    Two lanes share the time limit (and this machine's two cores):
    - the bound lane: CP-SAT on the whole model (LP relaxation with cuts), mainly for the proven bound;
    - the search lane: a quick start (``warm_start`` + ``improve``), then the Lagrangian relaxation
      (``lagrange.py``: per-person knapsacks at prices per task) whose knapsack choices mark the few
      tasks that are worth considering for each person, then CP-SAT on that much smaller "core" model,
      started from the quick allocation; when the core is solved with time to spare, ``reshuffle``.
    The answer is the best allocation either lane found (every one keeps the hard rules); the bound is
    the tightest of CP-SAT's and the Lagrangian one, both proven."""
    from . import lagrange

    started = time.monotonic()
    deadline = started + float(time_limit)
    found, blocking = check(problem)
    if blocking:
        return Result(status="INFEASIBLE", problems=found)
    expert_map = experts(problem)
    start = sorted(set(hint)) if hint is not None else warm_start(problem)
    full = _Model(problem)
    full.hint(start)
    full_solver = _solver(deadline - time.monotonic() - 0.05, max(1, workers - 1), seed, params)
    if (
        len(full.x) >= LB_TREE_PAIRS
        and full_solver.parameters.num_workers == 1
        and "optimize_with_lb_tree_search" not in (params or {})
    ):
        # On a large school this lane is there for the bound (the search lane finds the better answers):
        # CP-SAT's tree search that keeps every open node and works on the weakest one moves the bound
        # down faster than its usual search. Small schools keep the usual search, whose answers and
        # optimality proofs there are better.
        full_solver.parameters.optimize_with_lb_tree_search = True
    bound_lane = _Lane(full, full_solver)
    stopped = threading.Event()
    bound_lane.stop_others.append(stopped.set)
    bound_lane.start()

    def left():
        return deadline - time.monotonic()

    candidates = [start]
    upper = math.inf
    core_lane = None
    if not stopped.is_set() and left() > 0.1:
        candidates.append(improve(problem, start, seconds=min(LOCAL_SEARCH_SECONDS, left() * LOCAL_SEARCH_SHARE)))
    if not stopped.is_set() and left() > 0.2:
        best_known = max(objective_of(problem, c) for c in candidates)
        relaxation = lagrange.Relaxation(problem)
        (upper, _, _), knapsacks = lagrange.optimise(
            relaxation, min(LAGRANGE_SECONDS, left() * LAGRANGE_SHARE), best_known=best_known, stop=stopped.is_set
        )
        if not stopped.is_set() and left() > 0.2:
            pairs = relaxation.core(knapsacks) | set(candidates[-1])
            core = _Model(problem, pairs=pairs)
            core.hint(candidates[-1])
            core_lane = _Lane(core, _solver(left() - 0.05, 1, seed, params))
            bound_lane.stop_others.append(core_lane.solver.stop_search)
            if not stopped.is_set():
                core_lane.run()  # in this thread
            if core_lane.code == cp_model.OPTIMAL and not stopped.is_set() and left() > 0.3:
                # The core is solved with time to spare: let groups of people trade places outside it too.
                core_best = core_lane.answer()
                candidates.append(reshuffle(problem, core_best, seconds=left() - 0.15, seed=seed))
    bound_lane.join()
    for lane in (bound_lane, core_lane):
        if lane is not None and lane.answer() is not None:
            candidates.append(lane.answer())
    best = max(candidates, key=lambda c: objective_of(problem, c))
    searched = any(lane is not None and lane.answer() is not None for lane in (bound_lane, core_lane))
    result = Result(status="FEASIBLE", problems=list(found))
    if bound_lane.code == cp_model.INFEASIBLE:
        result.status = "INFEASIBLE"
        result.problems.append(("solver_infeasible", {}))
        return result
    result = _quick_result(problem, best, result, expert_map, note=not searched)
    if upper == math.inf and bound_lane.code != cp_model.OPTIMAL:
        # No time was left for the prices (a very short limit or a starved machine): a few quick price steps
        # still give a proven bound.
        upper = lagrange.optimise(lagrange.Relaxation(problem), 0.05)[0][0]
    if bound_lane.code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        upper = min(upper, full_solver.best_objective_bound / 10)
    result.bound = upper
    if bound_lane.code == cp_model.OPTIMAL or result.objective >= result.bound - 1e-6:
        result.status = "OPTIMAL"
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _quick_result(problem: Problem, chosen, result: Result, expert_map: dict, note: bool = True) -> Result:
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    chosen = set(chosen)
    result.status = "FEASIBLE"
    result.assignments = sorted(chosen)
    result.objective = round(objective_of(problem, chosen), 6)  # scores are tenths; drop float noise
    for pid, tid in result.assignments:
        parts = list(score_parts(problem, people[pid], tasks[tid], expert_map))
        for a in growth_areas(people[pid], tasks[tid]):
            mentors = sorted(e for e in expert_map.get(a, set()) - {pid} if (e, tid) in chosen)
            if mentors:
                parts.append(
                    (
                        "growth_paired",
                        GROWTH_PAIRED,
                        {"area": a, "mentor": mentors[0], "mentor_name": people[mentors[0]].name},
                    )
                )
                break
            if not expert_map.get(a, set()) - {pid}:
                parts.append(("growth_no_expert", GROWTH_NO_EXPERT, {"area": a}))
                break
        if (pid, tid) in problem.pins:
            parts.append(("pinned", 0, {}))
        result.parts[(pid, tid)] = parts
    for t in problem.tasks:
        left = t.headcount - sum(1 for _, tid in chosen if tid == t.id)
        if left > 0:
            result.unfilled[t.id] = left
    if result.unfilled and not any(code in ("headcount", "total_hours") for code, _ in result.problems):
        result.problems.append(("budgets_combined", {"open": sum(result.unfilled.values())}))
    if note:
        result.problems.append(("quick_answer", {}))
    return result


def relative_loads(problem: Problem, assignments) -> dict:
    """Person id -> task hours ÷ task budget for a list of (person id, task id)."""
    hours = {t.id: t.hours for t in problem.tasks}
    used: dict = {}
    for pid, tid in assignments:
        used[pid] = used.get(pid, 0) + hours[tid]
    return {p.id: (used.get(p.id, 0) / p.budget if p.budget > 0 else 0.0) for p in problem.people}


def objective_of(problem: Problem, assignments) -> float:
    """The same objective the solver maximises, for any allocation (used to compare with greedy)."""
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    expert_map = experts(problem)
    chosen = set(assignments)
    score = 0.0
    for pid, tid in chosen:
        p, t = people[pid], tasks[tid]
        score += sum(points for _, points, _ in score_parts(problem, p, t, expert_map))
        areas = growth_areas(p, t)
        if areas:
            paired = [a for a in areas if expert_map.get(a, set()) - {pid}]
            if paired:
                if any((e, tid) in chosen for a in paired for e in expert_map[a] - {pid}):
                    score += GROWTH_PAIRED
            else:
                score += GROWTH_NO_EXPERT
    filled: dict = {}
    for _, tid in chosen:
        filled[tid] = filled.get(tid, 0) + 1
    open_places = sum(max(0, t.headcount - filled.get(t.id, 0)) for t in problem.tasks)
    loads = relative_loads(problem, chosen)
    max_ratio = min(1000, int(-(-max(loads.values(), default=0) * 1000 // 1)))
    return score - FAIRNESS_WEIGHT * max_ratio - OPEN_PLACE_PENALTY * open_places
