"""Issue 13.4 and 13.5: one subject builder, a mail timeout, and scheduled jobs isolated per school."""

import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gespreid.core import registry
from gespreid.core.notify import SUBJECT_LIMIT, mail_subject, notify


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gewoon", "Gewoon"),
        ("Een\nregel\r\nerbij", "Een regel erbij"),
        ("Tab\tnul\x00lijn\u2028para\u2029", "Tab nul lijn para"),
        ("  ruimte   veel  ", "ruimte veel"),
    ],
)
def test_mail_subject_takes_out_everything_that_breaks_a_header(text, expected):
    assert mail_subject(text) == expected


def test_mail_subject_is_cut_short():
    subject = mail_subject("woord " * 100)
    assert len(subject) == SUBJECT_LIMIT and subject.endswith("…")


def test_notify_mails_a_subject_with_a_line_break_through_real_smtp(local_smtp, school, member):
    notify(school, [member], "Bericht", "/x/", email_subject="Over\n“Bcc: x@y.test”")
    assert len(local_smtp.messages) == 1
    assert local_smtp.messages[0]["Subject"] == "Over “Bcc: x@y.test”"


def test_a_mail_server_that_never_answers_does_not_hang_the_request(settings):
    """A server that accepts the connection and stays silent: the SMTP backend gives up after EMAIL_TIMEOUT."""
    from django.core.mail import send_mail

    listener = socket.socket()
    listener.bind(("127.0.0.1", 8326))
    listener.listen(5)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 8326
    settings.EMAIL_TIMEOUT = 1
    done = threading.Event()
    thread = threading.Thread(
        target=lambda: (send_mail("Onderwerp", "tekst", None, ["a@b.test"], fail_silently=True), done.set()),
        daemon=True,
    )
    started = time.monotonic()
    thread.start()
    try:
        assert done.wait(8), "the mail send still hangs"
        assert time.monotonic() - started < 5
    finally:
        listener.close()


def test_the_default_settings_set_a_mail_timeout():
    from django.conf import settings

    assert 0 < settings.EMAIL_TIMEOUT <= 30


def test_run_scheduled_runs_each_school_on_its_own(school, other_school, caplog):
    seen = []

    def job(school=None):
        if school.slug == "de-linde":
            raise RuntimeError("kapot")
        seen.append(school.slug)
        return 1

    registry.register_job("test.flaky", job)
    try:
        with pytest.raises(CommandError, match="test.flaky"):
            call_command("run_scheduled", only="test.flaky")
    finally:
        registry._jobs.pop("test.flaky")
    assert seen == ["het-anker"]
    assert "de-linde" in caplog.text and "kapot" in caplog.text


def test_a_job_without_school_runs_once_and_its_failure_stops_no_other_job(school, caplog):
    ran = []
    registry.register_job("test.a_broken", lambda: 1 / 0)
    registry.register_job("test.b_fine", lambda: ran.append(1))
    try:
        with pytest.raises(CommandError):
            call_command("run_scheduled")
    finally:
        registry._jobs.pop("test.a_broken")
        registry._jobs.pop("test.b_fine")
    assert ran == [1]
