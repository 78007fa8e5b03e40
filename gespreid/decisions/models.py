from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

BODY_MAX = 20000
TEXT_MAX = 2000


class Proposal(models.Model):
    """A verbetervoorstel or tussenproduct that a person or group puts to the team."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("welk probleem lost het op?"), max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    priority = models.ForeignKey(
        "priorities.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a consent round adopts the proposal: from then on it is a decision and stays as it is.
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")

    def __str__(self):
        return self.title


class DecisionSettings(models.Model):
    """How one school decides: what silence means in a consent round, reminders, default review period."""

    SILENCE_NO_OBJECTION = "geen-bezwaar"
    SILENCE_QUORUM = "quorum"
    SILENCE_CHOICES = [
        (SILENCE_NO_OBJECTION, _("Geen reactie = geen bezwaar")),
        (SILENCE_QUORUM, _("Geen reactie = niet meegedaan; minstens de helft van de gevraagden moet reageren")),
    ]

    school = models.OneToOneField("core.School", on_delete=models.CASCADE, related_name="decision_settings")
    silence_rule = models.CharField(
        _("regel voor stilte in een instemmingsronde"),
        max_length=20,
        choices=SILENCE_CHOICES,
        default=SILENCE_NO_OBJECTION,
    )
    reminder_hours = models.PositiveSmallIntegerField(_("herinnering zoveel uur voor het sluiten"), default=24)
    review_months = models.PositiveSmallIntegerField(_("standaard evaluatie na zoveel maanden"), default=6)

    class Meta:
        verbose_name = _("besluitvorming-instellingen")
        verbose_name_plural = _("besluitvorming-instellingen")

    def __str__(self):
        return f"{self.school}: {self.silence_rule}"


class ProposalVersion(models.Model):
    """One version of the proposal text. Versions shown in a round are never changed again."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("welk probleem lost het op?"), max_length=5000)
    body = models.TextField(_("voorsteltekst"), max_length=BODY_MAX)
    note = models.CharField(_("wat is er veranderd?"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    frozen = models.BooleanField(default=False)

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"], name="one_version_number_per_proposal")]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")

    def __str__(self):
        return f"{self.proposal} v{self.number}"


class Round(models.Model):
    ADVICE = "advies"
    CONSENT = "instemming"
    KIND_CHOICES = [(ADVICE, _("Adviesronde")), (CONSENT, _("Instemmingsronde"))]

    TEAM = "team"
    GROUP = "groep"
    PEOPLE = "personen"
    AUDIENCE_CHOICES = [(TEAM, _("Het hele team")), (GROUP, _("Een werkgroep")), (PEOPLE, _("Gekozen collega's"))]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="rounds")
    kind = models.CharField(_("soort ronde"), max_length=20, choices=KIND_CHOICES)
    audience = models.CharField(_("wie vraag je?"), max_length=20, choices=AUDIENCE_CHOICES, default=TEAM)
    audience_group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    silence_rule = models.CharField(
        max_length=20, choices=DecisionSettings.SILENCE_CHOICES, default=DecisionSettings.SILENCE_NO_OBJECTION
    )
    opened_version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="+")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closes_at = models.DateTimeField(_("sluit op"))
    review_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Invitation", related_name="decision_rounds")

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [models.Index(fields=["closed_at", "closes_at"])]
        verbose_name = _("ronde")
        verbose_name_plural = _("rondes")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.proposal}"

    def is_open(self, now=None) -> bool:
        """Open until closed by hand or until the closing time passed (even before the job ran)."""
        return self.closed_at is None and (now or timezone.now()) < self.closes_at

    @property
    def is_consent(self) -> bool:
        return self.kind == self.CONSENT


class Invitation(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="decision_invitations")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_invitation_per_round")]

    def __str__(self):
        return f"{self.user} @ {self.round}"


class Response(models.Model):
    CONSENT = "instemming"
    CONCERN = "zorg"
    OBJECTION = "bezwaar"
    ADVICE = "advies"
    KIND_CHOICES = [(CONSENT, _("Instemming")), (CONCERN, _("Zorg")), (OBJECTION, _("Bezwaar")), (ADVICE, _("Advies"))]

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="decision_responses")
    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(_("je reactie"), max_length=20, choices=KIND_CHOICES)
    text = models.TextField(_("toelichting"), max_length=TEXT_MAX, blank=True)
    suggestion = models.TextField(_("voorstel voor verbetering"), max_length=TEXT_MAX, blank=True)
    name_visible = models.BooleanField(_("mijn naam is zichtbaar voor het team"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_response_per_round")]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")

    def __str__(self):
        return f"{self.user}: {self.kind}"


class Objection(models.Model):
    """A bezwaar as a tracked item; its lifecycle lives in ``objections.py``."""

    RAISED = "ingediend"
    WORKING = "in-behandeling"
    RESOLVED = "opgelost"
    WITHDRAWN = "ingetrokken"
    NOT_ADOPTED = "niet-overgenomen"
    STATUS_CHOICES = [
        (RAISED, _("Ingediend")),
        (WORKING, _("Wordt aan gewerkt")),
        (RESOLVED, _("Opgelost")),
        (WITHDRAWN, _("Ingetrokken")),
        (NOT_ADOPTED, _("Gehoord, niet overgenomen")),
    ]
    OPEN_STATES = (RAISED, WORKING)

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="objections")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="decision_objections"
    )
    version = models.ForeignKey(ProposalVersion, on_delete=models.PROTECT, related_name="objections")
    harm = models.TextField(_("welke schade doet het voorstel?"), max_length=TEXT_MAX)
    suggestion = models.TextField(_("voorstel voor verbetering"), max_length=TEXT_MAX, blank=True)
    name_visible = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=RAISED)
    objector_confirmed = models.BooleanField(default=False)
    author_confirmed = models.BooleanField(default=False)
    explanation = models.TextField(_("uitleg voor het team"), max_length=TEXT_MAX, blank=True)
    answered_in = models.ForeignKey(
        ProposalVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")

    def __str__(self):
        return self.harm[:80]

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES


class Outcome(models.Model):
    """What a closed round produced; the besluitenlijst lists these."""

    ADOPTED = "besloten"
    NOT_DECIDED = "niet-besloten"
    ADVICE = "advies"
    RESULT_CHOICES = [(ADOPTED, _("Besloten")), (NOT_DECIDED, _("Niet besloten")), (ADVICE, _("Advies opgehaald"))]

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="decision_outcomes")
    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="outcome")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="outcomes")
    result = models.CharField(max_length=20, choices=RESULT_CHOICES)
    decision_text = models.TextField(_("besluit"), max_length=5000)
    version = models.ForeignKey(
        ProposalVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangenomen versie")
    )
    changes = models.TextField(_("wat veranderde dankzij bezwaren en zorgen"), max_length=5000, blank=True)
    review_on = models.DateField(_("evaluatiedatum"), null=True, blank=True)
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["school", "-published_at"])]
        verbose_name = _("uitkomst")
        verbose_name_plural = _("uitkomsten")

    def __str__(self):
        return f"{self.proposal}: {self.result}"
