"""Learning from each other: advice and feedback requests between two colleagues, lesson visits, kijkwijzers.

Everything here is private to the two people involved until both (a request) or the owner (a visit)
choose to share it. The school leader sees only counts (see ``requests.advice_counts_by_area`` and
``visits.visits_this_year``).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_upload_to(instance, filename):
    from pathlib import Path

    # A random name: the file is only ever served through a view that checks it is one of the two.
    return f"learning/{instance.school_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


def new_ics_uid() -> str:
    return f"{uuid.uuid4()}@gespreid"


class ShareScope(models.TextChoices):
    TEAM = "team", _("het team")
    GROUP = "groep", _("een werkgroep")


class AdviceRequest(models.Model):
    """One colleague asks another for advice or feedback; the two continue in a short thread.

    ``school`` is the asker's school, ``recipient_school`` the colleague's: the same school, or another
    school of the board (cross-school search). Each of the two sees the request in their own school.
    """

    class Kind(models.TextChoices):
        ADVICE = "advies", _("Advies")
        FEEDBACK = "feedback", _("Feedback")

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op antwoord")
        ACCEPTED = "aangenomen", _("In gesprek")
        DECLINED = "afgeslagen", _("Niet nu")
        CLOSED = "afgerond", _("Afgerond")
        WITHDRAWN = "ingetrokken", _("Ingetrokken")

    class ShareWhat(models.TextChoices):
        THREAD = "gesprek", _("het hele gesprek")
        TAKEAWAY = "opbrengst", _("alleen wat ik ermee doe")

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="advice_requests")
    recipient_school = models.ForeignKey(
        "core.School", on_delete=models.CASCADE, related_name="received_advice_requests"
    )
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice_asked")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advice_received")
    kind = models.CharField(_("soort vraag"), max_length=10, choices=Kind.choices, default=Kind.ADVICE)
    question = models.TextField(_("je vraag"), max_length=2000)
    context = models.TextField(_("wat context"), max_length=3000, blank=True)
    areas = models.ManyToManyField("expertise.Area", blank=True, related_name="advice_requests")
    wish_date = models.DateField(_("graag vóór"), null=True, blank=True)
    attachment = models.FileField(_("bijlage"), upload_to=attachment_upload_to, max_length=200, blank=True)
    attachment_name = models.CharField(max_length=150, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    answer_word = models.CharField(_("kort woordje"), max_length=200, blank=True)
    accepted = models.BooleanField(null=True)  # the colleague's answer: yes (True) or "niet nu" (False)
    outcome = models.TextField(_("wat ik hiermee doe"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Sharing: one of the two proposes, the other agrees; only then ``shared_at`` is set.
    share_scope = models.CharField(max_length=10, choices=ShareScope.choices, blank=True)
    share_group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="shared_advice"
    )
    share_what = models.CharField(max_length=10, choices=ShareWhat.choices, blank=True)
    share_proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    shared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["school", "asker"]),
            models.Index(fields=["recipient_school", "recipient", "status"]),
        ]
        verbose_name = _("adviesvraag")
        verbose_name_plural = _("adviesvragen")

    def __str__(self):
        return self.question[:60]

    def other(self, user):
        return self.recipient if user.pk == self.asker_id else self.asker

    @property
    def is_cross_school(self) -> bool:
        return self.school_id != self.recipient_school_id


class AdviceMessage(models.Model):
    """One message in the short thread of an accepted request."""

    request = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("bericht"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:60]


class Kijkwijzer(models.Model):
    """An observation guide in the school's library: a theme with 3-6 observable look-fors."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="kijkwijzers")
    title = models.CharField(_("titel"), max_length=120)
    description = models.CharField(_("waar kijk je naar?"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("kijkwijzer")
        verbose_name_plural = _("kijkwijzers")

    def __str__(self):
        return self.title


class LookFor(models.Model):
    kijkwijzer = models.ForeignKey(Kijkwijzer, on_delete=models.CASCADE, related_name="look_fors")
    text = models.CharField(_("kijkpunt"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text


class Visit(models.Model):
    """A lesson visit (collegiale consultatie), owned by the person who is visited. Not an appraisal."""

    class Status(models.TextChoices):
        PROPOSED = "voorgesteld", _("Momenten voorgesteld")
        PLANNED = "gepland", _("Gepland")
        DECLINED = "afgeslagen", _("Niet nu")
        CANCELLED = "afgezegd", _("Afgezegd")
        REFLECTED = "nabesproken", _("Nabesproken")

    class ShareWhat(models.TextChoices):
        WHOLE = "geheel", _("het hele bezoek")
        REFLECTION = "reflectie", _("alleen de reflectie")

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="lesson_visits")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits_owned")
    visitor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visits_made")
    focus = models.TextField(_("je focusvraag"), max_length=1000)
    priority = models.ForeignKey(
        "priorities.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    moment = models.ForeignKey("VisitMoment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answer_word = models.CharField(_("kort woordje"), max_length=200, blank=True)
    # The calendar event: one UID for the visit's life, SEQUENCE raised on every change.
    ics_uid = models.CharField(max_length=80, unique=True, default=new_ics_uid, editable=False)
    ics_sequence = models.PositiveIntegerField(default=0)
    learned = models.TextField(_("wat heb ik geleerd?"), max_length=3000, blank=True)
    will_try = models.TextField(_("wat ga ik uitproberen?"), max_length=3000, blank=True)
    reflected_at = models.DateTimeField(null=True, blank=True)
    cycle_entry = models.ForeignKey(
        "groups.CycleEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    takeaway = models.TextField(_("wat neem ik zelf mee?"), max_length=3000, blank=True)
    share_scope = models.CharField(max_length=10, choices=ShareScope.choices, blank=True)
    share_group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="shared_visits"
    )
    share_what = models.CharField(max_length=10, choices=ShareWhat.choices, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    reminder_before_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_after_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["school", "owner"]), models.Index(fields=["school", "visitor"])]
        verbose_name = _("lesbezoek")
        verbose_name_plural = _("lesbezoeken")

    def __str__(self):
        return self.focus[:60]

    def other(self, user):
        return self.visitor if user.pk == self.owner_id else self.owner


class VisitMoment(models.Model):
    """One of the one to three moments the owner proposes: date and time, group, subject."""

    DURATIONS = [(30, "30 min"), (45, "45 min"), (60, "60 min"), (90, "90 min")]

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="moments")
    starts_at = models.DateTimeField(_("wanneer"))
    minutes = models.PositiveSmallIntegerField(_("hoe lang"), choices=DURATIONS, default=45)
    class_group = models.PositiveSmallIntegerField(_("groep"), validators=[MinValueValidator(1), MaxValueValidator(8)])
    subject = models.CharField(_("vak of les"), max_length=100)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self):
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.minutes)


class Seen(models.TextChoices):
    SEEN = "gezien", _("Gezien")
    NOT_SEEN = "niet-gezien", _("Niet gezien")
    QUESTION = "vraag", _("Vraag")


class VisitLookFor(models.Model):
    """A look-for of one visit (copied text, so curating the library never changes a past visit) and what was seen."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="look_fors")
    text = models.CharField(_("kijkpunt"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(LookFor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    seen = models.CharField(_("wat zag je?"), max_length=12, choices=Seen.choices, blank=True)
    note = models.TextField(_("wat je zag (beschrijvend)"), max_length=2000, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.text
