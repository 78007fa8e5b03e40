"""The network drawing: a layout computed on the server (seeded, cached per round) and a plain SVG.

People are drawn unnamed unless they agreed to be named; colours show bouw or role, and a
colour group with fewer than ``MIN_COLOUR_GROUP`` people is drawn grey so a colour never
points at one person (the only director, the only IB'er).
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import networkx as nx
from django.core.cache import cache

from .measures import SEED

WIDTH, HEIGHT, MARGIN, LEGEND = 720, 520, 28, 34
RADIUS = 7
MIN_COLOUR_GROUP = 3
# Okabe-Ito: told apart with the common forms of colour blindness; grey for "unknown / small group".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
GREY = "#9aa0a6"


@dataclass
class Person:
    id: int
    name: str  # "" unless they agreed to be named
    category: str  # bouw or role label; "" when unknown


def compute_layout(nodes: list[int], edges: list[tuple[int, int]], seed: int = SEED) -> dict[int, tuple[float, float]]:
    """Spring layout of the undirected network, scaled into [0, 1] × [0, 1]; the same input gives the same picture."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes))
    graph.add_edges_from(edges)
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    pos = nx.spring_layout(graph, seed=seed, iterations=60)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx, sy = (x1 - x0) or 1.0, (y1 - y0) or 1.0
    return {n: (round((p[0] - x0) / sx, 4), round((p[1] - y0) / sy, 4)) for n, p in pos.items()}


def cached_layout(round_obj, nodes, edges) -> dict[int, tuple[float, float]]:
    """The round's layout, cached on its id and closing state (a reopened or changed round gets a new one)."""
    state = round_obj.closed_at.timestamp() if round_obj.closed_at else "open"
    key = f"network:layout:{round_obj.pk}:{state}:{len(nodes)}:{len(edges)}"
    stored = cache.get(key)
    if stored is None:
        stored = {str(n): xy for n, xy in compute_layout(nodes, edges).items()}
        cache.set(key, stored, timeout=60 * 60 * 24 * 30)
    return {int(n): tuple(xy) for n, xy in stored.items()}


def colours(people: list[Person], order: list[str]) -> dict[str, str]:
    """Colour per category; categories with fewer than MIN_COLOUR_GROUP people (and unknown) are grey."""
    counts = {}
    for p in people:
        counts[p.category] = counts.get(p.category, 0) + 1
    result, i = {}, 0
    for category in order:
        if category and counts.get(category, 0) >= MIN_COLOUR_GROUP:
            result[category] = PALETTE[i % len(PALETTE)]
            i += 1
    return result


def _xy(pos, node):
    x, y = pos.get(node, (0.5, 0.5))
    return MARGIN + x * (WIDTH - 2 * MARGIN), MARGIN + y * (HEIGHT - 2 * MARGIN - LEGEND)


def render_svg(
    people: list[Person],
    ties: list[tuple[int, int, int]],
    pos: dict,
    *,
    title: str,
    desc: str,
    category_order: list[str],
    category_labels: dict[str, str],
    other_label: str,
) -> str:
    """An accessible SVG (role=img, <title>, <desc>, a legend in text); presentation attributes only (CSP)."""
    palette = colours(people, category_order)
    # Written in the order of their place in the picture, never in the order of the team list
    # (alphabetical, or by id): the SVG source must not tell which unnamed dot is whom.
    people = sorted(people, key=lambda p: (_xy(pos, p.id)[1], _xy(pos, p.id)[0]))
    ties = sorted(ties, key=lambda t: (*_xy(pos, t[0]), *_xy(pos, t[1])))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="network-title network-desc" class="network-drawing">',
        f'<title id="network-title">{escape(title)}</title>',
        f'<desc id="network-desc">{escape(desc)}</desc>',
        '<defs><marker id="network-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="4" markerHeight="4" '
        'orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#6b7280"/></marker></defs>',
        '<g class="ties" stroke="#6b7280" stroke-opacity="0.45" fill="none">',
    ]
    for source, target, weight in ties:
        (x1, y1), (x2, y2) = _xy(pos, source), _xy(pos, target)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        cut = (RADIUS + 2) / length
        ex, ey = x2 - (x2 - x1) * cut, y2 - (y2 - y1) * cut
        out.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
            f'stroke-width="{0.6 + 0.4 * weight:.1f}" marker-end="url(#network-arrow)"/>'
        )
    out.append("</g>")
    out.append('<g class="people" stroke="#ffffff" stroke-width="1.5">')
    for person in people:
        x, y = _xy(pos, person.id)
        fill = palette.get(person.category, GREY)
        shown = category_labels.get(person.category, "") if person.category in palette else other_label
        label = f"{person.name} · {shown}" if person.name else shown
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{RADIUS}" fill="{fill}"><title>{escape(label)}</title></circle>'
        )
    out.append("</g>")
    named = [p for p in people if p.name]
    if named:
        out.append('<g class="names" font-size="11" font-family="sans-serif" fill="#111827">')
        for person in named:
            x, y = _xy(pos, person.id)
            if x > WIDTH * 0.7:  # near the right edge: the name goes to the left of the dot
                out.append(
                    f'<text x="{x - RADIUS - 2:.1f}" y="{y + 4:.1f}" text-anchor="end">{escape(person.name)}</text>'
                )
            else:
                out.append(f'<text x="{x + RADIUS + 2:.1f}" y="{y + 4:.1f}">{escape(person.name)}</text>')
        out.append("</g>")
    out.append(
        f'<g class="legend" font-size="12" font-family="sans-serif" fill="#111827" transform="translate({MARGIN},{HEIGHT - LEGEND + 8})">'
    )
    x = 0
    items = [(category_labels.get(c, c), palette[c]) for c in category_order if c in palette] + [(other_label, GREY)]
    for text, fill in items:
        out.append(f'<circle cx="{x + 6}" cy="8" r="6" fill={quoteattr(fill)}/>')
        out.append(f'<text x="{x + 16}" y="12">{escape(str(text))}</text>')
        x += 24 + 7 * len(str(text))
    out.append("</g></svg>")
    return "\n".join(out)
