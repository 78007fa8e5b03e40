"""In-app notifications, optionally also by e-mail, for people of one school."""

import unicodedata

from django.db import transaction

from . import outbox
from .models import Notification

SUBJECT_LIMIT = 150


def mail_subject(text) -> str:
    """The one way to build a mail subject from text that may hold user input (a title, a name).

    Line breaks and other control characters (which would break the header: Django refuses a
    subject with a newline, so the send fails) become spaces, runs of white space one space,
    and the result is cut to ``SUBJECT_LIMIT`` characters.
    """
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= SUBJECT_LIMIT else cleaned[: SUBJECT_LIMIT - 1].rstrip() + "…"


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
    return notes
