"""Throttle password-reset mail: a few per address and per IP an hour, counted in the database."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .lockout import normalise_email
from .models import ResetMailRequest, hash_token

WINDOW = timedelta(hours=1)


def allow_reset_mail(email: str, ip: str | None) -> bool:
    """Record one request; True when a mail may go out (under both limits within the last hour)."""
    now = timezone.now()
    ResetMailRequest.objects.filter(created_at__lt=now - WINDOW).delete()
    email_hash = hash_token(normalise_email(email))
    recent = ResetMailRequest.objects.filter(created_at__gte=now - WINDOW)
    allowed = recent.filter(email_hash=email_hash).count() < settings.RESET_MAILS_PER_ADDRESS and (
        not ip or recent.filter(ip=ip).count() < settings.RESET_MAILS_PER_IP
    )
    ResetMailRequest.objects.create(email_hash=email_hash, ip=ip or None, created_at=now)
    return allowed
