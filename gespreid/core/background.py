"""Work a person starts and waits for (e.g. the allocation solve), run by a worker, shown by htmx polling.

An app registers what a kind of job does: ``register("work.solve", func)``, where
``func(job, report)`` does the work and returns the message to show; ``report(percent, message)``
updates the progress the page polls. ``start(...)`` writes the job row and enqueues it in one
transaction. A job that raises is tried again (twice), then shows its failure on the page.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import school_cache
from .models import BackgroundJob

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
_kinds: dict[str, Callable] = {}


def register(kind: str, func: Callable) -> None:
    _kinds[kind] = func


def latest(school, kind: str, target_id) -> BackgroundJob | None:
    return school.background_jobs.filter(kind=kind, target_id=target_id).first()


def start(school, user, kind: str, target_id=None) -> BackgroundJob:
    """Start a job unless the same one is still queued or running (then that one is returned)."""
    from .tasks import run_background_job

    with transaction.atomic():
        running = school.background_jobs.filter(kind=kind, target_id=target_id, status__in=["queued", "running"])
        job = running.first()
        if job is not None:
            return job
        job = BackgroundJob.objects.create(
            school=school, started_by=user, kind=kind, target_id=target_id, message=_("In de wachtrij")
        )
        run_background_job.enqueue(job.pk)
    job.refresh_from_db()
    return job


def run(job_id: int) -> str:
    from .tasks import run_background_job

    job = BackgroundJob.objects.filter(pk=job_id).select_related("school", "started_by").first()
    if job is None or job.is_finished:
        return "niets te doen"
    func = _kinds.get(job.kind)
    job.attempts += 1
    job.status, job.started_at, job.progress = "running", timezone.now(), 0
    job.save(update_fields=["attempts", "status", "started_at", "progress"])

    def report(percent: int, message: str = "") -> None:
        BackgroundJob.objects.filter(pk=job.pk).update(progress=max(0, min(100, percent)), message=message[:300])

    try:
        if func is None:
            raise LookupError(f"no background job kind {job.kind}")
        message = func(job, report)
    except Exception as error:
        log.exception("Background job %s failed", job.kind)
        retry = job.attempts < MAX_ATTEMPTS
        BackgroundJob.objects.filter(pk=job.pk).update(
            status="queued" if retry else "failed",
            message=(
                _("Mislukt; het wordt opnieuw geprobeerd.") if retry else _("Mislukt: %(error)s") % {"error": error}
            )[:300],
            finished_at=None if retry else timezone.now(),
        )
        if retry:
            run_background_job.enqueue(job.pk)
        school_cache.school_changed(job.school_id)
        return "mislukt"
    BackgroundJob.objects.filter(pk=job.pk).update(
        status="done", progress=100, message=str(message or _("Klaar"))[:300], finished_at=timezone.now()
    )
    school_cache.school_changed(job.school_id)  # what the job wrote shows on the school's pages
    return "klaar"
