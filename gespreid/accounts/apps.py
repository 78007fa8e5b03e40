from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gespreid.accounts"
    verbose_name = "Accounts"
