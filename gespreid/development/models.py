"""Development plans (POP), leadership self-assessments, coaching series and feedback requests.

Privacy: a POP belongs to its owner, who chooses per goal and per activity what the school leader sees;
a self-assessment is private until its owner shares it; a coaching series is seen only by its coach and
coachee, and each one's notes only by their author; the board sees only school totals.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DevelopmentPlan(models.Model):
    """One person's POP in one school year."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="development_plans")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="development_plans")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="development_plans")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_year", "user"], name="one_pop_per_person_year")]

    def __str__(self):
        return f"POP {self.user} {self.school_year}"


class Goal(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doel"), max_length=200)
    why = models.TextField(_("waarom / wat wil je kunnen?"), blank=True, max_length=2000)
    area = models.ForeignKey(
        "expertise.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("groeiwens (expertisegebied)"),
    )
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("speerpunt"),
    )
    shared = models.BooleanField(_("delen met de schoolleider"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.title


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    COURSE = "cursus", _("Cursus")
    MASTER = "master", _("Mastermodule")
    INTERVISION = "intervisie", _("Intervisie")
    LESSON_VISIT = "lesbezoek", _("Lesbezoek")
    LITERATURE = "literatuur", _("Literatuur")
    SCHOOL_VISIT = "schoolbezoek", _("Bezoek aan een andere school")


class ActivityStatus(models.TextChoices):
    IDEA = "idee", _("Idee")
    REQUESTED = "aangevraagd", _("Aangevraagd bij de schoolleider")
    ACCEPTED = "toegekend", _("Toegekend")
    DONE = "afgerond", _("Afgerond")


class Activity(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="activities")
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities", verbose_name=_("bij doel")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.TRAINING)
    title = models.CharField(_("wat"), max_length=200)
    hours = models.DecimalField(
        _("uren"), max_digits=6, decimal_places=1, default=0, validators=[MinValueValidator(0), MaxValueValidator(2000)]
    )
    cost = models.DecimalField(
        _("kosten (euro)"),
        max_digits=8,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100000)],
    )
    status = models.CharField(max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.IDEA)
    shared = models.BooleanField(_("delen met de schoolleider"), default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self):
        return self.title

    @property
    def counts(self) -> bool:
        """Accepted or done: it counts against the professionalisation hours and the training budget."""
        return self.status in (ActivityStatus.ACCEPTED, ActivityStatus.DONE)


class TrainingBudget(models.Model):
    """What the school can spend on training this school year (set by the leader)."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="training_budgets")
    school_year = models.OneToOneField("core.SchoolYear", on_delete=models.CASCADE, related_name="training_budget")
    amount = models.DecimalField(
        _("scholingsbudget (euro)"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )

    def __str__(self):
        return f"{self.school} {self.school_year}: {self.amount}"


class SelfAssessment(models.Model):
    """A person's view of their own leadership skills at one moment (scores 1-5 per skill key)."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="self_assessments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments")
    scores = models.JSONField(default=dict)
    note = models.TextField(_("toelichting (alleen voor jou, tenzij je deelt)"), blank=True, max_length=2000)
    shared = models.BooleanField(_("delen met de schoolleider"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class CoachingSeries(models.Model):
    """A series of coaching conversations between a coach and a colleague who wants to grow."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="coaching_series")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_given")
    coachee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_received", verbose_name=_("met wie")
    )
    title = models.CharField(_("onderwerp"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def is_party(self, user) -> bool:
        return user.pk in (self.coach_id, self.coachee_id)

    def other(self, user):
        return self.coachee if user.pk == self.coach_id else self.coach


class CoachingMeeting(models.Model):
    series = models.ForeignKey(CoachingSeries, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(_("wanneer"))
    minutes = models.PositiveSmallIntegerField(
        _("duur (minuten)"), default=45, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    place = models.CharField(_("waar"), max_length=120, blank=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.series} {self.starts_at}"


class AgendaItem(models.Model):
    """A point on the shared agenda; both add to it."""

    series = models.ForeignKey(CoachingSeries, on_delete=models.CASCADE, related_name="agenda")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("agendapunt"), max_length=300)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "created_at"]

    def __str__(self):
        return self.text


class Agreement(models.Model):
    series = models.ForeignKey(CoachingSeries, on_delete=models.CASCADE, related_name="agreements")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(_("afspraak"), max_length=300)
    follow_up_on = models.DateField(_("terugkomen op"), null=True, blank=True)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done", "follow_up_on", "created_at"]

    def __str__(self):
        return self.text


class PrivateNote(models.Model):
    """A note in a series that only its author ever sees."""

    series = models.ForeignKey(CoachingSeries, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("notitie"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.author} {self.created_at:%Y-%m-%d}"


class FeedbackRequest(models.Model):
    """A teacher leader asks a school leader for feedback (seen only by the two of them)."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="feedback_requests")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_asked")
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_to_give", verbose_name=_("aan")
    )
    question = models.TextField(_("waarop wil je feedback?"), max_length=2000)
    answer = models.TextField(_("feedback"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.asker} → {self.leader}"
