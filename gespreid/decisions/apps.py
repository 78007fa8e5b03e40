from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "gespreid.decisions"
    verbose_name = _("Samen besluiten")

    def ready(self):
        from gespreid.core.registry import register_card, register_job, register_nav

        from . import cards, consent

        register_card(cards.open_rounds_card, order=20)
        register_card(cards.recent_decisions_card, order=60)
        register_card(cards.reviews_due_card, order=65)
        register_nav(_("Besluiten"), "decisions:proposal-list", order=60)
        register_job("decisions.close_due_rounds", consent.close_due_rounds)
        register_job("decisions.send_reminders", consent.send_reminders)
