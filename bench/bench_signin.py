"""Sign-in, outbox and task queue figures (issue 18).

- ``login_oidc_ms``: the whole OpenID Connect round trip in-process (our login button, the provider
  on 127.0.0.1 — oidc-provider-mock —, the callback with token and userinfo requests, the session);
- ``outbox_send_per_s``: 1,000 queued mails sent to a local SMTP server (aiosmtpd on 127.0.0.1);
- ``task_queue_latency_ms``: enqueue to start on an idle ``db_worker`` (polling every 0.2 s, as ``make run``).
"""

import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit

from django.test import Client
from django.test.utils import override_settings

from bench.common import ROOT, emit

OIDC_PORT, SMTP_PORT = 8831, 8826


def _people():
    from django.contrib.auth import get_user_model

    from gespreid.accounts.models import SignInMethod
    from gespreid.core.models import Board, Membership, School

    board, _ = Board.objects.get_or_create(slug="bench-signin", defaults={"name": "Bench sign-in"})
    school, _ = School.objects.get_or_create(
        slug="bench-signin-school", defaults={"board": board, "name": "Bench sign-in", "brin": "97ZS"}
    )
    user, _ = get_user_model().objects.get_or_create(email="sso@bench.test", defaults={"name": "SSO Bench"})
    Membership.objects.get_or_create(user=user, school=school)
    SignInMethod.objects.get_or_create(board=board, provider="benchop", defaults={"allowed_domains": "bench.test"})
    return user, school


def login_oidc(rounds: int = 20):
    import oidc_provider_mock
    import requests
    from allauth.socialaccount.models import SocialApp
    from django.urls import reverse

    user, _school = _people()
    with oidc_provider_mock.run_server_in_thread(port=OIDC_PORT) as server:
        issuer = f"http://127.0.0.1:{server.server_port}"
        SocialApp.objects.update_or_create(
            provider="openid_connect",
            provider_id="benchop",
            defaults={"name": "Bench-OP", "client_id": "bench", "secret": "x", "settings": {"server_url": issuer}},
        )
        requests.put(f"{issuer}/users/bench-sub", json={"email": user.email, "email_verified": True}, timeout=5)
        timings = []
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, REQUIRE_SECOND_FACTOR=False):
            for _ in range(rounds + 2):
                client = Client()
                started = time.perf_counter()
                start = client.post(reverse("openid_connect_login", args=["benchop"]))
                at_provider = requests.post(start["Location"], data={"sub": "bench-sub"}, allow_redirects=False)
                back = urlsplit(at_provider.headers["Location"])
                done = client.get(f"{back.path}?{back.query}")
                timings.append((time.perf_counter() - started) * 1000)
                assert done.status_code == 302 and "_auth_user_id" in client.session, done.status_code
    value = round(statistics.median(timings[2:]), 1)
    emit("login_oidc_ms", value, "ms", "median of 20 round trips (provider on 127.0.0.1)")


class _Inbox:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        return "250 OK"


def outbox_send(n: int = 1000):
    from aiosmtpd.controller import Controller

    from gespreid.core import outbox
    from gespreid.core.models import OutboxMail

    user, school = _people()
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=SMTP_PORT,
            EMAIL_USE_TLS=False,
            TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
        ):
            # The whole outbox: the other benches' mails (invitations, notifications) would be sent too.
            OutboxMail.objects.all().delete()
            outbox.queue_many([(f"p{i}@bench.test", user) for i in range(n)], "Bench", "Een bericht", school=school)
            started = time.perf_counter()
            counts = outbox.send_all_due()
            seconds = time.perf_counter() - started
    finally:
        controller.stop()
    assert counts["sent"] == n and inbox.count == n, (counts, inbox.count)
    emit("outbox_send_per_s", round(n / seconds, 1), "mails/s", f"{n} mails to aiosmtpd on 127.0.0.1")


def task_latency(rounds: int = 20):
    from django_tasks_db.models import DBTaskResult

    from gespreid.core.tasks import send_outbox

    DBTaskResult.objects.all().delete()
    env = {**os.environ}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "-v0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(2)  # the worker is up and idle
        latencies = []
        for _ in range(rounds):
            result = send_outbox.enqueue()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                row = DBTaskResult.objects.filter(pk=result.id).values("enqueued_at", "started_at").first()
                if row and row["started_at"]:
                    latencies.append((row["started_at"] - row["enqueued_at"]).total_seconds() * 1000)
                    break
                time.sleep(0.02)
            time.sleep(0.3)
    finally:
        worker.terminate()
        worker.wait(10)
    assert len(latencies) >= rounds // 2, latencies
    emit("task_queue_latency_ms", round(statistics.median(latencies), 1), "ms", "idle db_worker polling every 0.2 s")


def run():
    login_oidc()
    outbox_send()
    task_latency()
