import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    PREPARE = "voorbereiden", _("Voorbereiden")
    TRY_OUT = "uitproberen", _("Uitproberen")
    MONITOR = "monitoren", _("Monitoren")
    ADJUST = "bijstellen", _("Bijstellen")
    EMBED = "borgen", _("Borgen")


PHASE_ORDER = [p.value for p in Phase]


class Trajectory(models.Model):
    """An innovation, owned by a teacher leader and a group, tied to a priority, moving through phases."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="trajectories")
    title = models.CharField(_("naam van de innovatie"), max_length=150)
    description = models.TextField(_("wat willen we bereiken?"), max_length=3000, blank=True)
    group = models.ForeignKey(
        "groups.Group", null=True, on_delete=models.SET_NULL, related_name="trajectories", verbose_name=_("groep")
    )
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trajectories",
        verbose_name=_("speerpunt"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="led_trajectories",
        verbose_name=_("teacher leader"),
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.PREPARE)
    slowing_down = models.BooleanField(_("we vertragen om later te versnellen"), default=False)
    slowdown_reason = models.CharField(_("waarom vertragen we?"), max_length=500, blank=True)
    slowdown_since = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("innovatie")
        verbose_name_plural = _("innovaties")

    def __str__(self):
        return self.title


class TrajectoryEvent(models.Model):
    """The open history of a trajectory: phase moves (with the reason for a skip) and slow-down marks."""

    class Kind(models.TextChoices):
        PHASE = "fase", _("Fase")
        SLOW_DOWN = "vertragen", _("Vertragen")
        RESUME = "versnellen", _("Weer op tempo")

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(max_length=20, choices=Phase.choices, blank=True)
    reason = models.CharField(_("reden"), max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.trajectory}: {self.kind} {self.to_phase}".strip()


class Milestone(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="milestones")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("mijlpaal"), max_length=200)
    planned_start = models.DateField(_("gepland begin"))
    planned_end = models.DateField(_("gepland klaar"))
    actual_start = models.DateField(_("echt begonnen"), null=True, blank=True)
    actual_end = models.DateField(_("echt klaar"), null=True, blank=True)

    class Meta:
        ordering = ["planned_start", "id"]

    def __str__(self):
        return self.title


class LearningPreference(models.TextChoices):
    TOGETHER = "samen", _("Samen doen")
    READ = "lezen", _("Eerst lezen")
    EXAMPLE = "voorbeeld", _("Een voorbeeld zien")
    TRY = "uitproberen", _("Zelf uitproberen")
    EXPLAIN = "uitleg", _("Uitleg krijgen")
    COACH = "coaching", _("Begeleiding in de klas")


class CheckIn(models.Model):
    """A short readiness check-in the lead opens; answers are only ever shown in aggregate."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="check_ins")
    question = models.CharField(_("waar gaat de check-in over?"), max_length=200)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]

    def __str__(self):
        return self.question

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CheckInParticipation(models.Model):
    """Only that someone answered (so nobody answers twice) — never which answer is theirs."""

    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["check_in", "user"], name="one_answer_per_person")]

    def __str__(self):
        return f"{self.check_in_id}"


class CheckInAnswer(models.Model):
    """One answer. No author, no timestamp, a random id: nothing links it to a person or to a moment.

    Only when the person chooses to share it with the lead is ``shared_by`` set.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="answers")
    willing = models.PositiveSmallIntegerField(
        _("veranderbereidheid"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    able = models.PositiveSmallIntegerField(
        _("verandervermogen"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    learning = models.CharField(
        _("hoe leer je iets nieuws het liefst?"), max_length=20, choices=LearningPreference.choices
    )
    remark = models.CharField(_("opmerking"), max_length=500, blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(willing__gte=1, willing__lte=5), name="willing_1_5"),
            models.CheckConstraint(condition=models.Q(able__gte=1, able__lte=5), name="able_1_5"),
        ]

    def __str__(self):
        return f"{self.willing}/{self.able}"


class Embedding(models.Model):
    """Borgen: what was agreed, where it is written down, and when it is reviewed."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="embeddings")
    agreement = models.TextField(_("wat is afgesproken?"), max_length=2000)
    recorded_in = models.CharField(_("waar staat het beschreven?"), max_length=300)
    review_on = models.DateField(_("wanneer kijken we er opnieuw naar?"))
    reviewed_at = models.DateField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["review_on", "id"]

    def __str__(self):
        return self.agreement[:60]
