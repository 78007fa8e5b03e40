"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "priorities.requirement_add": _("Gevraagde expertise toegevoegd aan een speerpunt"),
    "priorities.requirement_remove": _("Gevraagde expertise weggehaald bij een speerpunt"),
}
