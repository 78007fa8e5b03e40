import time

from django.core.management.base import BaseCommand, CommandError

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
                self._run_inline(only)
            else:
                started = scheduler.tick(only=only)
                self.stdout.write(f"in de wachtrij: {', '.join(started) or 'niets (al gedaan in dit tijdvak)'}")
            if not loop:
                return
            time.sleep(loop)

    def _run_inline(self, only):
        """Each job per school, each run on its own (scheduler.run_per_school); fails at the end if any failed."""
        failures = []
        for name, func in sorted(jobs().items()):
            if only and name != only:
                continue
            try:
                self.stdout.write(f"{name}: {scheduler.run_per_school(name, func)}")
            except scheduler.SchoolJobsFailed as error:
                failures.append(str(error))
        if failures:
            raise CommandError("Mislukt: " + "; ".join(failures))
