import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .lockout import normalise_email


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("E-mailadres is verplicht.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=normalise_email(username))


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. One person may work at several schools."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    language = models.CharField(_("taal"), max_length=5, choices=settings.LANGUAGES, default="nl")
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("beheerder van het platform"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        ordering = ["name"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return (self.name or self.email).split()[0]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An invitation to join a school. Only a hash of the token is stored; the link is single use."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=150)
    function = models.CharField(_("functie"), max_length=40, blank=True)
    fte = models.DecimalField(_("fte"), max_digits=4, decimal_places=2, default=1)
    # From the team import: the membership starts with them when the invitation is accepted.
    class_group = models.CharField(_("groep"), max_length=20, blank=True)
    bouw = models.CharField(_("bouw"), max_length=20, blank=True)
    is_leader = models.BooleanField(_("schoolleider"), default=False)
    is_admin = models.BooleanField(_("beheerder"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    sent_count = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.school}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > timezone.now()

    @property
    def is_pending(self) -> bool:
        """Not accepted and not cancelled (it may have expired: then it can be sent again)."""
        return self.accepted_at is None and self.cancelled_at is None


class TeamImport(models.Model):
    """An uploaded team file, checked and waiting for the leader's confirmation.

    The checked rows live here, on the server, so the confirmation cannot be tampered with.
    """

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="team_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200)
    rows = models.JSONField(default=list)  # good rows: [{"name", "email", "function", "fte"}]
    problems = models.JSONField(default=list)  # bad rows: [{"line", "values", "reasons"}]
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} → {self.school}"


class SignInMethod(models.Model):
    """A way of signing in that a board accepts (set by the board's administrator at /bestuur/<board>/inloggen/).

    ``provider`` is the id of an allauth app the platform registered: ``microsoft``, ``google``
    (OpenID Connect) or ``entree`` (SAML). Sign-in through it is accepted only for people of this
    board's schools whose e-mail domain is listed (when any is) and, for Microsoft, whose tenant
    matches (when set); for Entree the school's BRIN must arrive in ``nlEduPersonHomeOrganizationId``
    and the affiliation must be ``employee`` or ``staff``.
    """

    board = models.ForeignKey("core.Board", on_delete=models.CASCADE, related_name="sign_in_methods")
    provider = models.CharField(_("inlogdienst"), max_length=40)
    allowed_domains = models.CharField(
        _("toegestane e-maildomeinen"),
        max_length=300,
        blank=True,
        help_text=_("Gescheiden door komma's, bijvoorbeeld stichting.nl, school.nl. Leeg: elk domein."),
    )
    tenant_id = models.CharField(
        _("Microsoft-tenant"), max_length=64, blank=True, help_text=_("De tenant-ID (GUID) van jullie Microsoft 365.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["board", "provider"], name="one_sign_in_method_per_provider")]
        verbose_name = _("inlogmethode")
        verbose_name_plural = _("inlogmethodes")

    def __str__(self):
        return f"{self.board}: {self.provider}"

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.allowed_domains.split(",") if d.strip()]


class ResetMailRequest(models.Model):
    """One "forgot password" request, kept an hour to throttle reset mail per address and per IP.

    In the database (not in a process's memory) so every app server counts alike. The address is
    stored as a hash: the table says nothing about who asked.
    """

    email_hash = models.CharField(max_length=64, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.ip or ''}"
