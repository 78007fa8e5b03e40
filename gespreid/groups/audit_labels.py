"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "groups.create": _("Werkgroep gemaakt"),
    "groups.edit": _("Werkgroep gewijzigd"),
    "groups.entry": _("Stap in de onderzoekscyclus vastgelegd"),
    "groups.action": _("Actie van een werkgroep bijgewerkt"),
    "groups.join": _("Lid geworden van een werkgroep"),
    "groups.leave": _("Werkgroep verlaten"),
    "groups.members": _("Leden van een werkgroep gewijzigd"),
    "groups.meeting": _("Overleg vastgelegd"),
    "groups.stage": _("Fase van een werkgroep gewijzigd"),
}
