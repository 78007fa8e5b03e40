import re
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .school_cache import new_version

# First path segments that belong to the platform, so no school may take them as its slug.
RESERVED_SLUGS = {
    "accounts",
    "beheer",
    "bestuur",
    "i18n",
    "static",
    "media",
    "admin",
    "_bench",
    "meldingen",
    "uitnodiging",
    "agenda",
}
BRIN_RE = re.compile(r"^\d{2}[A-Z]{2}(\d{2})?$")


def validate_brin(value: str):
    if not BRIN_RE.match(value or ""):
        raise ValidationError(
            _(
                "Een BRIN-nummer is twee cijfers en twee hoofdletters, bijvoorbeeld 12AB (eventueel met vestigingsnummer: 12AB00)."
            )
        )


def validate_school_slug(value: str):
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Dit webadres is gereserveerd; kies een ander."))


class Board(models.Model):
    """A bestuur / stichting that runs one or more schools."""

    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("webadres"), unique=True)
    allow_cross_school_search = models.BooleanField(
        _("expertise zoeken over scholen heen toestaan"),
        default=True,
        help_text=_(
            "Teamleden mogen collega's van andere scholen van het bestuur vinden (wie dat niet wil, kan zich afmelden)."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bestuur")
        verbose_name_plural = _("besturen")

    def __str__(self):
        return self.name


class School(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="schools", verbose_name=_("bestuur"))
    name = models.CharField(_("naam"), max_length=150)
    slug = models.SlugField(_("webadres"), unique=True, validators=[validate_school_slug])
    brin = models.CharField(_("BRIN-nummer"), max_length=6, unique=True, validators=[validate_brin])
    town = models.CharField(_("plaats"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    # New whenever the school's data changes: the key of its cached page parts (core/school_cache.py).
    version = models.CharField(max_length=32, default=new_version, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("scholen")

    def __str__(self):
        return self.name

    def current_year(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.years.filter(starts_on__lte=today, ends_on__gte=today).first()


def school_year_bounds(start_year: int) -> tuple[date, date]:
    """A Dutch school year runs from 1 August to 31 July."""
    return date(start_year, 8, 1), date(start_year + 1, 7, 31)


def school_year_start(today: date) -> int:
    return today.year if today.month >= 8 else today.year - 1


class SchoolYear(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="years")
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))

    class Meta:
        ordering = ["-starts_on"]
        constraints = [models.UniqueConstraint(fields=["school", "starts_on"], name="one_year_per_start")]
        verbose_name = _("schooljaar")
        verbose_name_plural = _("schooljaren")

    def __str__(self):
        return f"{self.starts_on.year}-{self.ends_on.year}"

    @property
    def name(self) -> str:
        return str(self)

    @property
    def start_year(self) -> int:
        return self.starts_on.year

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def previous(self):
        return self.school.years.filter(starts_on__lt=self.starts_on).first()


class Function(models.TextChoices):
    TEACHER = "leerkracht", _("Leerkracht")
    INTERNAL_SUPERVISOR = "ib", _("Intern begeleider (IB'er)")
    ASSISTANT = "onderwijsassistent", _("Onderwijsassistent")
    SUBJECT_TEACHER = "vakleerkracht", _("Vakleerkracht")
    SPECIALIST = "specialist", _("Specialist")
    DIRECTOR = "directeur", _("Directeur")
    DEPUTY = "adjunct", _("Adjunct-directeur / locatieleider")
    SUPPORT = "ondersteuning", _("Onderwijsondersteunend personeel")
    OTHER = "anders", _("Anders")


class Bouw(models.TextChoices):
    """The part of the school a person mainly works in (groups 1-2, 3-5, 6-8)."""

    LOWER = "onderbouw", _("Onderbouw")
    MIDDLE = "middenbouw", _("Middenbouw")
    UPPER = "bovenbouw", _("Bovenbouw")


class Membership(models.Model):
    """A person's place in one school's team, with function, FTE, group, bouw and roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    function = models.CharField(_("functie"), max_length=40, choices=Function.choices, default=Function.TEACHER)
    fte = models.DecimalField(
        _("fte"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1.2"))],
    )
    # The group(s) a teacher teaches, as schools write them: "3", "1/2", "5/6"; empty for non-teaching staff.
    class_group = models.CharField(_("groep"), max_length=20, blank=True)
    bouw = models.CharField(_("bouw"), max_length=20, choices=Bouw.choices, blank=True)
    is_leader = models.BooleanField(_("schoolleider"), default=False)
    is_admin = models.BooleanField(_("beheerder"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Not columns: core.access.get_membership sets them (the header's numbers, cached per person).
    school_year: "SchoolYear | None"
    unread_count: int
    school_count: int

    class Meta:
        ordering = ["user__name"]
        constraints = [models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")

    def __str__(self):
        return f"{self.user} @ {self.school}"

    @property
    def can_manage(self) -> bool:
        """School leaders and school administrators manage the team and the school's settings."""
        return self.is_leader or self.is_admin


class BoardMembership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="board_memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="board_memberships")
    is_board_member = models.BooleanField(_("bestuurder"), default=True)
    is_admin = models.BooleanField(_("beheerder"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "board"], name="one_board_membership")]

    def __str__(self):
        return f"{self.user} @ {self.board}"


class AuditEntry(models.Model):
    """Who changed what and when, for important writes. Written by core.audit.record()."""

    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The person chose not to be named (e.g. an objection named only to the author): no actor is stored.
    actor_hidden = models.BooleanField(default=False)
    action = models.CharField(max_length=60)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "-created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.summary}"


class Notification(models.Model):
    """An in-app message for one person in one school. Written by core.notify.notify()."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="notifications")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return self.message


class MailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("meteen per e-mail")
    DIGEST = "digest", _("één keer per dag, in een overzicht")
    APP = "app", _("alleen in de app")


class MailPreference(models.Model):
    """How one person wants one kind of message: at once, in a daily digest, or in the app only."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preferences")
    kind = models.CharField(max_length=40)
    mode = models.CharField(max_length=10, choices=MailMode.choices, default=MailMode.IMMEDIATE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_mail_preference_per_kind")]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.mode}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("wacht op verzending")
    SENDING = "sending", _("wordt verstuurd")
    SENT = "sent", _("verstuurd")
    HELD = "held", _("wacht op het dagoverzicht")
    DIGESTED = "digested", _("in een dagoverzicht verstuurd")
    FAILED = "failed", _("mislukt")


class OutboxMail(models.Model):
    """One e-mail, written in the same transaction as the change that causes it (core.outbox)."""

    school = models.ForeignKey(School, null=True, blank=True, on_delete=models.CASCADE, related_name="outbox_mails")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox_mails"
    )
    to = models.EmailField()
    kind = models.CharField(max_length=40, default="general")
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # Text attachments (a calendar invitation): [{"name": ..., "content": ..., "mimetype": ...}].
    attachments = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)  # which send run holds it while "sending"
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"]), models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.to}: {self.subject} ({self.status})"


class JobRun(models.Model):
    """One scheduled job in one time slot: the unique constraint makes one scheduler win on many hosts."""

    name = models.CharField(max_length=80)
    slot = models.BigIntegerField()  # minutes since the epoch, rounded down to the scheduler's interval
    status = models.CharField(max_length=10, default="queued")  # queued, running, done, failed
    attempts = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["name", "slot"], name="one_job_run_per_slot")]

    def __str__(self):
        return f"{self.name}@{self.slot}: {self.status}"


class BackgroundJob(models.Model):
    """Work a person started and waits for (a solve): its progress and result, shown by htmx polling."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="background_jobs")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=40)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, default="queued")  # queued, running, done, failed
    progress = models.PositiveSmallIntegerField(default=0)  # 0..100
    message = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "kind", "target_id"])]

    def __str__(self):
        return f"{self.kind} {self.target_id}: {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in ("done", "failed")
