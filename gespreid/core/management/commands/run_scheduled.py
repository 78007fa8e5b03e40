import inspect
import logging

from django.core.management.base import BaseCommand, CommandError

from gespreid.core.models import School
from gespreid.core.registry import jobs

logger = logging.getLogger("gespreid.scheduled")


def _per_school(func) -> bool:
    try:
        return "school" in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


class Command(BaseCommand):
    help = "Voer alle geplande taken uit (herinneringen, rondes sluiten, ...). Draai elke 5–15 minuten via cron."

    def add_arguments(self, parser):
        parser.add_argument("--only", help="alleen deze taak")

    def handle(self, *args, only=None, **options):
        """Each job runs per school (a job that takes ``school=``), each run on its own: one school whose
        job fails is logged and never stops the other schools or the other jobs. The command fails at the
        end if anything failed, so cron reports it."""
        schools = list(School.objects.order_by("pk"))
        failures = []
        for name, func in sorted(jobs().items()):
            if only and name != only:
                continue
            runs = [(school, {"school": school}) for school in schools] if _per_school(func) else [(None, {})]
            results = []
            for school, kwargs in runs:
                try:
                    result = func(**kwargs)
                except Exception:
                    where = school.slug if school is not None else "-"
                    logger.exception("Geplande taak %s faalde voor school %s", name, where)
                    failures.append(f"{name} ({where})")
                    continue
                if result is not None:
                    results.append(result)
            self.stdout.write(f"{name}: {_summary(results)}")
        if failures:
            raise CommandError("Mislukt: " + ", ".join(failures))


def _summary(results) -> str:
    if results and all(isinstance(r, int) for r in results):
        return str(sum(results))
    return "; ".join(str(r) for r in results if r not in ("", 0)) or "klaar"
