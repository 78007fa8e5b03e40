from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    BASIC = 1, _("Basis: ik ken de grondbeginselen")
    COMPETENT = 2, _("Bekwaam: ik pas het zelfstandig toe")
    ADVANCED = 3, _("Gevorderd: collega's vragen mij om raad")
    EXPERT = 4, _("Expert: kan anderen begeleiden")


class Acquired(models.TextChoices):
    DIPLOMA = "diploma", _("Opleiding / diploma")
    COURSE = "cursus", _("Cursus")
    EXPERIENCE = "ervaring", _("Ervaring")
    OTHER = "anders", _("Anders")


class Domain(models.Model):
    """A group of areas (e.g. 'Leiderschap'). Every school has its own copy of the taxonomy."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="expertise_domains")
    key = models.SlugField(max_length=60)
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="domain_key_per_school")]

    def __str__(self):
        return self.name


class Area(models.Model):
    """An expertise area (e.g. 'Rekenen/wiskunde'). Retired areas keep everyone's entries."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="expertise_areas")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="areas")
    key = models.SlugField(
        max_length=80, help_text="Stable across schools of a board: cross-school search matches on it."
    )
    name = models.CharField(_("naam"), max_length=120)
    order = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["domain__order", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="area_key_per_school")]

    def __str__(self):
        return self.name


class Profile(models.Model):
    """One person's profile in one school year: free-text qualities, an ambition and sharing choices."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="expertise_profiles")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="expertise_profiles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expertise_profiles")
    qualities = models.TextField(_("kwaliteiten"), blank=True, max_length=2000)
    # A wish wider than one area ("wil IB'er worden", "wil teacher leader worden"); only the person edits it.
    ambition = models.CharField(_("ambitie"), max_length=300, blank=True)
    visible_to_board = models.BooleanField(_("vindbaar voor andere scholen van het bestuur"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_year", "user"], name="one_profile_per_year")]

    def __str__(self):
        return f"{self.user} {self.school_year}"


class ExpertiseEntry(models.Model):
    """What one person can do in one area in one school year, and whether they want to grow in it."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="expertise_entries")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="expertise_entries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expertise_entries")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="entries")
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices, null=True, blank=True)
    acquired = models.CharField(_("verworven via"), max_length=20, choices=Acquired.choices, blank=True)
    acquired_note = models.CharField(_("toelichting"), max_length=200, blank=True)
    acquired_year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    wants_growth = models.BooleanField(_("wil me hierin ontwikkelen"), default=False)
    target_level = models.PositiveSmallIntegerField(_("gewenst niveau"), choices=Level.choices, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_year", "user", "area"], name="one_entry_per_area")]
        indexes = [models.Index(fields=["school_year", "area"])]

    def __str__(self):
        return f"{self.user}: {self.area} ({self.level or '-'})"


class Suggestion(models.Model):
    """A school leader suggests an entry; only the person can accept (it becomes theirs) or decline it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Overgenomen")
        DECLINED = "declined", _("Afgewezen")

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="expertise_suggestions")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="expertise_suggestions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expertise_suggestions")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="suggestions")
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices, null=True, blank=True)
    wants_growth = models.BooleanField(_("ontwikkelkans"), default=False)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    suggested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "user", "area"],
                condition=models.Q(status="open"),
                name="one_open_suggestion_per_area",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.area} ({self.status})"


class InventoryRound(models.Model):
    """'Breng je expertise in beeld vóór ...': a team-wide round started by a school leader."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="inventory_rounds")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="inventory_rounds")
    deadline = models.DateField(_("klaar vóór"))
    message = models.CharField(_("bericht aan het team"), max_length=300, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["school"], condition=models.Q(closed_at__isnull=True), name="one_open_round_per_school"
            )
        ]

    def __str__(self):
        return f"{self.school} {self.deadline}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
