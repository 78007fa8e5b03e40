"""A Lagrangian relaxation of the allocation model: a proven upper bound and good starting allocations.

The allocation is a generalised assignment problem with headcounts. Moving the per-task headcounts
into the objective with a price per task (λ_t), and the pairing bonus's "a mentor is on the task" with
a price per learner and task (μ), leaves one 0/1 knapsack per person: which tasks are worth their hours
at these prices. Each knapsack is solved exactly (dynamic programming over hours in tenths, all people
at once with numpy), so for any prices λ ≥ 0, μ ≥ 0

    L(λ, μ) = Σ_t λ_t · headcount_t − OPEN_PLACE_PENALTY · Σ headcounts − fairness
              + Σ_people best knapsack at prices (λ, μ)

is an upper bound on the objective of every whole allocation. Knapsacks are whole, so this bound is at
least as tight as the LP relaxation (usually much tighter). Fairness (−weight × the highest load in
thousandths, R) is handled exactly: for every R in 0..1000 each person's knapsack gets the capacity
R × budget, and the bound is the best of these; one DP per person gives every capacity at once.

The prices are improved by subgradient steps. The knapsack choices at good prices are nearly
allocations: ``Relaxation.core`` collects them as the few person–task pairs worth searching, and
``allocation.solve`` runs CP-SAT on that core (which keeps every hard rule).
"""

import math
import time
from functools import reduce

import numpy as np

from . import problem as al

NEG = -1e18


class Relaxation:
    def __init__(self, problem):
        self.problem = problem
        people, tasks = list(problem.people), list(problem.tasks)
        self.people, self.tasks = people, tasks
        P, T = len(people), len(tasks)
        self.P, self.T = P, T
        self.pidx = {p.id: i for i, p in enumerate(people)}
        self.tidx = {t.id: j for j, t in enumerate(tasks)}
        wt = np.array([al.tenths(t.hours) for t in tasks], dtype=np.int64)
        self.wt = wt
        positive = [int(v) for v in wt if v > 0]
        g = reduce(math.gcd, positive) if positive else 1
        self.g = g
        self.w = wt // g
        bt = np.array([al.tenths(p.budget) for p in people], dtype=np.int64)
        self.bt = bt
        self.h = np.array([t.headcount for t in tasks], dtype=np.float64)
        terms = al.pair_terms(problem)
        self.eligible = np.zeros((P, T), dtype=bool)
        self.pinned = np.zeros((P, T), dtype=bool)
        self.base = np.zeros((P, T), dtype=np.float64)
        learners = []  # (person index, task index, mentor indices)
        for (pid, tid), term in sorted(terms.items()):
            i, j = self.pidx[pid], self.tidx[tid]
            if (pid, tid) in problem.pins:
                self.pinned[i, j] = True
            else:
                self.eligible[i, j] = True
            self.base[i, j] = term.fixed
            if term.mentors:
                learners.append((i, j, np.array(sorted(self.pidx[m] for m in term.mentors), dtype=np.int64)))
        self.L = len(learners)
        self.l_p = np.array([a for a, _, _ in learners], dtype=np.int64)
        self.l_t = np.array([b for _, b, _ in learners], dtype=np.int64)
        km_k, km_m = [], []
        for k, (_, _, ms) in enumerate(learners):
            km_k.extend([k] * len(ms))
            km_m.extend(ms.tolist())
        self.km_k = np.array(km_k, dtype=np.int64)
        self.km_m = np.array(km_m, dtype=np.int64)
        self.km_t = self.l_t[self.km_k] if len(km_k) else np.zeros(0, dtype=np.int64)
        # Capacity per person for every R (the highest load in thousandths), in units of g tenths.
        self.pinned_load = (self.pinned * self.w[None, :]).sum(axis=1)
        R = np.arange(1001, dtype=np.int64)[:, None]
        full = np.maximum(bt, 0) // g
        ratio_cap = np.where(bt[None, :] > 0, (R * bt[None, :]) // (1000 * g), full[None, :])
        cap = np.minimum(ratio_cap, full[None, :]) - self.pinned_load[None, :]
        self.valid_R = (cap >= 0).all(axis=1)
        self.cap = np.maximum(cap, 0)
        self.C = int(self.cap.max()) if P else 0
        self.H = float(self.h.sum())

    def values(self, lam, mu):
        v = self.base + al.OPEN_PLACE_PENALTY - lam[None, :]
        if self.L:
            np.add.at(v, (self.km_m, self.km_t), mu[self.km_k])
            v[self.l_p, self.l_t] += np.maximum(0.0, al.GROWTH_PAIRED - mu)
        return v

    def evaluate(self, lam, mu, want_solution=True):
        """(bound, R, x): the Lagrangian bound at these prices, the R that gives it, and the knapsack choices."""
        P, C = self.P, self.C
        v = self.values(lam, mu)
        dp = np.zeros((P, C + 1))
        takes = []
        for j in range(self.T):
            # Only people for whom the task is worth something at these prices can take it in a best knapsack.
            rows = np.nonzero(self.eligible[:, j] & (v[:, j] > 0))[0]
            w = int(self.w[j])
            if not len(rows) or w > C:
                takes.append(None)
                continue
            vt = v[rows, j]
            if w == 0:
                dp[rows] += vt[:, None]
                takes.append((rows, None))
                continue
            sub = dp[rows]
            cand = sub[:, :-w] + vt[:, None]
            better = cand > sub[:, w:]
            np.maximum(sub[:, w:], cand, out=sub[:, w:])
            dp[rows] = sub
            takes.append((rows, better))
        pinned_value = np.where(self.pinned, v, 0.0).sum(axis=1)
        rows = np.arange(P)
        per_R = dp[rows[None, :], self.cap].sum(axis=1) + pinned_value.sum()
        const = float(lam @ self.h) - al.OPEN_PLACE_PENALTY * self.H
        totals = const + per_R - al.FAIRNESS_WEIGHT * np.arange(1001)
        totals = np.where(self.valid_R, totals, -np.inf)
        R = int(np.argmax(totals))
        bound = float(totals[R])
        if not want_solution:
            return bound, R, None
        x = self.pinned.copy()
        c = self.cap[R].copy()
        for j in range(self.T - 1, -1, -1):
            entry = takes[j]
            if entry is None:
                continue
            rows, better = entry
            if better is None:
                x[rows, j] = True
                continue
            w = int(self.w[j])
            at = c[rows] - w
            fits = at >= 0
            took = np.zeros(len(rows), dtype=bool)
            took[fits] = better[np.nonzero(fits)[0], at[fits]]
            x[rows[took], j] = True
            c[rows[took]] -= w
        return bound, R, x

    def core(self, solutions, skip: int = 10) -> set:
        """The (person id, task id) pairs some knapsack chose (after the first ``skip`` rounds, whose prices
        are still rough): the tasks worth considering per person. Pins are always included."""
        chosen = np.zeros((self.P, self.T), dtype=bool)
        for x in solutions[skip:] or solutions:
            chosen |= x
        return {(self.people[i].id, self.tasks[j].id) for i, j in zip(*np.nonzero(chosen), strict=True)}

    def subgradient(self, x, mu):
        g_lam = self.h - x.sum(axis=0)
        if self.L:
            mentors_on = np.zeros(self.L)
            np.add.at(mentors_on, self.km_k, x[self.km_m, self.km_t])
            b = x[self.l_p, self.l_t] & (mu < al.GROWTH_PAIRED)
            g_mu = mentors_on - b
        else:
            g_mu = np.zeros(0)
        return g_lam, g_mu


def optimise(
    rel: Relaxation,
    rounds: int = 120,
    seconds: float = 20.0,
    best_known: float | None = None,
    stop=None,
    lam=None,
    mu=None,
    skip: int = 10,
    settle: int = 20,
):
    """At most ``rounds`` subgradient steps (fewer on ``stop()``, when the knapsacks chose no new
    (person, task) pair for ``settle`` rounds after the first ``skip``, or at the ``seconds`` ceiling): a Polyak step towards a target
    between the best known objective and the bound, halved when the bound stops improving.
    Returns ((best bound, its λ, its μ), the knapsack choices met on the way)."""
    deadline = time.monotonic() + seconds
    if lam is None:
        lam = np.full(rel.T, float(al.OPEN_PLACE_PENALTY))
    if mu is None:
        mu = np.full(rel.L, al.GROWTH_PAIRED / 2)
    best = (math.inf, lam.copy(), mu.copy())
    theta, stall = 1.0, 0
    solutions = []
    seen = np.zeros((rel.P, rel.T), dtype=bool)
    quiet = 0
    while True:
        bound, R, x = rel.evaluate(lam, mu)
        if bound < best[0] - 1e-9:
            best = (bound, lam.copy(), mu.copy())
            stall = 0
        else:
            stall += 1
            if stall >= 10:
                theta, stall = theta / 2, 0
        solutions.append(x)
        if len(solutions) > skip:
            quiet = quiet + 1 if not (x & ~seen).any() else 0
            seen |= x
        done = len(solutions) >= rounds or time.monotonic() >= deadline
        if done or (stop is not None and stop()) or quiet >= settle:
            break
        g_lam, g_mu = rel.subgradient(x, mu)
        norm = float(g_lam @ g_lam + g_mu @ g_mu)
        if norm == 0:
            break  # the knapsack choices meet every relaxed rule: no price change can lower the bound
        if best_known is not None and best_known < best[0]:
            goal = best_known + 0.5 * (best[0] - best_known)
        else:
            goal = best[0] - 0.01 * abs(best[0])
        step = theta * max(bound - goal, 1e-3 * max(1.0, abs(bound))) / norm
        # Over-filled tasks (g < 0) get dearer, places nobody takes (g > 0) cheaper.
        lam = np.maximum(0.0, lam - step * g_lam)
        mu = np.clip(mu - step * g_mu, 0.0, al.GROWTH_PAIRED)
    return best, solutions
