"""In-app notifications, optionally also by e-mail, for people of one school."""

import unicodedata

from django.conf import settings
from django.core.mail import send_mass_mail

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


def notify(school, users, message: str, url: str = "", *, email_subject: str | None = None) -> list[Notification]:
    """Give each person a notification; with ``email_subject`` also send them an e-mail.

    ``url`` is a path inside the site (e.g. from ``reverse``); e-mails get the full address.
    """
    users = list(users)
    notes = Notification.objects.bulk_create(
        [Notification(school=school, user=user, message=message[:300], url=url) for user in users]
    )
    if email_subject:
        email_subject = mail_subject(email_subject)
        body = f"{message}\n\n{settings.SITE_URL}{url}" if url else message
        send_mass_mail(
            [(email_subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in users],
            fail_silently=True,
        )
    return notes
