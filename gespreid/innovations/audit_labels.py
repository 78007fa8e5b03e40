"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "innovations.create": _("Innovatie gemaakt"),
    "innovations.edit": _("Innovatie gewijzigd"),
    "innovations.milestone": _("Mijlpaal opgeslagen"),
    "innovations.phase": _("Fase van een innovatie gewijzigd"),
    "innovations.fase": _("Fase van een innovatie gewijzigd"),
    "innovations.vertragen": _("Innovatie vertraagd"),
    "innovations.versnellen": _("Innovatie weer op tempo"),
    "innovations.checkin_open": _("Check-in geopend"),
    "innovations.checkin_close": _("Check-in gesloten"),
    "innovations.embedding": _("Borging vastgelegd"),
    "innovations.review": _("Borging opnieuw bekeken"),
}
