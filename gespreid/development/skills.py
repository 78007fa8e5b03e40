"""Leadership skills (seeds 000 and 003) and the small SVG drawing of a person's self-assessments. Pure."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SKILLS = [
    ("luisteren", _("Luisteren")),
    ("moeilijke-vragen", _("Moeilijke vragen stellen")),
    ("afwegen", _("Afwegen")),
    ("prioriteren", _("Prioriteren")),
    ("collegas-betrekken", _("Collega's betrekken")),
    ("expertise-benutten", _("Expertise van anderen benutten")),
    ("organisatie", _("Organiseren")),
    ("coaching", _("Coachen")),
    ("visie", _("Visie")),
    ("teambuilding", _("Teambuilding")),
    ("verandering", _("Verandering leiden")),
    ("communicatie", _("Communicatie")),
    ("feedback", _("Feedback geven en vragen")),
    ("politieke-sensitiviteit", _("Politieke sensitiviteit")),
    ("weerstand", _("Omgaan met weerstand")),
]
SKILL_KEYS = [key for key, _label in SKILLS]
SCALE = (1, 5)
SCALE_LABELS = {1: _("nog weinig"), 2: _("soms"), 3: _("redelijk"), 4: _("goed"), 5: _("sterk")}


@dataclass
class Bar:
    label: str
    y: int
    width: int  # latest score as a bar
    previous_x: int | None  # the previous score as a tick
    score: int | None
    previous: int | None


ROW = 22
LABEL_W = 210
UNIT = 40  # px per score point


def chart(assessments) -> dict:
    """Bars of the latest scores with a tick at the previous ones; for ``development/_skills_chart.svg``."""
    if not assessments:
        return {}
    latest = assessments[-1].scores
    previous = assessments[-2].scores if len(assessments) > 1 else {}
    bars = []
    for i, (key, label) in enumerate(SKILLS):
        score, before = latest.get(key), previous.get(key)
        bars.append(
            Bar(
                str(label),
                i * ROW,
                (score or 0) * UNIT,
                LABEL_W + before * UNIT if before else None,
                score,
                before,
            )
        )
    return {
        "bars": bars,
        "height": len(SKILLS) * ROW + 24,
        "width": LABEL_W + SCALE[1] * UNIT + 10,
        "label_w": LABEL_W,
        "axis": [(LABEL_W + n * UNIT, n) for n in range(SCALE[0], SCALE[1] + 1)],
        "axis_y": len(SKILLS) * ROW + 14,
        "has_previous": bool(previous),
    }
