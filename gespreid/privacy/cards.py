"""Registrations of the privacy app: the retention job, audit labels and the leaders' menu item."""

from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import register_job, register_nav


def register():
    from gespreid.core.audit import register_action_label

    from .personal_data import apply_retention

    register_action_label("privacy.export", _("Eigen gegevens gedownload"))
    register_action_label("privacy.erase", _("Gegevens van een voormalig teamlid gewist"))
    register_action_label("privacy.retention", _("Bewaartermijnen aangepast"))
    register_job("privacy.retention", apply_retention)
    register_nav(_("Bewaartermijnen"), "privacy:retention-edit", order=95, leaders_only=True)
