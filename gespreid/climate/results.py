"""Results of the pulse: pure functions, no database.

Rules (docs/climate.md):
- nothing from fewer than ``MIN_ANSWERS`` (5) answers: no spread, no average, no remarks;
- a breakdown (by bouw) shows only parts of five or more; a part under five is hidden together with
  at least one other part, so that no hidden part follows from the total minus the shown ones;
- a change between two rounds is called a change only when the average moves more than what
  ``HANDFUL`` (2) colleagues answering two steps differently could cause, and at least ``MIN_CHANGE``.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

MIN_ANSWERS = 5
SCALE = (1, 2, 3, 4, 5)
HANDFUL = 2
MIN_CHANGE = 0.3


@dataclass
class StatementResult:
    statement_id: int
    text: str
    code: str
    n: int
    enough: bool
    counts: list[int] = field(default_factory=list)  # per score 1..5
    mean: float | None = None
    remarks: list[str] = field(default_factory=list)

    @property
    def bars(self) -> list[dict]:
        """Per score: count and a width in whole percent (for the SVG bar), only when enough."""
        if not self.enough:
            return []
        return [
            {"score": s, "count": c, "pct": round(100 * c / self.n) if self.n else 0}
            for s, c in zip(SCALE, self.counts, strict=True)
        ]

    @property
    def segments(self) -> list[dict]:
        """A stacked bar 500 wide: x and width per score (server-rendered SVG), only when enough."""
        out, x = [], 0.0
        if not self.enough:
            return out
        for s, c in zip(SCALE, self.counts, strict=True):
            w = 500 * c / self.n if self.enough and self.n else 0
            if c:
                out.append({"score": s, "count": c, "x": round(x, 1), "w": round(w, 1), "mid": round(x + w / 2, 1)})
            x += w
        return out


def summarize(statement_id: int, text: str, code: str, answers: Iterable[tuple[int, str]]) -> StatementResult:
    """``answers``: (score, remark) of one statement. Below five: only how many answered."""
    answers = [(s, r) for s, r in answers if s in SCALE]
    result = StatementResult(statement_id, text, code, n=len(answers), enough=len(answers) >= MIN_ANSWERS)
    if not result.enough:
        return result
    counter = Counter(s for s, _ in answers)
    result.counts = [counter[s] for s in SCALE]
    result.mean = round(sum(s for s, _ in answers) / len(answers), 2)
    result.remarks = sorted((r.strip() for _, r in answers if r and r.strip()), key=lambda r: (r.casefold(), r))
    return result


def shown_parts(sizes: dict[str, int], min_size: int = MIN_ANSWERS) -> tuple[list[str], list[str]]:
    """Split parts into (shown, hidden): hidden ones are either none, or together ≥ min_size and ≥ 2 parts.

    A part under ``min_size`` is hidden; if that leaves one hidden part, or hidden parts that together
    hold fewer than ``min_size``, the smallest shown part is hidden too — otherwise the hidden part could be
    worked out as the total minus the shown parts. Empty parts are ignored.
    """
    sizes = {k: n for k, n in sizes.items() if n > 0}
    shown = sorted((k for k, n in sizes.items() if n >= min_size), key=lambda k: (sizes[k], k))
    hidden = [k for k in sizes if k not in shown]
    while hidden and shown and (len(hidden) == 1 or sum(sizes[k] for k in hidden) < min_size):
        hidden.append(shown.pop(0))
    if hidden and sum(sizes[k] for k in hidden) < min_size:
        return [], sorted(sizes)  # everything together is too small: show nothing
    return sorted(shown), sorted(hidden)


def is_change(before: float | None, after: float | None, n_before: int, n_after: int) -> bool:
    """True when the averages differ more than a handful of answers can move them."""
    if before is None or after is None or not n_before or not n_after:
        return False
    return abs(after - before) > change_threshold(n_before, n_after)


def change_threshold(n_before: int, n_after: int) -> float:
    """What HANDFUL colleagues answering two steps differently move the average by, at least MIN_CHANGE."""
    return max(MIN_CHANGE, round(HANDFUL * 2 / min(n_before, n_after), 2))


# Trend chart ------------------------------------------------------------------------------------

CHART_W, CHART_H, PAD_L, PAD_R, PAD_T, PAD_B = 640, 220, 40, 36, 12, 40


def trend_chart(labels: list[str], series: list[dict]) -> dict:
    """Geometry of a server-rendered SVG line chart (scale 1–5) over rounds.

    ``series``: [{"name": str, "values": [float | None per label]}]. Returns points per series and axes.
    """
    n = len(labels)
    inner_w, inner_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B

    def x(i):
        return round(PAD_L + (inner_w * i / (n - 1) if n > 1 else inner_w / 2), 1)

    def y(v):
        return round(PAD_T + inner_h * (5 - v) / 4, 1)

    out = []
    for index, s in enumerate(series):
        points = [(x(i), y(v), v) for i, v in enumerate(s["values"]) if v is not None]
        out.append(
            {
                "name": s["name"],
                "index": index,
                "points": [{"x": px, "y": py, "value": v} for px, py, v in points],
                "path": " ".join(f"{px},{py}" for px, py, _ in points),
            }
        )
    return {
        "width": CHART_W,
        "height": CHART_H,
        "left": PAD_L,
        "right": CHART_W - PAD_R,
        "bottom": CHART_H - PAD_B,
        "grid": [{"value": v, "y": y(v)} for v in SCALE],
        "labels": [{"text": t, "x": x(i), "y": CHART_H - PAD_B + 18} for i, t in enumerate(labels)],
        "series": out,
    }
