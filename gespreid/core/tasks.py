"""Background tasks (django-tasks; run by ``manage.py db_worker``, which ``make run`` starts).

- ``send_outbox``: sends the mails that are due (core.outbox);
- ``run_job``: one scheduled job in one slot (core.scheduler), retried with back-off, then *failed*;
- ``run_background_job``: work a person waits for, such as a solve (core.background).
"""

from django_tasks import task


@task()
def send_outbox() -> dict:
    from . import outbox

    return outbox.send_all_due()


@task()
def run_job(run_id: int) -> str:
    from . import scheduler

    return scheduler.run(run_id)


@task()
def run_background_job(job_id: int) -> str:
    from . import background

    return background.run(job_id)
