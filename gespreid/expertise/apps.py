from django.apps import AppConfig


class ExpertiseConfig(AppConfig):
    name = "gespreid.expertise"
