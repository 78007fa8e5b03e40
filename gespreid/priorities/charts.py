"""Server-rendered SVG geometry for the coverage chart of a priority (the template draws it)."""

from dataclasses import dataclass

ROW = 30
LABEL_W = 230
BAR_W = 330
TEXT_W = 140


def _short(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


@dataclass
class Bar:
    y: int
    label: str
    full_label: str
    status: str
    needed_w: float
    have_w: float
    have: int
    needed: int
    text_y: int
    shown: str = ""  # the status as read ("in ontwikkeling" when someone trains for it)


def coverage_chart(gaps) -> dict:
    """Per requirement one row: an outline for the people needed, a filled bar for the people there."""
    scale_max = max([max(g.need.people_needed, len(g.holders)) for g in gaps] or [1])
    unit = BAR_W / max(scale_max, 1)
    bars = []
    for i, g in enumerate(gaps):
        y = 10 + i * ROW
        bars.append(
            Bar(
                y,
                _short(g.need.area_name),
                g.need.area_name,
                g.status,
                g.need.people_needed * unit,
                len(g.holders) * unit,
                len(g.holders),
                g.need.people_needed,
                y + 15,
                g.shown_status,
            )
        )
    return {
        "bars": bars,
        "width": LABEL_W + BAR_W + TEXT_W,
        "height": 20 + len(gaps) * ROW,
        "label_w": LABEL_W,
        "bar_x": LABEL_W,
        "text_x": LABEL_W + BAR_W + 8,
    }
