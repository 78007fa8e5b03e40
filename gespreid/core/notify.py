"""In-app notifications, optionally also by e-mail, for people of one school."""

from django.db import transaction

from . import outbox, school_cache
from .models import Notification
from .outbox import SUBJECT_LIMIT, mail_subject  # noqa: F401 (the apps import it from here)


def notify(
    school, users, message: str, url: str = "", *, email_subject: str | None = None, kind: str = "general"
) -> list[Notification]:
    """Give each person a notification; with ``email_subject`` also an e-mail through the outbox.

    ``url`` is a path inside the site (e.g. from ``reverse``); e-mails get the full address.
    ``kind`` names the kind of message: each person chooses per kind whether it comes at once,
    in a daily digest or in the app only (``core.outbox``). The mails are written in the same
    transaction as the notifications and sent by a worker after commit.
    """
    users = list(users)
    with transaction.atomic():
        notes = Notification.objects.bulk_create(
            [Notification(school=school, user=user, message=message[:300], url=url) for user in users]
        )
        if email_subject:
            outbox.queue_many(
                [(user.email, user) for user in users],
                mail_subject(email_subject),
                message,
                school=school,
                kind=kind,
                url=url,
            )
        school_cache.school_changed(school.pk)  # bulk_create sends no signal: the header's count changes
    return notes
