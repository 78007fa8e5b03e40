"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "climate.round_create": _("Vertrouwenspeiling aangemaakt"),
    "climate.round_update": _("Vertrouwenspeiling gewijzigd"),
    "climate.round_close": _("Vertrouwenspeiling gesloten"),
    "climate.focus_add": _("Focuspunt toegevoegd"),
    "climate.focus_update": _("Focuspunt bijgewerkt"),
    "climate.settings": _("Instellingen voor de vertrouwenspeiling gewijzigd"),
    "climate.statement_add": _("Stelling toegevoegd"),
    "climate.statement_toggle": _("Stelling aan- of uitgezet"),
}
