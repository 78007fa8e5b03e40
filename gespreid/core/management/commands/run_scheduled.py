from django.core.management.base import BaseCommand

from gespreid.core.registry import jobs


class Command(BaseCommand):
    help = "Voer alle geplande taken uit (herinneringen, rondes sluiten, ...). Draai elke 5–15 minuten via cron."

    def add_arguments(self, parser):
        parser.add_argument("--only", help="alleen deze taak")

    def handle(self, *args, only=None, **options):
        for name, func in sorted(jobs().items()):
            if only and name != only:
                continue
            result = func()
            self.stdout.write(f"{name}: {result if result is not None else 'klaar'}")
