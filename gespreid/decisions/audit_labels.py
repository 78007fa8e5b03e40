"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "decisions.proposal_created": _("Voorstel gemaakt"),
    "decisions.version_saved": _("Voorsteltekst opgeslagen"),
    "decisions.round_opened": _("Ronde geopend"),
    "decisions.round_closing_changed": _("Sluitdatum van een ronde gewijzigd"),
    "decisions.round_closed": _("Ronde gesloten"),
    "decisions.responded": _("Gereageerd in een ronde"),
    "decisions.settings_changed": _("Instellingen voor besluiten gewijzigd"),
    "decisions.objection_work": _("Bezwaar in behandeling genomen"),
    "decisions.objection_answer": _("Bezwaar beantwoord met een nieuwe versie"),
    "decisions.objection_author_confirm": _("Indiener: bezwaar verwerkt"),
    "decisions.objection_objector_confirm": _("Bezwaar opgelost volgens wie het maakte"),
    "decisions.objection_withdraw": _("Bezwaar ingetrokken"),
    "decisions.objection_not_adopt": _("Voorstel niet aangenomen na bezwaar"),
}
