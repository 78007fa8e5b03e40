"""The two SVG charts as small functions (a template loop per point cost most of the page's time).

Numbers are formatted by Python (never localised: SVG wants a decimal point); every text is escaped
with ``html.escape``; classes instead of inline styles (CSP).
"""

from html import escape

from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _


def trend_svg(chart: dict) -> str:
    left, right = chart["left"], chart["right"]
    out = [
        f'<svg class="chart trend" viewBox="0 0 {chart["width"]} {chart["height"]}" role="img" '
        f'aria-labelledby="trend-title"><title id="trend-title">'
        f"{escape(str(_('Gemiddelde per stelling per ronde, schaal 1 tot 5')))}</title>"
    ]
    for g in chart["grid"]:
        out.append(
            f'<line x1="{left}" x2="{right}" y1="{g["y"]}" y2="{g["y"]}" class="grid" stroke="#d0d7d7"/>'
            f'<text x="{left - 8}" y="{g["y"]}" dy="4" text-anchor="end" font-size="12">{g["value"]}</text>'
        )
    for lab in chart["labels"]:
        out.append(
            f'<text x="{lab["x"]}" y="{lab["y"]}" text-anchor="middle" font-size="12">{escape(lab["text"])}</text>'
        )
    for s in chart["series"]:
        name = escape(str(s["name"]))
        out.append(f'<g class="series series-{int(s["index"])}">')
        if len(s["points"]) > 1:
            out.append(f'<polyline points="{s["path"]}" fill="none" stroke-width="2"/>')
        for p in s["points"]:
            out.append(
                f'<circle cx="{p["x"]}" cy="{p["y"]}" r="4"><title>{name}: {number_format(p["value"])}</title></circle>'
            )
        out.append("</g>")
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — numbers from our own geometry, texts escaped above


def spread_svg(result) -> str:
    out = [
        f'<svg class="chart spread" viewBox="0 0 500 28" role="img" aria-label="{escape(str(_("Verdeling van de scores")))}">'
    ]
    for g in result.segments:
        score, count = int(g["score"]), int(g["count"])
        out.append(
            f'<rect x="{g["x"]}" y="0" width="{g["w"]}" height="28" class="score-{score}">'
            f"<title>{score}: {count}</title></rect>"
        )
        if g["w"] > 18:
            out.append(
                f'<text x="{g["mid"]}" y="19" text-anchor="middle" font-size="13" class="score-label-{score}">{count}</text>'
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 — numbers only, label escaped
