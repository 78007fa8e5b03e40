"""The trust pulse: statements, rounds, anonymous answers, who took part, focus points.

Anonymity by construction (see docs/climate.md):
- ``Answer`` holds no person and no time: a random UUID key, the round, the statement, the score,
  an optional remark and a bouw label that close_round keeps only for groups of five or more;
- answers wait in ``PendingAnswer`` until five of the same bouw have come in, then are written in a
  shuffled batch; at closing the whole round is rewritten once, shuffled, with fresh keys;
- ``Participation`` says only who took part (to refuse answering twice), never what.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.models import School


class Kind(models.TextChoices):
    PULSE = "team", _("Teampuls")
    LEADER = "leider", _("Feedback voor de schoolleider")


class Statement(models.Model):
    """A statement in the school's bank; a round copies the active ones when it is created."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="climate_statements")
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.PULSE)
    code = models.CharField(max_length=30, blank=True)  # set for the default statements: the board adds them up
    text = models.CharField(_("stelling"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("doet mee"), default=True)

    class Meta:
        ordering = ["kind", "position", "id"]

    def __str__(self):
        return self.text


class ClimateSettings(models.Model):
    """Per school: the colleague who may run pulse rounds besides the leader, and consent for the board."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="climate_settings")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("collega die de teampuls mag openen"),
    )
    share_with_board = models.BooleanField(_("het bestuur mag de uitkomst van onze school apart zien"), default=False)

    def __str__(self):
        return f"{self.school}"


class Round(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="climate_rounds")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PULSE)
    title = models.CharField(_("titel"), max_length=120)
    opens_on = models.DateField(_("open vanaf"))
    closes_on = models.DateField(_("sluit na"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Feedback rounds: the school leader the feedback is about; only they see it unless shared.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared = models.BooleanField(default=False)
    reminder_sent = models.BooleanField(default=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-id"]

    def __str__(self):
        return self.title

    def state(self, today=None) -> str:
        today = today or timezone.localdate()
        if self.closed_at:
            return "closed"
        if today < self.opens_on:
            return "planned"
        if today > self.closes_on:
            return "due"  # past its closing date, not yet closed (the job or the runner closes it)
        return "open"

    @property
    def is_open(self) -> bool:
        return self.state() == "open"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class RoundStatement(models.Model):
    """The statements of one round, copied from the bank at creation: fixed while the round runs."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="statements")
    code = models.CharField(max_length=30, blank=True)
    text = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    # Filled once when the round closes (closed rounds never change): answers per score 1..5.
    # The trend and the board read these few rows instead of adding up every answer again.
    counts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def n(self) -> int:
        return sum(self.counts or [])

    @property
    def mean(self) -> float | None:
        n = self.n
        return round(sum((i + 1) * c for i, c in enumerate(self.counts)) / n, 2) if n else None


class Participation(models.Model):
    """Who took part in a round: only to refuse a second answer. Holds nothing of the answer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="climate_one_answer_per_person")]

    def __str__(self):
        return f"{self.round_id}"


class PendingAnswer(models.Model):
    """Answers waiting for a batch: written to ``Answer`` in shuffled order once five of a bouw are in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pending")
    bouw = models.CharField(max_length=20, blank=True)
    scores = models.JSONField()  # [[round statement id, score, remark], ...] of one person

    def __str__(self):
        return str(self.pk)


class Answer(models.Model):
    """One score on one statement. No person, no time, a random key; see the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(RoundStatement, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    remark = models.CharField(max_length=500, blank=True)
    bouw = models.CharField(max_length=20, blank=True)

    def __str__(self):
        return str(self.pk)


class FocusPoint(models.Model):
    """What the team chose to do after a closed round: an action, a proposal or a topic for a group."""

    class Form(models.TextChoices):
        ACTION = "actie", _("Actie met eigenaar en datum")
        PROPOSAL = "voorstel", _("Voorstel voor het team")
        GROUP = "groep", _("Onderwerp voor een werkgroep")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="focus_points")
    form = models.CharField(_("vorm"), max_length=10, choices=Form.choices, default=Form.ACTION)
    title = models.CharField(_("wat gaan we doen"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    done = models.BooleanField(_("gedaan"), default=False)
    outcome = models.CharField(_("wat is er gedaan"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title
