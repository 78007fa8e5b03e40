"""In-app notifications, optionally also by e-mail, for people of one school."""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction

from .models import Notification


def notify(school, users, message: str, url: str = "", *, email_subject: str | None = None) -> list[Notification]:
    """Give each person a notification; with ``email_subject`` also send them an e-mail.

    ``url`` is a path inside the site (e.g. from ``reverse``); e-mails get the full address.
    The notifications are written in the caller's transaction; the e-mail goes out only after it
    commits (never about a change that was rolled back, and no database lock held while SMTP talks).
    """
    users = list(users)
    notes = Notification.objects.bulk_create(
        [Notification(school=school, user=user, message=message[:300], url=url) for user in users]
    )
    if email_subject:
        body = f"{message}\n\n{settings.SITE_URL}{url}" if url else message
        mails = [(email_subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]) for user in users]
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return notes
