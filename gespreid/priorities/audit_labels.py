"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "priorities.requirement_add": _("Gevraagde expertise toegevoegd aan een speerpunt"),
    "priorities.requirement_remove": _("Gevraagde expertise weggehaald bij een speerpunt"),
    "priorities.gap_route": _("Route gekozen voor een tekort aan expertise"),
    "priorities.gap_route_cleared": _("Route voor een tekort aan expertise weggehaald"),
    "priorities.vacancy_draft": _("Concept voor een vacature gemaakt"),
}
