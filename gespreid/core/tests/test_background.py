"""Background work on django-tasks' database backend: the worker, the scheduler, crashed workers, retries."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gespreid.core import background, registry, scheduler
from gespreid.core.models import BackgroundJob, JobRun
from gespreid.core.notify import notify

# The worker closes its database connection between tasks, as it should in production. Inside a test's
# rolled-back transaction that would end the transaction on PostgreSQL, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def db_tasks(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work():
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_mail_waits_for_the_worker_and_is_sent_once(db_tasks, school, member):
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    assert mail.outbox == [] and DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    work()
    assert len(mail.outbox) == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
    work()
    assert len(mail.outbox) == 1


def test_one_scheduler_wins_each_slot_even_on_many_hosts(db_tasks):
    calls = []
    registry.register_job("test.count", lambda: calls.append(1) or "geteld")
    try:
        now = timezone.now()
        assert "test.count" in scheduler.tick(now=now, only="test.count")
        assert scheduler.tick(now=now, only="test.count") == []  # a second host, same slot
        work()
        assert calls == [1]
        assert JobRun.objects.get(name="test.count").status == "done"
        # The next slot runs it again.
        assert scheduler.tick(now=now + timedelta(minutes=5), only="test.count") == ["test.count"]
        work()
        assert calls == [1, 1]
    finally:
        registry._jobs.pop("test.count")


def test_a_failing_job_is_retried_then_shown_to_the_platform_admin(db_tasks, client, django_user_model):
    def broken():
        raise ValueError("kapot")

    registry.register_job("test.broken", broken)
    try:
        scheduler.tick(only="test.broken")
        run = JobRun.objects.get(name="test.broken")
        for _attempt in range(scheduler.MAX_ATTEMPTS):
            work()
            DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run.refresh_from_db()
        assert run.status == "failed" and run.attempts == scheduler.MAX_ATTEMPTS and "kapot" in run.result
    finally:
        registry._jobs.pop("test.broken")
    admin = django_user_model.objects.create_user(email="admin@platform.test", name="Admin", is_staff=True)
    client.force_login(admin)
    assert "test.broken" in client.get(reverse("setup:jobs-failed")).content.decode()


def test_a_task_left_running_by_a_crashed_worker_runs_again(db_tasks, school, member):
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    task = DBTaskResult.objects.get()
    task.claim("crashed-worker")  # ... and the worker process dies
    work()
    assert mail.outbox == []
    scheduler.reap_stale_tasks(now=timezone.now() + timedelta(minutes=31))
    work()
    assert len(mail.outbox) == 1


def test_leader_starts_a_solve_sees_progress_and_the_result(db_tasks, leader_client, school, leader):
    from gespreid.work.models import Plan

    plan_url = reverse("work:plan-detail", args=[school.slug])
    leader_client.get(plan_url)  # the plan is made on the first visit
    assert leader_client.post(reverse("work:plan-solve", args=[school.slug])).status_code == 302
    job = BackgroundJob.objects.get(kind="work.solve")
    assert job.status == "queued" and job.started_by == leader
    page = leader_client.get(plan_url).content.decode()
    status_url = reverse("core:job-status", args=[school.slug, job.pk])
    assert f'hx-get="{status_url}"' in page  # the page polls while the solve waits or runs
    # A second click while it waits starts no second solve.
    leader_client.post(reverse("work:plan-solve", args=[school.slug]))
    assert BackgroundJob.objects.filter(kind="work.solve").count() == 1
    work()
    job.refresh_from_db()
    assert job.status == "done" and job.progress == 100 and "voorstel" in job.message.lower()
    assert Plan.objects.get(pk=job.target_id).solved_at is not None
    poll = leader_client.get(status_url, headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true" and "hx-get" not in poll.content.decode()
    assert job.message in leader_client.get(plan_url).content.decode()  # coming back later: still there


def test_a_failing_background_job_is_retried_then_shows_its_failure(db_tasks, school, leader):
    attempts = []

    def broken(job, report):
        attempts.append(1)
        raise RuntimeError("solver weg")

    background.register("test.broken", broken)
    job = background.start(school, leader, "test.broken")
    for _attempt in range(background.MAX_ATTEMPTS):
        work()
    job.refresh_from_db()
    assert len(attempts) == background.MAX_ATTEMPTS and job.status == "failed" and "solver weg" in job.message


def test_job_status_is_for_the_school_only(school, leader, outsider_client, member_client):
    job = BackgroundJob.objects.create(school=school, started_by=leader, kind="work.solve")
    url = reverse("core:job-status", args=[school.slug, job.pk])
    assert outsider_client.get(url).status_code == 404
    assert member_client.get(url).status_code == 200
