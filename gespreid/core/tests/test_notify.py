"""core.notify: notifications and their e-mail (an outbox row) in the caller's transaction.

The mail itself is sent by the worker, which only sees committed rows (django-tasks' database
backend); the tests run tasks at once, so here the outbox rows are what is checked.
"""

import pytest
from django.core import mail
from django.db import transaction

from gespreid.core.models import Notification, OutboxMail
from gespreid.core.notify import notify


def test_the_mail_is_an_outbox_row_written_with_the_notification(school, member):
    notify(school, [member], "Er is een nieuw voorstel", "/x/", email_subject="Nieuw voorstel")
    row = OutboxMail.objects.get()
    assert row.to == member.email and row.subject == "Nieuw voorstel" and "/x/" in row.text
    assert Notification.objects.get().message == "Er is een nieuw voorstel"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_no_mail_to_send(school, member, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # the worker's view
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(school, [member], "Dit gaat niet door", email_subject="Niets")
        raise RuntimeError
    assert mail.outbox == [] and not Notification.objects.exists() and not OutboxMail.objects.exists()


def test_without_a_subject_no_mail_at_all(school, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(school, [member], "Alleen in de app")
    assert callbacks == [] and mail.outbox == [] and Notification.objects.get().message == "Alleen in de app"
