"""Registrations of the privacy app: the retention job and the erase panel on a team member's page."""

from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Panel, register_job, register_nav, register_panel


def erase_panel(request, person):
    if not request.membership.can_manage or person.is_active:
        return None
    return Panel("privacy/_erase_panel.html", {"person": person})


def register():
    from gespreid.core.audit import register_action_label

    from .personal_data import apply_retention

    register_action_label("privacy.export", _("Eigen gegevens gedownload"))
    register_action_label("privacy.erase", _("Gegevens van een voormalig teamlid gewist"))
    register_action_label("privacy.retention", _("Bewaartermijnen aangepast"))
    register_job("privacy.retention", apply_retention)
    register_panel("core.member", erase_panel)
    register_nav(_("Bewaartermijnen"), "privacy:retention-edit", order=95, leaders_only=True)
