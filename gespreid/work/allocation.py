"""Who does which task: the search for a good allocation, over the plain data of ``problem.py``.

The problem, its hard rules (budgets, pins, exclusions, expertise), its score terms and its objective
live in ``problem.py``; this module only searches. Each task's headcount is filled as far as possible:
an open place costs far more than any score, so places stay open only when no one may take them, and
then the result says so.

Every search step is bounded by **work**, not by the clock: CP-SAT by its deterministic time, the local
searches by a number of steps, the Lagrangian prices by a number of rounds. The same school therefore
gets the same distribution on an idle and on a busy machine (it only takes longer on the busy one). A
wall-clock ceiling (``time_limit``) is the safety net; when it cuts a search short the result says so.

Before solving, ``check`` finds input that cannot work (pins above a budget, more pins than places,
more task hours than budgets, tasks that too few people may take, for lack of hours or of expertise)
and says what would resolve it; solver INFEASIBLE and "no answer in time" are reported too, never raised.
"""

import math
import random
import threading
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from . import lagrange
from .problem import (
    FAIRNESS_WEIGHT,
    GROWTH_NO_EXPERT,
    GROWTH_PAIRED,
    OPEN_PLACE_PENALTY,
    Problem,
    can_take,
    experts,
    growth_areas,
    max_ratio,
    needs_expertise,
    objective_of,
    pair_terms,
    pairing_cuts,
    qualified,
    score_parts,
    supporter,
    tenths,
)

# Work limits of one solve (``effort`` scales them all). Deterministic: they do not depend on the clock.
IMPROVE_STEPS = 60_000  # moves and swaps the quick local search may evaluate
REPAIR_ROUNDS = 30  # people groups ``reshuffle`` tries on the quick start (it fills places the start left open)
LAGRANGE_ROUNDS = 100  # subgradient rounds for the Lagrangian prices
CORE_DETERMINISTIC_TIME = 0.6  # CP-SAT work units on the core model
BOUND_DETERMINISTIC_TIME = 1.2  # CP-SAT work units on the whole model (the bound lane)
RESHUFFLE_ROUNDS = 20  # people groups ``reshuffle`` tries after the core search
RESHUFFLE_DETERMINISTIC_TIME = 0.2  # CP-SAT work units per group
TIME_CEILING = 30.0  # seconds: the safety net on the wall clock
NEIGHBOURHOOD_PEOPLE = 8  # people per group in ``reshuffle``
LB_TREE_PAIRS = 2000  # from this many (person, task) pairs the bound lane uses CP-SAT's lb-tree search


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
    cut_short: bool = False  # the wall-clock ceiling stopped a search before its work was done

    @property
    def gap(self) -> float | None:
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(1.0, abs(self.bound))


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
        pinned = sum(1 for pid, tid in problem.pins if tid == t.id)
        others = [p for p in problem.people if (p.id, t.id) not in problem.pins]
        eligible = pinned + sum(1 for p in others if can_take(problem, p, t))
        if eligible >= t.headcount:
            continue
        with_hours = [
            p for p in others if (p.id, t.id) not in problem.exclusions and tenths(t.hours) <= tenths(p.budget)
        ]
        lacking = [p for p in with_hours if not can_take(problem, p, t)]
        if needs_expertise(t) and lacking:
            found.append(
                (
                    "expertise_short",
                    {
                        "task": t.id,
                        "needed": t.headcount,
                        "eligible": eligible,
                        "level": t.level,
                        "areas": list(t.areas),
                        "learning": t.learning,
                    },
                )
            )
        else:
            found.append(("headcount", {"task": t.id, "needed": t.headcount, "eligible": eligible}))
    return found, blocking


class Work:
    """A step counter with a wall-clock ceiling: ``spend(n)`` is False once the steps or the ceiling run out."""

    def __init__(self, steps: int, deadline: float):
        self.left, self.deadline, self.cut_short = steps, deadline, False

    def spend(self, n: int = 1) -> bool:
        self.left -= n
        if self.left < 0:
            return False
        if time.monotonic() >= self.deadline:
            self.cut_short = True
            return False
        return True


def warm_start(problem: Problem, terms: dict | None = None) -> list:
    """A quick allocation that keeps every hard rule: pins first, then the scarcest places, each to the
    best-scoring person with hours left (lightest relative load on ties). Used as the solver's hint and
    as the answer when the solver finds nothing in time."""
    terms = pair_terms(problem) if terms is None else terms
    left = {p.id: tenths(p.budget) for p in problem.people}
    hours = {t.id: tenths(t.hours) for t in problem.tasks}
    chosen = set()
    for pid, tid in problem.pins:
        if pid in left and tid in hours:
            chosen.add((pid, tid))
            left[pid] -= hours[tid]
    allowed = {t.id: [p for p in problem.people if (p.id, t.id) in terms] for t in problem.tasks}

    def eligible(task):
        return [p for p in allowed[task.id] if (p.id, task.id) not in chosen and left[p.id] >= hours[task.id]]

    def value(p, task):
        term = terms[(p.id, task.id)]
        return (term.fixed + (GROWTH_NO_EXPERT if term.mentors else 0), left[p.id] / max(1, tenths(p.budget)))

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


def improve(
    problem: Problem, chosen, steps: int = IMPROVE_STEPS, seconds: float = TIME_CEILING, terms: dict | None = None
) -> list:
    """Local search on an allocation that keeps every hard rule: give a place to someone else, or swap
    two people's places, while budgets allow and the score (growth pairing included) goes up. At most
    ``steps`` evaluations (and ``seconds`` on the clock). Returns the better of start and result."""
    terms = pair_terms(problem) if terms is None else terms
    work = Work(steps, time.monotonic() + seconds)
    hours = {t.id: tenths(t.hours) for t in problem.tasks}

    def task_value(tid, members) -> int:
        total = 0
        for m in members:
            term = terms[(m, tid)]
            total += term.fixed
            if term.mentors and not term.mentors.isdisjoint(members):
                total += GROWTH_PAIRED
        return total

    members: dict = {t.id: set() for t in problem.tasks}
    left = {p.id: tenths(p.budget) for p in problem.people}
    for pid, tid in chosen:
        members[tid].add(pid)
        left[pid] -= hours[tid]
    candidates = {t.id: [p.id for p in problem.people if (p.id, t.id) in terms] for t in problem.tasks}

    def allowed(pid, tid):
        return pid not in members[tid] and (pid, tid) in terms and (pid, tid) not in problem.pins

    improved = True
    while improved and work.spend(0):
        improved = False
        for tid in members:
            for pid in sorted(members[tid]):
                if (pid, tid) in problem.pins:
                    continue
                if not work.spend(len(candidates[tid])):
                    break
                now = task_value(tid, members[tid])
                best, gain = None, 0
                for q in candidates[tid]:
                    if left[q] >= hours[tid] and allowed(q, tid):
                        delta = task_value(tid, (members[tid] - {pid}) | {q}) - now
                        if delta > gain:
                            best, gain = q, delta
                if best is not None:
                    members[tid] = (members[tid] - {pid}) | {best}
                    left[pid] += hours[tid]
                    left[best] -= hours[tid]
                    improved = True
        items = sorted((pid, tid) for tid, ms in members.items() for pid in ms if (pid, tid) not in problem.pins)
        for i, (p1, t1) in enumerate(items):
            if not work.spend(len(items) - i):
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
    better = objective_of(problem, result, terms) > objective_of(problem, start, terms)
    return result if better else start


def reshuffle(
    problem: Problem,
    chosen,
    rounds: int = RESHUFFLE_ROUNDS,
    group: int = NEIGHBOURHOOD_PEOPLE,
    seed: int = 0,
    seconds: float = TIME_CEILING,
    terms: dict | None = None,
) -> list:
    """Large-neighbourhood search on an allocation that keeps every hard rule: take a small random group of
    people, free their (unpinned) places and let CP-SAT hand those places out again among them, optimally
    under the full objective (pairing and fairness included), with everyone else's places fixed. Open
    places may be filled on the way. ``rounds`` groups (each CP-SAT run bounded by deterministic time);
    a change is kept only when the whole objective does not go down, so the result is never worse.

    On tightly packed budgets the solver's own search and ``improve`` get stuck (one place at a time
    rarely fits); exchanging several places among a few people at once does fit."""
    terms = pair_terms(problem) if terms is None else terms
    deadline = time.monotonic() + seconds
    rng = random.Random(seed)
    tasks = {t.id: t for t in problem.tasks}
    hours = {t.id: tenths(t.hours) for t in problem.tasks}
    budget = {p.id: max(0, tenths(p.budget)) for p in problem.people}
    pids = sorted(budget)
    current = set(chosen)
    best = objective_of(problem, current, terms)
    if not pids:
        return sorted(current)
    group = min(max(2, group), len(pids))
    takers = {t.id: sorted(pid for pid, tid in terms if tid == t.id) for t in problem.tasks}
    for _ in range(rounds):
        if time.monotonic() >= deadline:
            break
        filled_now: dict = {}
        for _, tid in current:
            filled_now[tid] = filled_now.get(tid, 0) + 1
        open_tasks = sorted(t.id for t in problem.tasks if filled_now.get(t.id, 0) < t.headcount and takers[t.id])
        if open_tasks:
            # An open place: the group holds people who may take it (they can pass other places on).
            tid = rng.choice(open_tasks)
            pool = [pid for pid in takers[tid] if (pid, tid) not in current]
            members = set(rng.sample(pool, min(len(pool), max(1, group // 2))))
            rest = [pid for pid in pids if pid not in members]
            members |= set(rng.sample(rest, min(len(rest), group - len(members))))
        else:
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
            if (pid, tid) in terms and (pid, tid) not in keep and (pid, tid) not in problem.pins
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
        ratio = model.new_int_var(min(1000, max(others, default=0)), 1000, "")
        for pid in members:
            load = used[pid] + sum(hours[tid] * var for (q, tid), var in v.items() if q == pid)
            model.add(load <= budget[pid])
            if budget[pid] > 0:
                model.add(load * 1000 <= ratio * budget[pid])
        score = [10 * terms[key].fixed * var for key, var in v.items() if terms[key].fixed]
        on_task: dict = {}
        for pid, tid in keep:
            on_task.setdefault(tid, set()).add(pid)

        def there(pid, tid, on_task=on_task, v=v):
            return 1 if pid in on_task.get(tid, ()) else v.get((pid, tid), 0)

        for tid in room:
            candidates = on_task.get(tid, set()) | {pid for pid, t in v if t == tid}
            for pid in candidates:
                mentors = terms[(pid, tid)].mentors
                if not mentors or pid in on_task.get(tid, ()) and all(m not in members for m in mentors):
                    continue  # no bonus possible, or it cannot change within this group
                g = model.new_bool_var("")
                model.add(g <= there(pid, tid))
                model.add(g <= sum(there(m, tid) for m in sorted(mentors)))
                score.append(10 * GROWTH_PAIRED * g)
        model.maximize(sum(score) + 10 * OPEN_PLACE_PENALTY * sum(newly) - int(FAIRNESS_WEIGHT * 10) * ratio)
        for key, var in v.items():
            model.add_hint(var, key in current)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = seed
        solver.parameters.max_deterministic_time = RESHUFFLE_DETERMINISTIC_TIME
        solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
        code = solver.solve(model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        candidate = keep | {key for key, var in v.items() if solver.value(var)}
        value = objective_of(problem, candidate, terms)
        if value >= best - 1e-9:
            current, best = candidate, value
        if group == len(pids) and code == cp_model.OPTIMAL:
            break  # the group was the whole team: this is the best allocation from here
    return sorted(current)


class _Model:
    """The CP-SAT model of one allocation problem; with ``pairs`` only those (person, task) pairs (plus pins)
    may be chosen, the rest of the model is the same."""

    def __init__(self, problem: Problem, terms: dict, pairs=None):
        model = cp_model.CpModel()
        self.model = model
        x = {}
        for key in sorted(terms):
            if key in problem.pins:
                x[key] = model.new_constant(1)
            elif pairs is None or key in pairs:
                x[key] = model.new_bool_var(f"x{key[0]}_{key[1]}")
        task_by_id = {t.id: t for t in problem.tasks}
        growth_terms, growth_vars, mentors_of = [], {}, {}
        for key in x:
            mentors = sorted(e for e in terms[key].mentors if (e, key[1]) in x)
            if mentors:
                # Tight linearisation of "learner and at least one mentor on the task".
                g = model.new_bool_var(f"g{key[0]}_{key[1]}")
                model.add(g <= x[key])
                model.add(g <= sum(x[(e, key[1])] for e in mentors))
                growth_terms.append(GROWTH_PAIRED * g)
                growth_vars[key] = (g, mentors)
                mentors_of[key] = mentors
        for tid, learners, mentors in pairing_cuts(mentors_of):
            # Redundant for whole solutions, but it cuts off the LP's "part of a mentor for many learners".
            model.add(
                sum(growth_vars[key][0] for key in learners)
                <= (task_by_id[tid].headcount - 1) * sum(x[(e, tid)] for e in mentors)
            )
        # Budgets (hard) and headcounts (open places heavily penalised).
        load = {}
        for p in problem.people:
            terms_p = [tenths(t.hours) * x[(p.id, t.id)] for t in problem.tasks if (p.id, t.id) in x]
            load[p.id] = sum(terms_p) if terms_p else 0
            if terms_p:
                model.add(load[p.id] <= max(0, tenths(p.budget)))
        open_places = {}
        for t in problem.tasks:
            heads = [x[(p.id, t.id)] for p in problem.people if (p.id, t.id) in x]
            open_places[t.id] = model.new_int_var(0, t.headcount, f"open{t.id}")
            model.add(sum(heads) + open_places[t.id] == t.headcount)
        score = sum(terms[k].fixed * v for k, v in x.items() if terms[k].fixed) + sum(growth_terms)
        # Fairness: the highest load ratio in thousandths.
        ratio = model.new_int_var(0, 1000, "max_ratio")
        for p in problem.people:
            budget = tenths(p.budget)
            if budget > 0 and not isinstance(load[p.id], int):
                model.add(load[p.id] * 1000 <= ratio * budget)
        # Scale by 10 so the weights stay integral.
        model.maximize(
            10 * score - int(FAIRNESS_WEIGHT * 10) * ratio - 10 * OPEN_PLACE_PENALTY * sum(open_places.values())
        )
        self.problem, self.x, self.growth_vars, self.open_places, self.max_ratio = (
            problem,
            x,
            growth_vars,
            open_places,
            ratio,
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
        self.model.add_hint(self.max_ratio, max_ratio(self.problem, chosen))

    def chosen(self, solver) -> list:
        return sorted(key for key, var in self.x.items() if solver.value(var))


def _solver(deterministic_time: float, seconds: float, workers: int, seed: int, params: dict | None = None):
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = max(0.01, float(deterministic_time))
    solver.parameters.max_time_in_seconds = max(0.01, float(seconds))  # the safety net only
    solver.parameters.num_workers = max(1, int(workers))
    solver.parameters.random_seed = seed
    # A light presolve: on 60 × 150 the full presolve costs much of the work for little gain.
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

    def cut_short(self, started: float, ceiling: float) -> bool:
        return self.code not in (cp_model.OPTIMAL, cp_model.INFEASIBLE) and time.monotonic() - started >= ceiling


def solve(
    problem: Problem,
    time_limit: float = TIME_CEILING,
    workers: int = 2,
    seed: int = 0,
    hint=None,
    params: dict | None = None,
    effort: float = 1.0,
) -> Result:
    """Propose an allocation. Never raises on bad input: problems come back in ``Result.problems``.

    The work is fixed (``effort`` × the limits above); ``time_limit`` is only the wall-clock ceiling.
    Two lanes share this machine's two cores:
    - the bound lane: CP-SAT on the whole model (LP relaxation with cuts), mainly for the proven bound;
    - the search lane: a quick start (``warm_start`` + ``improve``), then the Lagrangian relaxation
      (``lagrange.py``: per-person knapsacks at prices per task) whose knapsack choices mark the few
      tasks that are worth considering for each person, then CP-SAT on that much smaller "core" model,
      started from the quick allocation; when the core is solved with work to spare, ``reshuffle``.
    The answer is the best allocation either lane found (every one keeps the hard rules); the bound is
    the tightest of CP-SAT's and the Lagrangian one, both proven."""
    started = time.monotonic()
    deadline = started + float(time_limit)
    found, blocking = check(problem)
    if blocking:
        return Result(status="INFEASIBLE", problems=found)
    terms = pair_terms(problem)
    start = sorted(set(hint) & set(terms)) if hint is not None else warm_start(problem, terms)
    full = _Model(problem, terms)
    full.hint(start)
    full_solver = _solver(BOUND_DETERMINISTIC_TIME * effort, time_limit - 0.05, max(1, workers - 1), seed, params)
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

    cut_short = False
    candidates = [start]
    upper = math.inf
    core_lane = None
    if not stopped.is_set():
        quick = reshuffle(
            problem, start, rounds=max(1, int(REPAIR_ROUNDS * effort)), seconds=max(0.0, left()), seed=seed, terms=terms
        )
        improved = improve(problem, quick, steps=int(IMPROVE_STEPS * effort), seconds=max(0.0, left()), terms=terms)
        candidates.append(improved)
    if not stopped.is_set() and left() > 0:
        best_known = max(objective_of(problem, c, terms) for c in candidates)
        relaxation = lagrange.Relaxation(problem)
        (upper, _, _), knapsacks = lagrange.optimise(
            relaxation,
            rounds=max(1, int(LAGRANGE_ROUNDS * effort)),
            seconds=max(0.0, left()),
            best_known=best_known,
            stop=stopped.is_set,
        )
        if not stopped.is_set() and left() > 0:
            pairs = relaxation.core(knapsacks) | set(candidates[-1])
            core = _Model(problem, terms, pairs=pairs)
            core.hint(candidates[-1])
            core_lane = _Lane(core, _solver(CORE_DETERMINISTIC_TIME * effort, left() - 0.05, 1, seed, params))
            bound_lane.stop_others.append(core_lane.solver.stop_search)
            if not stopped.is_set():
                core_lane.run()  # in this thread
            cut_short |= core_lane.cut_short(started, time_limit - 0.05)
            if core_lane.answer() is not None and not stopped.is_set() and left() > 0:
                # Let groups of people trade places outside the core too.
                core_best = core_lane.answer()
                candidates.append(
                    reshuffle(
                        problem,
                        core_best,
                        rounds=max(1, int(RESHUFFLE_ROUNDS * effort)),
                        seconds=left(),
                        seed=seed + 1,
                        terms=terms,
                    )
                )
    if left() <= 0:
        cut_short = True
    bound_lane.join()
    cut_short |= bound_lane.cut_short(started, time_limit - 0.05)
    for lane in (bound_lane, core_lane):
        if lane is not None and lane.answer() is not None:
            candidates.append(lane.answer())
    best = max(candidates, key=lambda c: (objective_of(problem, c, terms), c))
    searched = any(lane is not None and lane.answer() is not None for lane in (bound_lane, core_lane))
    result = Result(status="FEASIBLE", problems=list(found))
    if bound_lane.code == cp_model.INFEASIBLE:
        result.status = "INFEASIBLE"
        result.problems.append(("solver_infeasible", {}))
        return result
    result = _quick_result(problem, best, result, terms, note=not searched)
    if upper == math.inf and bound_lane.code != cp_model.OPTIMAL:
        # No time was left for the prices (the ceiling struck first): a few price rounds still give a proven bound.
        upper = lagrange.optimise(lagrange.Relaxation(problem), rounds=5)[0][0]
    if bound_lane.code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        upper = min(upper, full_solver.best_objective_bound / 10)
    result.bound = upper
    if bound_lane.code == cp_model.OPTIMAL or result.objective >= result.bound - 1e-6:
        result.status = "OPTIMAL"
    result.cut_short = cut_short and result.status != "OPTIMAL"
    if result.cut_short:
        result.problems.append(("cut_short", {"seconds": round(time_limit)}))
    result.seconds = round(time.monotonic() - started, 3)
    return result


def _quick_result(problem: Problem, chosen, result: Result, terms: dict, note: bool = True) -> Result:
    """The result of one allocation: its objective, the open places and the reasons per assignment."""
    people = {p.id: p for p in problem.people}
    tasks = {t.id: t for t in problem.tasks}
    expert_map = experts(problem)
    chosen = set(chosen)
    result.status = "FEASIBLE"
    result.assignments = sorted(chosen)
    result.objective = round(objective_of(problem, chosen, terms), 6)  # scores are tenths; drop float noise
    for pid, tid in result.assignments:
        person, task = people[pid], tasks[tid]
        parts = list(score_parts(problem, person, task))
        for a in growth_areas(person, task):
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
        if not qualified(person, task) and (pid, tid) not in problem.pins:
            support = supporter(problem, person, task)
            if support is not None:
                area, colleague = support
                parts.append(
                    (
                        "learning_place",
                        0,
                        {
                            "area": area,
                            "level": task.level,
                            "supporter": colleague.id,
                            "supporter_name": colleague.name,
                        },
                    )
                )
        if (pid, tid) in problem.pins:
            parts.append(("pinned", 0, {}))
        result.parts[(pid, tid)] = parts
    for t in problem.tasks:
        left = t.headcount - sum(1 for _, tid in chosen if tid == t.id)
        if left > 0:
            result.unfilled[t.id] = left
    if result.unfilled and not any(
        code in ("headcount", "total_hours", "expertise_short") for code, _ in result.problems
    ):
        result.problems.append(("budgets_combined", {"open": sum(result.unfilled.values())}))
    if note:
        result.problems.append(("quick_answer", {}))
    return result
