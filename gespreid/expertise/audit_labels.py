"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "expertise.area_add": _("Expertisegebied toegevoegd"),
    "expertise.area_rename": _("Expertisegebied hernoemd"),
    "expertise.area_restore": _("Expertisegebied teruggezet"),
    "expertise.area_retire": _("Expertisegebied uit gebruik"),
    "expertise.domain_add": _("Domein toegevoegd"),
    "expertise.entry_remove": _("Expertise verwijderd uit een profiel"),
    "expertise.entry_save": _("Expertise opgeslagen in een profiel"),
    "expertise.profile_confirm": _("Profiel bevestigd"),
    "expertise.profile_copy": _("Profiel overgenomen van vorig jaar"),
    "expertise.profile_save": _("Profiel opgeslagen"),
    "expertise.round_start": _("Inventarisatieronde gestart"),
    "expertise.round_remind": _("Herinnering inventarisatieronde"),
    "expertise.round_close": _("Inventarisatieronde gesloten"),
    "expertise.suggest": _("Expertise voorgesteld"),
    "expertise.suggestion_accepted": _("Voorstel voor expertise overgenomen"),
    "expertise.suggestion_declined": _("Voorstel voor expertise afgewezen"),
}
