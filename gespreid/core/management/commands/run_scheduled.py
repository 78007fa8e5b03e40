import time

from django.core.management.base import BaseCommand

from gespreid.core import scheduler
from gespreid.core.registry import jobs


class Command(BaseCommand):
    help = (
        "Zet de geplande taken (herinneringen, rondes sluiten, e-mail, ...) in de wachtrij van de worker, "
        "één keer per tijdvak, ook als meerdere servers dit draaien. Draai elke 5 minuten via cron, of met --loop."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", help="alleen deze taak")
        parser.add_argument("--inline", action="store_true", help="voer de taken hier uit, zonder worker")
        parser.add_argument("--loop", type=int, default=0, help="blijf draaien; elke zoveel seconden een ronde")

    def handle(self, *args, only=None, inline=False, loop=0, **options):
        while True:
            if inline:
                for name, func in sorted(jobs().items()):
                    if only and name != only:
                        continue
                    result = func()
                    self.stdout.write(f"{name}: {result if result is not None else 'klaar'}")
            else:
                started = scheduler.tick(only=only)
                self.stdout.write(f"in de wachtrij: {', '.join(started) or 'niets (al gedaan in dit tijdvak)'}")
            if not loop:
                return
            time.sleep(loop)
