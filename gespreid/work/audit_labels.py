"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "work.allocation_run": _("Voorstel voor de taakverdeling berekend"),
    "work.assignment_added": _("Taak toegewezen"),
    "work.assignment_removed": _("Taak weggehaald"),
    "work.budget_saved": _("Urenbudget opgeslagen"),
    "work.exclusion_removed": _("Uitsluiting weggehaald"),
    "work.plan_adopted": _("Werkverdelingsplan vastgesteld"),
    "work.plan_consultation": _("Werkverdelingsplan voorgelegd aan het team"),
    "work.plan_pmr_consent": _("Instemming van de PMR vastgelegd"),
    "work.plan_reopened": _("Werkverdelingsplan heropend"),
    "work.plan_shared": _("Werkverdelingsplan gedeeld met het team"),
    "work.plan_text": _("Afspraken in het werkverdelingsplan gewijzigd"),
    "work.role_deleted": _("Rol verwijderd"),
    "work.role_saved": _("Rol opgeslagen"),
    "work.settings_saved": _("Instellingen voor taken gewijzigd"),
    "work.task_restored": _("Taak teruggezet"),
    "work.task_retired": _("Taak uit gebruik"),
    "work.consultation_closed_early": _("Raadpleging van het team eerder gesloten"),
    "work.over_budget_confirmed": _("Meer uren dan het budget bevestigd"),
}
