"""core.notify: notifications in the caller's transaction, e-mail only after it commits."""

import pytest
from django.core import mail
from django.db import transaction

from gespreid.core.models import Notification
from gespreid.core.notify import notify


def test_mail_goes_out_after_the_commit_not_before(school, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(school, [member], "Er is een nieuw voorstel", "/x/", email_subject="Nieuw voorstel")
        assert mail.outbox == []  # still inside the transaction
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[member.email]] and "/x/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_no_mail(school, member):
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(school, [member], "Dit gaat niet door", email_subject="Niets")
        raise RuntimeError
    assert mail.outbox == [] and not Notification.objects.exists()


def test_without_a_subject_no_mail_at_all(school, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(school, [member], "Alleen in de app")
    assert callbacks == [] and mail.outbox == [] and Notification.objects.get().message == "Alleen in de app"
