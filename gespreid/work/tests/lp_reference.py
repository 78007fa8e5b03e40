"""The LP relaxation of the allocation model (OR-Tools GLOP), kept as a reference for the tests only:
a proven upper bound on the objective, built from the same terms (``problem.pair_terms``) as the search."""

from ortools.linear_solver import pywraplp

from gespreid.work.allocation import check
from gespreid.work.problem import FAIRNESS_WEIGHT, GROWTH_PAIRED, OPEN_PLACE_PENALTY, pair_terms, pairing_cuts, tenths


def lp_bound(problem) -> float | None:
    if check(problem)[1]:
        return None
    lp = pywraplp.Solver.CreateSolver("GLOP")
    terms = pair_terms(problem)
    x = {key: lp.NumVar(1 if key in problem.pins else 0, 1, "") for key in terms}
    tasks = {t.id: t for t in problem.tasks}
    objective, growth_vars, mentors_of = [], {}, {}
    for key, var in x.items():
        term = terms[key]
        if term.mentors:
            g = lp.NumVar(0, 1, "")
            lp.Add(g <= var)
            lp.Add(g <= sum(x[(e, key[1])] for e in term.mentors))
            objective.append(GROWTH_PAIRED * g)
            growth_vars[key] = g
            mentors_of[key] = sorted(term.mentors)
        if term.fixed:
            objective.append(term.fixed * var)
    for tid, learners, mentors in pairing_cuts(mentors_of):
        lp.Add(sum(growth_vars[k] for k in learners) <= (tasks[tid].headcount - 1) * sum(x[(e, tid)] for e in mentors))
    max_ratio = lp.NumVar(0, 1000, "")
    for p in problem.people:
        load = [tenths(t.hours) * x[(p.id, t.id)] for t in problem.tasks if (p.id, t.id) in x]
        if load:
            lp.Add(sum(load) <= max(0, tenths(p.budget)))
            if tenths(p.budget) > 0:
                lp.Add(sum(load) * 1000 <= max_ratio * tenths(p.budget))
    open_places = []
    for t in problem.tasks:
        open_var = lp.NumVar(0, t.headcount, "")
        lp.Add(sum(x[(p.id, t.id)] for p in problem.people if (p.id, t.id) in x) + open_var == t.headcount)
        open_places.append(open_var)
    lp.Maximize(sum(objective) - FAIRNESS_WEIGHT * max_ratio - OPEN_PLACE_PENALTY * sum(open_places))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return lp.Objective().Value()
