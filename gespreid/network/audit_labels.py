"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "network.round_open": _("Netwerkronde geopend"),
    "network.round_close": _("Netwerkronde gesloten"),
    "network.contact_delete": _("Contact buiten school verwijderd"),
}
