from django.apps import AppConfig


class SetupConfig(AppConfig):
    """The platform's set-up: boards, schools, their first leader and school years (/beheer/, /bestuur/<board>/)."""

    name = "gespreid.setup"
    verbose_name = "Gespreid: inrichting"
