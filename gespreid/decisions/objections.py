"""The lifecycle of one objection (bezwaar) as a pure state machine: no database, no Django models.

States::

    ingediend ──work──▶ in-behandeling ──(objector_confirm + author_confirm)──▶ opgelost
        │  ╲                 │
        │   ╲── answer ──────┤  (a new version answers it: back to waiting for the objector)
        ├── withdraw (objector) ─────────▶ ingetrokken
        └── not_adopt (author, explanation) ▶ niet-overgenomen

An objection is *resolved* only when BOTH the objector confirms it no longer applies AND the
author confirms the proposal still solves the original problem (Holacracy §5.4.5(f)). The order
does not matter. Resolved, withdrawn and not-adopted are final. Who may do what:

- the objector: ``objector_confirm``, ``withdraw``;
- the author side (the proposal's author or a school leader): ``work``, ``answer``,
  ``author_confirm``, ``not_adopt`` (needs a public explanation).
"""

from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

RAISED = "ingediend"
WORKING = "in-behandeling"
RESOLVED = "opgelost"
WITHDRAWN = "ingetrokken"
NOT_ADOPTED = "niet-overgenomen"
OPEN = frozenset({RAISED, WORKING})
FINAL = frozenset({RESOLVED, WITHDRAWN, NOT_ADOPTED})

OBJECTOR = "objector"
AUTHOR = "author"

# event -> (who may do it, states it may start from)
RULES = {
    "work": (AUTHOR, {RAISED}),
    "answer": (AUTHOR, {RAISED, WORKING}),
    "author_confirm": (AUTHOR, {RAISED, WORKING}),
    "objector_confirm": (OBJECTOR, {RAISED, WORKING}),
    "withdraw": (OBJECTOR, {RAISED, WORKING}),
    "not_adopt": (AUTHOR, {RAISED, WORKING}),
}
EVENTS = tuple(RULES)


class TransitionRefused(Exception):
    """The event is not allowed from this state or for this person; ``str(exc)`` is a Dutch reason."""


@dataclass(frozen=True)
class ObjectionState:
    status: str = RAISED
    objector_confirmed: bool = False
    author_confirmed: bool = False
    explanation: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


def allowed_events(state: ObjectionState, role: str) -> list[str]:
    """The events this role may fire now (for showing buttons)."""
    result = []
    for event, (who, sources) in RULES.items():
        if who != role or state.status not in sources:
            continue
        if event == "author_confirm" and state.author_confirmed:
            continue
        if event == "objector_confirm" and state.objector_confirmed:
            continue
        result.append(event)
    return result


def apply(state: ObjectionState, event: str, role: str, *, explanation: str = "") -> ObjectionState:
    """Return the next state, or raise TransitionRefused with a Dutch reason."""
    if event not in RULES:
        raise TransitionRefused(_("Onbekende stap."))
    who, sources = RULES[event]
    if state.status in FINAL:
        raise TransitionRefused(_("Dit bezwaar is al afgehandeld; het kan niet meer veranderen."))
    if role != who:
        if who == OBJECTOR:
            raise TransitionRefused(_("Alleen wie het bezwaar maakte, kan dit doen."))
        raise TransitionRefused(_("Alleen de indiener van het voorstel of de schoolleider kan dit doen."))
    if state.status not in sources:
        raise TransitionRefused(_("Deze stap kan nu niet."))
    if event == "work":
        return replace(state, status=WORKING)
    if event == "answer":
        # A new version answers the objection: the objector has to look at it again.
        return replace(state, status=WORKING, objector_confirmed=False)
    if event == "withdraw":
        return replace(state, status=WITHDRAWN)
    if event == "not_adopt":
        explanation = (explanation or "").strip()
        if not explanation:
            raise TransitionRefused(_("Leg het team uit waarom het bezwaar niet is overgenomen."))
        return replace(state, status=NOT_ADOPTED, explanation=explanation)
    if event == "objector_confirm":
        state = replace(state, objector_confirmed=True)
    elif event == "author_confirm":
        state = replace(state, author_confirmed=True)
    if state.objector_confirmed and state.author_confirmed:
        return replace(state, status=RESOLVED)
    if state.status == RAISED:
        return replace(state, status=WORKING)
    return state
