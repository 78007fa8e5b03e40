"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "privacy.export": _("Eigen gegevens gedownload"),
    "privacy.erase": _("Gegevens van een voormalig teamlid gewist"),
    "privacy.retention": _("Bewaartermijnen aangepast"),
}
