"""The scheduler: enqueue every registered job once per time slot, safely from any number of hosts.

``tick()`` is what ``manage.py run_scheduled`` does every few minutes (cron, or ``--loop`` in
``make run``). For each job (``core.registry.register_job``) it inserts a ``JobRun`` row for the
current slot; the unique constraint on (name, slot) lets exactly one host win, and only the winner
enqueues the job. A failing job is tried again with back-off (three times), then stays *failed* and
shows on /beheer/taken/. Each tick also hands tasks left "running" by a crashed worker back to the
queue, and mails left "sending" back to the outbox.
"""

import inspect
import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import school_cache
from .models import JobRun
from .registry import jobs

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3


def current_slot(now=None) -> int:
    now = now or timezone.now()
    minutes = int(now.timestamp() // 60)
    return minutes - minutes % max(settings.SCHEDULER_MINUTES, 1)


def tick(now=None, only: str | None = None) -> list[str]:
    """Enqueue the jobs of this slot that no other host enqueued yet; returns their names."""
    from .tasks import run_job

    slot = current_slot(now)
    started = []
    for name in sorted(jobs()):
        if only and name != only:
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(name=name, slot=slot)
                run_job.enqueue(run.pk)
        except IntegrityError:
            continue  # another scheduler took this slot
        started.append(name)
    reap_stale_tasks(now)
    return started


class SchoolJobsFailed(Exception):
    """Some schools' runs of a job failed (each is logged); the others went through."""


def _per_school(func) -> bool:
    try:
        return "school" in inspect.signature(func).parameters
    except (TypeError, ValueError):
        return False


def run_per_school(name: str, func) -> str:
    """Run a job: once per school when it takes ``school=``, each run on its own, so one school whose job
    fails is logged and never stops the other schools. Raises SchoolJobsFailed at the end if any failed."""
    from .models import School

    if not _per_school(func):
        result = func()
        if result:
            school_cache.school_changed(*School.objects.values_list("pk", flat=True))
        return _summary([result])
    results, failures = [], []
    for school in School.objects.order_by("pk"):
        try:
            result = func(school=school)
        except Exception as error:
            log.exception("Geplande taak %s faalde voor school %s", name, school.slug)
            failures.append(f"{school.slug} ({type(error).__name__}: {error})")
            continue
        if result:  # it did something: the school's pages show it (queryset updates send no signal)
            school_cache.school_changed(school.pk)
        if result is not None:
            results.append(result)
    if failures:
        raise SchoolJobsFailed(f"{name}: mislukt voor {', '.join(failures)}")
    return _summary(results)


def _summary(results) -> str:
    results = [r for r in results if r is not None]
    if results and all(isinstance(r, int) for r in results):
        return str(sum(results))
    return "; ".join(str(r) for r in results if r not in ("", 0)) or "klaar"


def run(run_id: int) -> str:
    """Run one job of one slot (inside a worker). A job that raises is retried, then marked failed."""
    from .tasks import run_job

    run = JobRun.objects.filter(pk=run_id).first()
    func = jobs().get(run.name) if run else None
    if run is None or func is None or run.status == "done":
        return "niets te doen"
    JobRun.objects.filter(pk=run.pk).update(status="running", attempts=run.attempts + 1)
    try:
        result = run_per_school(run.name, func)
    except Exception as error:
        log.exception("Scheduled job %s failed", run.name)
        attempts = run.attempts + 1
        failed = attempts >= MAX_ATTEMPTS
        JobRun.objects.filter(pk=run.pk).update(
            status="failed" if failed else "queued", result=f"{type(error).__name__}: {error}"[:300]
        )
        if not failed and run_job.get_backend().supports_defer:
            run_job.using(run_after=timezone.now() + timedelta(minutes=2**attempts)).enqueue(run.pk)
        return "mislukt"
    text = str(result if result is not None else "klaar")[:300]
    JobRun.objects.filter(pk=run.pk).update(status="done", result=text, finished_at=timezone.now())
    return text


def reap_stale_tasks(now=None) -> int:
    """Tasks a crashed worker left RUNNING go back to READY; mails it left 'sending' go back to pending."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from . import outbox

    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.TASK_STALE_MINUTES)
    reaped = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff).update(
        status=TaskResultStatus.READY, started_at=None, run_after=timezone.now()
    )
    outbox.release_stale(now)
    return reaped


def failed_runs():
    return JobRun.objects.filter(status="failed")
