"""The outbox: every e-mail is a row written in the same transaction as the change that causes it.

- ``queue(...)`` renders the mail (plain text + HTML, in the person's language) and stores it; the
  ``send_outbox`` task (core.tasks) is enqueued in the same transaction, so a worker only sees it
  once the change is committed, and a rolled-back change sends nothing.
- ``send_due()`` claims rows with a conditional UPDATE (one sender per row, on any number of
  workers), sends them over one connection and marks them sent. A failing mail server puts the row
  back with back-off (1, 2, 4 ... minutes, at most 6 hours); after ``OUTBOX_MAX_ATTEMPTS`` it is
  *failed* and shown to the platform administrator (/beheer/mail/).
- A row left *sending* by a crashed worker goes back to pending after ``TASK_STALE_MINUTES``; its
  Message-ID stays the same, so a mail server that did receive it can drop the copy.
- Each person chooses per kind of message: at once, a daily digest, or in the app only
  (``MailPreference``). Invitations and password mail are always sent at once.
"""

import logging
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from .models import MailMode, MailPreference, OutboxMail, OutboxStatus

log = logging.getLogger(__name__)

# Kinds that are always sent at once, whatever the person chose.
ALWAYS_AT_ONCE = {"invitation", "password", "calendar"}  # calendar: a lesson visit's .ics (learning)
# Kinds a person can choose for on their notification settings page; apps add theirs with register_kind().
KINDS: dict[str, object] = {"general": gettext_lazy("Meldingen uit de app")}
UNSUBSCRIBE_SALT = "gespreid.outbox.unsubscribe"
SUBJECT_LIMIT = 150


def register_kind(kind: str, label) -> None:
    """An app names a kind of message (e.g. ``decisions.round``) so people can choose how they get it."""
    KINDS.setdefault(kind, label)


def mail_subject(text) -> str:
    """The one way to build a mail subject from text that may hold user input (a title, a name).

    Line breaks and other control characters (which would break the header: Django refuses a
    subject with a newline, so the send fails) become spaces, runs of white space one space,
    and the result is cut to ``SUBJECT_LIMIT`` characters. ``render`` applies it to every mail;
    ``core.notify`` re-exports it for the apps.
    """
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in str(text))
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) <= SUBJECT_LIMIT else cleaned[: SUBJECT_LIMIT - 1].rstrip() + "…"


def modes_for(users, kind: str) -> dict[int, str]:
    if kind in ALWAYS_AT_ONCE:
        return {user.pk: MailMode.IMMEDIATE for user in users}
    chosen = dict(
        MailPreference.objects.filter(user__in=[u.pk for u in users], kind=kind).values_list("user_id", "mode")
    )
    return {user.pk: chosen.get(user.pk, MailMode.IMMEDIATE) for user in users}


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return data.get("u"), data.get("k")


def _headers(user, kind: str) -> dict:
    if user is None or kind in ALWAYS_AT_ONCE:
        return {}
    url = settings.SITE_URL + reverse("core:mail-unsubscribe", args=[unsubscribe_token(user, kind)])
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def render(user, subject: str, body: str, url: str = "", language: str | None = None) -> tuple[str, str, str]:
    """Subject, text and HTML of one mail, in the person's language (``language`` overrides)."""
    full_url = f"{settings.SITE_URL}{url}" if url.startswith("/") else url
    with override(language or getattr(user, "language", None) or "nl"):
        context = {
            "name": getattr(user, "name", ""),
            "body": body,
            "url": full_url,
            "settings_url": settings.SITE_URL + reverse("core:mail-settings"),
            "show_settings": user is not None,
        }
        text = render_to_string("core/mail/message.txt", context)
        html = render_to_string("core/mail/message.html", context)
    return mail_subject(subject), text, html


def queue(
    to: str,
    subject: str,
    body: str,
    *,
    user=None,
    school=None,
    kind: str = "general",
    url: str = "",
    language: str | None = None,
    attachments=(),
) -> OutboxMail | None:
    """Store one mail (inside the caller's transaction) and make sure a worker sends it."""
    rows = queue_many(
        [(to, user)], subject, body, school=school, kind=kind, url=url, language=language, attachments=attachments
    )
    return rows[0] if rows else None


def queue_many(
    recipients, subject, body, *, school=None, kind="general", url="", language=None, modes=None, attachments=()
) -> list[OutboxMail]:
    """``recipients``: (address, user or None) pairs. ``modes``: user id -> MailMode (default: their choice).

    ``attachments``: (file name, text, MIME type) triples, stored with the mail (text only, e.g. a .ics)."""
    stored_attachments = [{"name": n, "content": c, "mimetype": m} for n, c, m in attachments]
    recipients = list(recipients)
    users = [user for _to, user in recipients if user is not None]
    if modes is None:
        modes = modes_for(users, kind)
    rows = []
    for to, user in recipients:
        mode = modes.get(user.pk, MailMode.IMMEDIATE) if user is not None else MailMode.IMMEDIATE
        if mode == MailMode.APP or not to:
            continue
        mail_subject, text, html = render(user, subject, body, url, language)
        rows.append(
            OutboxMail(
                school=school,
                user=user,
                to=to,
                kind=kind,
                subject=mail_subject,
                text=text,
                html=html,
                headers=_headers(user, kind),
                attachments=stored_attachments,
                status=OutboxStatus.HELD if mode == MailMode.DIGEST else OutboxStatus.PENDING,
            )
        )
    if not rows:
        return []
    with transaction.atomic():
        rows = OutboxMail.objects.bulk_create(rows)
        if any(row.status == OutboxStatus.PENDING for row in rows):
            wake_sender()
    return rows


def wake_sender() -> None:
    """Enqueue the send task; on the database backend its row commits together with the mails."""
    from .tasks import send_outbox

    try:
        send_outbox.enqueue()
    except Exception:  # the periodic job sends what is due anyway
        log.exception("Could not enqueue send_outbox")


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def _message(row: OutboxMail, connection) -> EmailMultiAlternatives:
    headers = {**row.headers, "Message-ID": f"<outbox-{row.pk}@{settings.SITE_URL.split('//')[-1].split('/')[0]}>"}
    message = EmailMultiAlternatives(
        row.subject, row.text, settings.DEFAULT_FROM_EMAIL, [row.to], headers=headers, connection=connection
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for attachment in row.attachments or []:
        message.attach(attachment["name"], attachment["content"], attachment["mimetype"])
    return message


def release_stale(now=None) -> int:
    """Rows left 'sending' by a crashed worker are sent again."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.TASK_STALE_MINUTES)
    return OutboxMail.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=cutoff).update(
        status=OutboxStatus.PENDING, next_attempt_at=min(now, timezone.now())
    )


def _claim(limit: int, now) -> list[OutboxMail]:
    """Take up to ``limit`` due mails for this run: one conditional UPDATE, so of many workers only one
    turns a row from pending into sending (and the run finds its rows again by its claim token)."""
    import secrets

    ids = list(
        OutboxMail.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now).values_list("pk", flat=True)[
            :limit
        ]
    )
    if not ids:
        return []
    token = secrets.token_hex(16)
    OutboxMail.objects.filter(pk__in=ids, status=OutboxStatus.PENDING).update(
        status=OutboxStatus.SENDING, claimed_at=now, claim=token
    )
    return list(OutboxMail.objects.filter(claim=token, status=OutboxStatus.SENDING).order_by("pk"))


def _failed(rows, error: Exception, now) -> None:
    text = f"{type(error).__name__}: {error}"[:300]
    for row in rows:
        attempts = row.attempts + 1
        gave_up = attempts >= settings.OUTBOX_MAX_ATTEMPTS
        OutboxMail.objects.filter(pk=row.pk, status=OutboxStatus.SENDING).update(
            status=OutboxStatus.FAILED if gave_up else OutboxStatus.PENDING,
            attempts=attempts,
            next_attempt_at=now + backoff(attempts),
            last_error=text,
        )


def send_due(limit: int = 500, now=None) -> dict:
    """Send what is due over one connection. Returns counts of sent and failed (retried later) mails."""
    now = now or timezone.now()
    rows = _claim(limit, now)
    if not rows:
        return {"sent": 0, "failed": 0}
    sent = failed = 0
    try:
        connection = get_connection()
        connection.open()
    except Exception as error:  # the mail server is down: every row waits and tries again later
        _failed(rows, error, now)
        return {"sent": 0, "failed": len(rows)}
    try:
        for row in rows:
            try:
                connection.send_messages([_message(row, connection)])
            except Exception as error:
                _failed([row], error, now)
                failed += 1
                try:  # the connection may be broken now: open a fresh one for the rest
                    connection.close()
                    connection.open()
                except Exception as reopen_error:
                    rest = [r for r in rows[rows.index(row) + 1 :]]
                    _failed(rest, reopen_error, now)
                    failed += len(rest)
                    break
            else:
                OutboxMail.objects.filter(pk=row.pk).update(status=OutboxStatus.SENT, sent_at=timezone.now())
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:
            pass
    return {"sent": sent, "failed": failed}


def send_all_due(now=None) -> dict:
    """The periodic job: put crashed rows back, then send everything due in batches."""
    release_stale(now)
    total = {"sent": 0, "failed": 0}
    while True:
        counts = send_due(now=now)
        total = {key: total[key] + counts[key] for key in total}
        if counts["sent"] + counts["failed"] == 0 or counts["failed"]:
            return total


def send_digests(now=None) -> int:
    """Once a day (from DIGEST_HOUR): one mail per person with everything held for their digest."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.DIGEST_HOUR:
        return 0
    held = OutboxMail.objects.filter(status=OutboxStatus.HELD, created_at__lt=now).select_related("user")
    by_user: dict[int, list[OutboxMail]] = {}
    for row in held:
        by_user.setdefault(row.user_id, []).append(row)
    made = 0
    for rows in by_user.values():
        user = rows[0].user
        if user is None:
            continue
        with transaction.atomic():
            # Claim the held rows first: a second scheduler run finds nothing left to digest.
            taken = OutboxMail.objects.filter(pk__in=[r.pk for r in rows], status=OutboxStatus.HELD).update(
                status=OutboxStatus.DIGESTED, sent_at=now
            )
            if not taken:
                continue
            with override(user.language or "nl"):
                subject = _("Je dagoverzicht van Gespreid (%(count)s berichten)") % {"count": len(rows)}
                body = "\n\n".join(f"• {row.subject}" for row in rows)
            queue_many([(user.email, user)], subject, body, school=rows[0].school, kind="digest", modes={})
            made += 1
    return made


def retry_failed(row: OutboxMail) -> None:
    """The platform administrator sends a failed mail again."""
    with transaction.atomic():
        OutboxMail.objects.filter(pk=row.pk, status=OutboxStatus.FAILED).update(
            status=OutboxStatus.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
        wake_sender()


def set_mode(user, kind: str, mode: str) -> None:
    MailPreference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})


def pending_count() -> int:
    return OutboxMail.objects.filter(status__in=[OutboxStatus.PENDING, OutboxStatus.SENDING]).count()


def failed_mails():
    return OutboxMail.objects.filter(status=OutboxStatus.FAILED).select_related("school").order_by("-created_at")
