"""Readiness check-ins: turn private answers into aggregates that never point to a person.

Pure functions, no database. Rules:
- aggregates are shown only when at least ``MIN_ANSWERS`` (5) answers were NOT shared with the
  lead by name — otherwise the lead could subtract the shared answers from the totals and read
  the few remaining ones;
- the grid counts people per (willing, able) cell; learning preferences are counted;
- remarks are shown without names, sorted alphabetically (never in the order they came in);
- callers show results only of a closed check-in, so no one can compare totals before and
  after one colleague answered.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

MIN_ANSWERS = 5
SCALE = (1, 2, 3, 4, 5)


class Answer(NamedTuple):
    willing: int
    able: int
    learning: str
    remark: str = ""
    shared: bool = False


@dataclass
class Summary:
    answered: int
    anonymous: int
    enough: bool
    # rows: willing 5 (top) .. 1 (bottom); columns: able 1 (left) .. 5 (right)
    grid: list[list[int]] = field(default_factory=list)
    preferences: list[tuple[str, str, int]] = field(default_factory=list)  # (value, label, count)
    remarks: list[str] = field(default_factory=list)
    max_cell: int = 0
    average_willing: float | None = None
    average_able: float | None = None


def valid_score(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SCALE


def summarize(answers: Iterable[Answer], preference_labels: dict[str, str], min_answers: int = MIN_ANSWERS) -> Summary:
    """Aggregate answers; below the threshold the summary holds only how many answered."""
    answers = [a for a in answers if valid_score(a.willing) and valid_score(a.able)]
    anonymous = sum(1 for a in answers if not a.shared)
    summary = Summary(answered=len(answers), anonymous=anonymous, enough=anonymous >= min_answers)
    if not summary.enough:
        return summary
    cells = Counter((a.willing, a.able) for a in answers)
    summary.grid = [[cells[(w, a)] for a in SCALE] for w in reversed(SCALE)]
    summary.max_cell = max(cells.values())
    prefs = Counter(a.learning for a in answers)
    summary.preferences = [(value, label, prefs[value]) for value, label in preference_labels.items()]
    summary.remarks = sorted(
        (a.remark.strip() for a in answers if a.remark and a.remark.strip()), key=lambda r: (r.casefold(), r)
    )
    summary.average_willing = round(sum(a.willing for a in answers) / len(answers), 1)
    summary.average_able = round(sum(a.able for a in answers) / len(answers), 1)
    return summary


def grid_rows(summary: Summary) -> list[dict]:
    """Rows for the template: willing label and cells with count and a shade 0–4 (no inline styles)."""
    rows = []
    for willing, counts in zip(reversed(SCALE), summary.grid, strict=True):
        cells = []
        for able, n in zip(SCALE, counts, strict=True):
            shade = 0 if n == 0 or summary.max_cell == 0 else 1 + round(3 * n / summary.max_cell)
            cells.append({"able": able, "count": n, "shade": min(shade, 4)})
        rows.append({"willing": willing, "cells": cells})
    return rows
