from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "gespreid.innovations"
    verbose_name = _("Innovaties")

    def ready(self):
        from gespreid.core.registry import register_card, register_job, register_nav

        from . import cards, trajectories

        register_card(cards.open_check_in_card, order=25)
        register_card(cards.due_reviews_card, order=35)
        register_card(cards.trajectories_card, order=45)
        register_nav(_("Innovaties"), "innovations:trajectory-list", order=45)
        register_job("innovations.close_due_check_ins", trajectories.close_due_check_ins)
        register_job("innovations.remind_due_reviews", trajectories.remind_due_reviews)
