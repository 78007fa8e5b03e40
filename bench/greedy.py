"""A simple greedy baseline for the allocation, to compare the CP-SAT model with.

Tasks in order of total hours (largest first); each place goes to the person with the best fixed
score (expertise + affinity + growth wish) who still has budget. Places nobody can take stay open.
With ``respect_budget=False`` it fills every place anyway (the way a spreadsheet gets filled in),
taking the person with the most hours left even when that pushes them over budget.
"""

from gespreid.work.problem import Problem, growth_areas, score_parts, tenths


def greedy(problem: Problem, respect_budget: bool = True) -> dict:
    left = {p.id: tenths(p.budget) for p in problem.people}
    chosen = list(problem.pins)
    for pid, tid in problem.pins:
        left[pid] -= tenths(next(t.hours for t in problem.tasks if t.id == tid))
    unfilled = {}
    for task in sorted(problem.tasks, key=lambda t: -t.hours * t.headcount):
        have = sum(1 for _, tid in chosen if tid == task.id)
        for _ in range(task.headcount - have):
            taken = {pid for pid, tid in chosen if tid == task.id}
            best, best_score = None, None
            for person in problem.people:
                if person.id in taken or (person.id, task.id) in problem.exclusions:
                    continue
                if left[person.id] < tenths(task.hours):
                    continue
                score = sum(p for _, p, _ in score_parts(problem, person, task)) + (
                    3 if growth_areas(person, task) else 0
                )
                if best_score is None or score > best_score:
                    best, best_score = person, score
            if best is None and not respect_budget:
                candidates = [
                    p for p in problem.people if p.id not in taken and (p.id, task.id) not in problem.exclusions
                ]
                best = max(candidates, key=lambda p: left[p.id], default=None)
            if best is None:
                unfilled[task.id] = unfilled.get(task.id, 0) + 1
                continue
            chosen.append((best.id, task.id))
            left[best.id] -= tenths(task.hours)
    over = sum(1 for p in problem.people if left[p.id] < 0)
    return {"assignments": chosen, "unfilled": unfilled, "over_budget": over}
