"""Plain-language names of this app's audit-log actions (found by ``core.audit.action_label``)."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "learning.kijkwijzer_create": _("Kijkwijzer gemaakt"),
    "learning.kijkwijzer_update": _("Kijkwijzer gewijzigd"),
    "learning.request_share": _("Wat een vraag opleverde gedeeld"),
    "learning.visit_share": _("Wat een lesbezoek opleverde gedeeld"),
}
