"""Phase rules and pace of an innovation trajectory. Pure functions, no database.

voorbereiden → uitproberen → monitoren → bijstellen → borgen.
- the next phase is always allowed; skipping one or more phases needs a reason;
- going back (e.g. from bijstellen to uitproberen) is allowed: adjusting is part of the work;
- a milestone cannot end before it starts, and cannot be finished without having started.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .models import PHASE_ORDER


def skipped(current: str, target: str) -> list[str]:
    """The phases jumped over when moving from ``current`` to ``target`` (empty when not skipping)."""
    i, j = PHASE_ORDER.index(current), PHASE_ORDER.index(target)
    return PHASE_ORDER[i + 1 : j] if j > i + 1 else []


def check_move(current: str, target: str, reason: str) -> str | None:
    """None when the move is allowed, else a Dutch message saying why not."""
    if target not in PHASE_ORDER or current not in PHASE_ORDER:
        return _("Kies een fase uit de lijst.")
    if target == current:
        return _("De innovatie staat al in deze fase.")
    if skipped(current, target) and not (reason or "").strip():
        return _("Je slaat een fase over. Schrijf op waarom; dat blijft zichtbaar voor het team.")
    return None


def check_dates(
    planned_start, planned_end, actual_start=None, actual_end=None, today: date | None = None
) -> dict[str, str]:
    """Field -> Dutch message for every date rule a milestone breaks."""
    errors = {}
    if planned_start and planned_end and planned_end < planned_start:
        errors["planned_end"] = _("De mijlpaal kan niet eerder klaar zijn dan hij begint.")
    if actual_end and not actual_start:
        errors["actual_start"] = _("Vul ook in wanneer je echt begon.")
    if actual_start and actual_end and actual_end < actual_start:
        errors["actual_end"] = _("Echt klaar kan niet vóór echt begonnen liggen.")
    if today is not None:
        for name, value in (("actual_start", actual_start), ("actual_end", actual_end)):
            if value and value > today and name not in errors:
                errors[name] = _("Deze datum ligt in de toekomst; vul hem in als het zover is.")
    return errors


ON_TRACK = "op-schema"
BEHIND = "achter"
NO_PLAN = "geen-planning"


@dataclass
class Pace:
    status: str
    total: int
    done: int
    late: int  # open milestones past their planned end
    days_behind: int  # the longest delay among them

    @property
    def label(self) -> str:
        return {ON_TRACK: _("op schema"), BEHIND: _("loopt achter"), NO_PLAN: _("nog geen planning")}[self.status]


def compute_pace(milestones, today: date) -> Pace:
    """On track unless an unfinished milestone is past its planned end. ``milestones``: objects with
    ``planned_end`` and ``actual_end``."""
    milestones = list(milestones)
    if not milestones:
        return Pace(NO_PLAN, 0, 0, 0, 0)
    done = sum(1 for m in milestones if m.actual_end)
    overdue = [(today - m.planned_end).days for m in milestones if not m.actual_end and m.planned_end < today]
    status = BEHIND if overdue else ON_TRACK
    return Pace(status, len(milestones), done, len(overdue), max(overdue, default=0))
