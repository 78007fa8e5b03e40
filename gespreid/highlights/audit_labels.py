"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "highlights.submit": _("Highlight ingediend"),
    "highlights.resubmit": _("Aangepaste highlight ingediend"),
    "highlights.claim": _("Highlight opgepakt om te beoordelen"),
    "highlights.release": _("Beoordeling van een highlight losgelaten"),
    "highlights.approve": _("Highlight goedgekeurd"),
    "highlights.publish": _("Highlight gepubliceerd"),
    "highlights.take_offline": _("Highlight offline gehaald"),
    "highlights.delete": _("Highlight verwijderd"),
    "highlights.moderators": _("Moderatoren gewijzigd"),
}
