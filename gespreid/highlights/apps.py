from django.apps import AppConfig


class HighlightsConfig(AppConfig):
    name = "gespreid.highlights"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from gespreid.core.registry import register_card, register_nav

        from .cards import latest_card, queue_card

        register_card(queue_card, order=15)
        register_card(latest_card, order=700)
        register_nav(_("Highlights"), "highlights:feed", order=800)
