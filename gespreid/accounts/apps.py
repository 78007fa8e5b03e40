from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gespreid.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import note_at_login

        user_logged_in.connect(note_at_login, dispatch_uid="gespreid.second_factor")
