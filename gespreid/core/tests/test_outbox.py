"""The outbox against a real SMTP server on 127.0.0.1 (aiosmtpd), down for a while and then up."""

import email
import re
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gespreid.core import outbox
from gespreid.core.models import MailMode, MailPreference, Notification, OutboxMail, OutboxStatus
from gespreid.core.notify import notify

SMTP_PORT = 8825


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", SMTP_PORT, 2
    return settings


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    yield controller, inbox
    try:
        controller.stop()
    except AssertionError:  # already stopped by the test
        pass


def _subjects(inbox):
    return sorted(str(email.header.make_header(email.header.decode_header(m["Subject"]))) for m in inbox.messages)


def test_server_down_then_up_loses_nothing_and_sends_nothing_twice(
    school, leader, member, teacher_leader, smtp_settings, smtp_server
):
    controller, inbox = smtp_server
    # The server is down: the change commits, the mails wait in the outbox.
    notify(school, [leader, member, teacher_leader], "Er is een nieuw voorstel", "/de-linde/", email_subject="Voorstel")
    assert OutboxMail.objects.filter(status=OutboxStatus.PENDING, attempts=1).count() == 3
    assert "ConnectionRefusedError" in OutboxMail.objects.first().last_error
    # Too early for the retry: nothing happens, and still nothing arrives while it is down.
    assert outbox.send_all_due() == {"sent": 0, "failed": 0}
    later = timezone.now() + timedelta(minutes=2)
    assert outbox.send_all_due(now=later) == {"sent": 0, "failed": 3}
    assert set(OutboxMail.objects.values_list("attempts", flat=True)) == {2}
    # The server comes up; the next runs (on any worker, as often as they like) send each mail once.
    controller.start()
    much_later = timezone.now() + timedelta(minutes=10)
    assert outbox.send_all_due(now=much_later) == {"sent": 3, "failed": 0}
    assert outbox.send_all_due(now=much_later) == {"sent": 0, "failed": 0}
    assert len(inbox.messages) == 3
    assert sorted(m["To"] for m in inbox.messages) == sorted([leader.email, member.email, teacher_leader.email])
    assert set(OutboxMail.objects.values_list("status", flat=True)) == {OutboxStatus.SENT}
    assert len({m["Message-ID"] for m in inbox.messages}) == 3


def test_each_mail_has_text_html_settings_link_and_list_unsubscribe(school, member, smtp_settings, smtp_server):
    controller, inbox = smtp_server
    controller.start()
    member.language = "en"
    member.save(update_fields=["language"])
    notify(school, [member], "Er is een nieuw voorstel", "/de-linde/besluiten/", email_subject="Voorstel\r\nBcc: x@y")
    (message,) = inbox.messages
    assert message["Subject"] == "Voorstel Bcc: x@y"  # one line: no header injection
    unsubscribe = " ".join(message["List-Unsubscribe"].split())
    assert unsubscribe.startswith("<http") and "/accounts/e-mail/uit/" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in message.walk() if not p.is_multipart()}
    assert "Er is een nieuw voorstel" in parts["text/plain"] and "/accounts/e-mail/" in parts["text/plain"]
    assert "Dear" in parts["text/plain"]  # the frame is in the person's language
    assert '<a href="http://127.0.0.1:8000/de-linde/besluiten/">' in parts["text/html"]


def test_a_rolled_back_change_sends_nothing(school, member, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(school, [member], "Bericht", email_subject="Onderwerp")
        assert DBTaskResult.objects.filter(task_path="gespreid.core.tasks.send_outbox").count() == 1
        raise RuntimeError
    # The mail, the notification and the task that would send it are gone together.
    assert not OutboxMail.objects.exists() and not Notification.objects.exists() and not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_two_workers_never_send_the_same_mail(school, member, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    now = timezone.now()
    first = outbox._claim(10, now)
    second = outbox._claim(10, now)  # a second worker at the same moment finds nothing to claim
    assert len(first) == 1 and second == []


def test_a_mail_left_sending_by_a_crashed_worker_is_sent_later(school, member, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    outbox._claim(10, timezone.now())  # ... and the worker dies
    assert outbox.send_all_due() == {"sent": 0, "failed": 0}
    assert outbox.send_all_due(now=timezone.now() + timedelta(minutes=31)) == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_platform_admin_sees_it_and_can_send_it_again(
    school, member, leader, client, django_user_model, smtp_settings, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    outbox.send_all_due(now=timezone.now() + timedelta(minutes=5))
    row = OutboxMail.objects.get()
    assert row.status == OutboxStatus.FAILED and row.attempts == 2
    admin = django_user_model.objects.create_user(email="admin@platform.test", name="Admin", is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("setup:mail-failed"))
    assert page.status_code == 200 and member.email in page.content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(reverse("setup:mail-retry", args=[row.pk])).status_code == 302
    row.refresh_from_db()
    assert row.status == OutboxStatus.SENT and len(mail.outbox) == 1


def test_only_the_platform_admin_sees_failed_mail(leader_client):
    assert leader_client.get(reverse("setup:mail-failed")).status_code == 404
    assert leader_client.get(reverse("setup:jobs-failed")).status_code == 404
    assert leader_client.post(reverse("setup:mail-retry", args=[1])).status_code == 404


def test_in_app_only_and_daily_digest(school, member, leader, settings):
    MailPreference.objects.create(user=member, kind="general", mode=MailMode.APP)
    MailPreference.objects.create(user=leader, kind="general", mode=MailMode.DIGEST)
    notify(school, [member, leader], "Eerste", email_subject="Eerste bericht")
    notify(school, [member, leader], "Tweede", email_subject="Tweede bericht")
    assert mail.outbox == [] and Notification.objects.count() == 4
    assert OutboxMail.objects.filter(user=leader, status=OutboxStatus.HELD).count() == 2
    settings.DIGEST_HOUR = 0
    assert outbox.send_digests() == 1
    assert outbox.send_digests() == 0  # a second scheduler run sends no second digest
    (digest,) = mail.outbox
    assert digest.to == [leader.email] and "Eerste bericht" in digest.body and "Tweede bericht" in digest.body


def test_invitations_and_password_mail_always_go_at_once(school, leader, member, django_capture_on_commit_callbacks):
    from gespreid.accounts.invitations import create_invitation

    MailPreference.objects.create(user=leader, kind="invitation", mode=MailMode.APP)
    create_invitation(leader, school, email="nieuw@linde.test", name="Nieuw")
    assert [m.to for m in mail.outbox] == [["nieuw@linde.test"]]
    assert "List-Unsubscribe" not in mail.outbox[0].extra_headers


def test_mail_settings_page_and_one_click_unsubscribe(member, member_client, client, school):
    url = reverse("core:mail-settings")
    assert member_client.get(url).status_code == 200
    every_kind = {kind: "immediate" for kind in outbox.KINDS}  # the page sends a choice for every kind
    assert member_client.post(url, {**every_kind, "general": "digest"}).status_code == 302
    assert MailPreference.objects.get(user=member, kind="general").mode == "digest"
    assert member_client.post(url, {**every_kind, "general": "nonsense"}).status_code == 400
    assert client.get(url).status_code == 302  # login first
    member_client.post(url, every_kind)
    # The link in the List-Unsubscribe header works without logging in (mail programs POST to it).
    notify(school, [member], "Bericht", email_subject="Onderwerp")
    link = re.search(r"<([^>]+)>", mail.outbox[0].extra_headers["List-Unsubscribe"]).group(1)
    path = link.split("8000", 1)[1]
    assert client.get(path).status_code == 200
    assert client.post(path, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert MailPreference.objects.get(user=member, kind="general").mode == MailMode.APP
    assert client.post(path[:-5] + "xxxx/").status_code == 404
