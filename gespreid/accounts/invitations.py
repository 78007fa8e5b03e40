"""Invitations: a leader invites a person by e-mail; the link sets a password and adds the membership.

The link holds a random token; only its SHA-256 hash is stored. A link works once, until
``settings.INVITATION_DAYS`` after it was (re)sent, and not after it was cancelled.
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gespreid.core.audit import record
from gespreid.core.models import Function, Membership
from gespreid.core.notify import mail_subject

from .lockout import normalise_email
from .models import Invitation, hash_token


class InvitationError(Exception):
    """Something about this invitation is not right; the message is shown to the person."""


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("accounts:invitation-accept", args=[token])


def expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


def send_invitation_email(invitation: Invitation, token: str) -> None:
    send_invitation_emails([(invitation, token)])


def send_invitation_emails(pairs) -> None:
    """Queue the invitations in the outbox, inside the caller's transaction (the team import sends hundreds)."""
    from gespreid.core import outbox

    for invitation, token in pairs:
        subject, body = _invitation_message(invitation, token)
        outbox.queue(invitation.email, subject, body, school=invitation.school, kind="invitation", language="nl")


def _invitation_message(invitation: Invitation, token: str) -> tuple[str, str]:
    with override("nl"):
        subject = _("Uitnodiging voor Gespreid van %(school)s") % {"school": invitation.school.name}
        body = _(
            "Beste %(name)s,\n\n"
            "%(inviter)s nodigt je uit voor het team van %(school)s in Gespreid.\n"
            "Open deze link om je wachtwoord te kiezen en in te loggen:\n\n%(url)s\n\n"
            "De link werkt één keer en verloopt na %(days)s dagen.\n"
        ) % {
            "name": invitation.name,
            "inviter": invitation.invited_by or _("De schoolleider"),
            "school": invitation.school.name,
            "url": invitation_url(token),
            "days": settings.INVITATION_DAYS,
        }
    return mail_subject(subject), body


def open_invitation_for(school, email: str):
    return Invitation.objects.filter(
        school=school, email__iexact=email, accepted_at__isnull=True, cancelled_at__isnull=True
    ).first()


def create_invitation(
    actor,
    school,
    *,
    email,
    name,
    function=Function.TEACHER,
    fte=Decimal("1.00"),
    class_group="",
    bouw="",
    is_leader=False,
    is_admin=False,
    send=True,
    _allow_member=False,
) -> tuple[Invitation, str]:
    """Create (inside the caller's transaction, if any) and e-mail one invitation.

    ``_allow_member``: the team import adds the membership first and invites to set a password.
    """
    email = normalise_email(email)
    if (
        not _allow_member
        and Membership.objects.filter(school=school, user__email__iexact=email, is_active=True).exists()
    ):
        raise InvitationError(_("%(email)s hoort al bij het team.") % {"email": email})
    if open_invitation_for(school, email):
        raise InvitationError(_("Voor %(email)s staat al een uitnodiging open. Stuur die opnieuw.") % {"email": email})
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            school=school,
            email=email,
            name=name,
            function=function,
            fte=fte,
            class_group=class_group,
            bouw=bouw,
            is_leader=is_leader,
            is_admin=is_admin,
            token_hash=token_hash,
            invited_by=actor if getattr(actor, "is_authenticated", False) else None,
            expires_at=expiry(),
        )
        record(actor, "accounts.invite", school=school, target=invitation, summary=f"{name} <{email}>")
        if send:
            send_invitation_email(invitation, token)
    return invitation, token


def resend_invitation(actor, invitation: Invitation) -> str:
    """A new link (the old one stops working) with a fresh expiry date."""
    if not invitation.is_pending:
        raise InvitationError(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        invitation.token_hash = token_hash
        invitation.expires_at = expiry()
        invitation.sent_count += 1
        invitation.save(update_fields=["token_hash", "expires_at", "sent_count"])
        record(actor, "accounts.invite_resend", school=invitation.school, target=invitation, summary=invitation.email)
        send_invitation_email(invitation, token)
    return token


def cancel_invitation(actor, invitation: Invitation) -> None:
    if not invitation.is_pending:
        raise InvitationError(_("Deze uitnodiging is al gebruikt of ingetrokken."))
    with transaction.atomic():
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
        record(actor, "accounts.invite_cancel", school=invitation.school, target=invitation, summary=invitation.email)


def find_invitation(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError with a clear Dutch reason."""
    invitation = (
        Invitation.objects.select_related("school").filter(token_hash=hash_token(token or "")).first()
        if 10 <= len(token or "") <= 100
        else None
    )
    if invitation is None:
        raise InvitationError(_("Deze uitnodigingslink kennen we niet. Controleer of je de hele link hebt gekopieerd."))
    if invitation.accepted_at:
        raise InvitationError(_("Deze uitnodiging is al gebruikt. Log in met je e-mailadres en wachtwoord."))
    if invitation.cancelled_at:
        raise InvitationError(_("Deze uitnodiging is ingetrokken. Vraag je schoolleider om een nieuwe."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            _("Deze uitnodiging is verlopen. Vraag je schoolleider om de uitnodiging opnieuw te sturen.")
        )
    return invitation


def existing_user(invitation: Invitation):
    return get_user_model().objects.filter(email__iexact=invitation.email).first()


def accept_invitation(invitation: Invitation, *, user=None, password: str | None = None):
    """Accept: create the account (with ``password``) or use ``user``; add the membership. Once only."""
    User = get_user_model()
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise InvitationError(_("Deze uitnodiging is al gebruikt of niet meer geldig."))
        if user is None:
            user = User.objects.filter(email__iexact=locked.email).first()
            if user is None:
                user = User.objects.create_user(email=locked.email, name=locked.name, password=password)
            elif not user.has_usable_password() and password:
                user.set_password(password)
                user.save(update_fields=["password"])
            else:
                raise InvitationError(_("Er bestaat al een account met dit e-mailadres. Log eerst in."))
        membership, created = Membership.objects.get_or_create(
            user=user,
            school=locked.school,
            defaults={
                "function": locked.function or Function.TEACHER,
                "fte": locked.fte,
                "class_group": locked.class_group,
                "bouw": locked.bouw,
                "is_leader": locked.is_leader,
                "is_admin": locked.is_admin,
            },
        )
        if not created and not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        record(user, "accounts.invite_accept", school=locked.school, target=membership, summary=str(user))
    return user, membership
