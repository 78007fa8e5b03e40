from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from gespreid.core.demo_data import build_core


class Command(BaseCommand):
    help = "Maak (of vernieuw) het fictieve demobestuur met twee scholen. Alleen voor ontwikkeling."

    def add_arguments(self, parser):
        parser.add_argument("--password", default="demo", help="wachtwoord voor alle demo-accounts (standaard: demo)")

    def handle(self, *args, password, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo draait nooit in productie (alleen met GESPREID_DEV=1).")
        # The demo sends no e-mail: notifications it triggers stay in memory, not on the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            demo = build_core(password)
            for app in settings.GESPREID_APPS:
                if app != "gespreid.core" and find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(demo)
        self.stdout.write(f"Demo klaar. Log in op http://127.0.0.1:8000 met wachtwoord '{password}' als:")
        for email, role in [
            ("leider@demo.test", "schoolleider van De Vlinderboom"),
            ("tl@demo.test", "teamlid en teacher leader, De Vlinderboom"),
            ("lid@demo.test", "teamlid, De Vlinderboom"),
            ("anders@demo.test", "teamlid van De Regenboog"),
            ("bestuur@demo.test", "bestuurder en beheerder van Stichting Kompas Onderwijs"),
            ("beheer@demo.test", "beheerder van het platform (besturen en scholen opzetten: /beheer/)"),
        ]:
            self.stdout.write(f"  {email:22} {role}")
