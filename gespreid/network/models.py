from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Question(models.TextChoices):
    """The five questions of school network research (Moolenaar, Spillane): to whom do you go for ..."""

    ADVICE = "advies", _("advies over lesgeven")
    HELP = "hulp", _("hulp bij het werk")
    FEEDBACK = "feedback", _("feedback")
    IDEAS = "ideeen", _("nieuwe ideeën")
    SUPPORT = "steun", _("persoonlijke steun")


QUESTION_TEXT = {
    Question.ADVICE: _("Naar wie ga je voor advies over lesgeven?"),
    Question.HELP: _("Naar wie ga je voor hulp bij je werk?"),
    Question.FEEDBACK: _("Van wie vraag je feedback op je werk?"),
    Question.IDEAS: _("Met wie bespreek je nieuwe ideeën?"),
    Question.SUPPORT: _("Bij wie kun je terecht voor persoonlijke steun?"),
}
QUESTION_ORDER = [q.value for q in Question]


class Frequency(models.IntegerChoices):
    RARELY = 1, _("een paar keer per jaar")
    MONTHLY = 2, _("maandelijks")
    WEEKLY = 3, _("wekelijks")
    DAILY = 4, _("(bijna) dagelijks")


class Round(models.Model):
    """A network survey round, opened by the school leader with an explanation agreed with the staff."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="network_rounds")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.PROTECT, related_name="network_rounds")
    title = models.CharField(_("titel"), max_length=150)
    explanation = models.TextField(_("uitleg vooraf"), max_length=4000)
    questions = models.JSONField(_("vragen"), default=list)
    across_board = models.BooleanField(_("ook collega's van andere scholen van het bestuur"), default=False)
    closes_on = models.DateField(_("sluit op"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("geopend door")
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("netwerkronde")
        verbose_name_plural = _("netwerkrondes")

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        if self.closed_at is not None:
            return False
        return self.closes_on is None or self.closes_on >= timezone.localdate()

    def question_list(self) -> list[dict]:
        return [
            {"key": q, "label": Question(q).label, "text": QUESTION_TEXT[q]}
            for q in QUESTION_ORDER
            if q in self.questions
        ]


class Response(models.Model):
    """That one person answered a round, and whether they may be named in its results."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_responses")
    may_be_named = models.BooleanField(_("ik mag met naam in de uitkomsten staan"), default=False)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_network_response_per_round")]

    def __str__(self):
        return f"{self.user_id} @ {self.round_id}"


class Tie(models.Model):
    """One answer: ``source`` goes to ``target`` for ``question``, this often."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="ties")
    source = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.CharField(max_length=20, choices=Question.choices)
    frequency = models.PositiveSmallIntegerField(choices=Frequency.choices, default=Frequency.MONTHLY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "source", "target", "question"], name="one_tie_per_question"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="no_tie_to_self"),
        ]

    def __str__(self):
        return f"{self.source_id} -> {self.target_id} ({self.question})"


class ContactKind(models.TextChoices):
    SCHOOL = "school", _("Andere school")
    PABO = "pabo", _("Pabo / lerarenopleiding")
    UNIVERSITY = "universiteit", _("Universiteit of hogeschool")
    SUPPORT = "ondersteuning", _("Ondersteuningsdienst / samenwerkingsverband")
    SPECIALIST = "specialist", _("Specialist of adviseur")
    MUNICIPALITY = "gemeente", _("Gemeente")
    MUSEUM = "museum", _("Museum of culturele instelling")
    COMPANY = "bedrijf", _("Bedrijf (wetenschap en techniek)")
    OTHER = "anders", _("Anders")


class OutsideContact(models.Model):
    """An organisation or person outside the school the team can turn to; kept up by the team."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="outside_contacts")
    name = models.CharField(_("naam (organisatie of persoon)"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=ContactKind.choices, default=ContactKind.OTHER)
    contact_person = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    how_to_reach = models.TextField(_("hoe bereik je ze?"), max_length=1000, blank=True)
    notes = models.TextField(_("wat weten of doen ze?"), max_length=2000, blank=True)
    areas = models.ManyToManyField(
        "expertise.Area", blank=True, related_name="outside_contacts", verbose_name=_("expertise")
    )
    known_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="known_outside_contacts", verbose_name=_("wie kent ze?")
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact buiten de school")
        verbose_name_plural = _("contacten buiten de school")

    def __str__(self):
        return self.name
