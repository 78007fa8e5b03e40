from django.apps import AppConfig


class InnovationsConfig(AppConfig):
    name = "gespreid.innovations"
