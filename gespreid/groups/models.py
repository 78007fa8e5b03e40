from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    WORKING_GROUP = "werkgroep", _("Werkgroep")
    LEARNING_TEAM = "leerteam", _("Leerteam")
    PLG = "plg", _("PLG (professionele leergemeenschap)")


class CycleStage(models.TextChoices):
    """The simple research cycle a group works through, in order."""

    QUESTION = "vraag", _("Vraag")
    KNOWLEDGE = "weten", _("Wat weten we")
    ANALYSIS = "analyse", _("Analyse")
    PROPOSAL = "voorstel", _("Voorstel")
    TRYOUT = "uitproberen", _("Uitproberen")
    EVALUATION = "evaluatie", _("Evaluatie")


STAGE_ORDER = [stage.value for stage in CycleStage]


class Group(models.Model):
    """A werkgroep, leerteam or PLG working on one priority in one school year."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_groups")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.PROTECT, related_name="work_groups")
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_groups",
        verbose_name=_("speerpunt"),
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=GroupKind.choices, default=GroupKind.WORKING_GROUP)
    goal = models.TextField(_("doel"), blank=True, max_length=3000)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_groups",
        verbose_name=_("trekker"),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GroupMember", related_name="work_groups")
    is_open = models.BooleanField(_("open voor nieuwe leden"), default=True)
    facilitated_hours = models.DecimalField(_("gefaciliteerde uren"), max_digits=6, decimal_places=1, default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    # Added by the groups app (migration 0002): where the group is in the research cycle.
    stage = models.CharField(
        _("fase in de onderzoekscyclus"), max_length=20, choices=CycleStage.choices, default=CycleStage.QUESTION
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgroep")
        verbose_name_plural = _("werkgroepen")

    def __str__(self):
        return self.name


class GroupMember(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_group_membership")]

    def __str__(self):
        return f"{self.user} in {self.group}"


def entry_upload_to(instance, filename):
    import uuid
    from pathlib import Path

    # A random name: the file is only ever served through a view that checks membership.
    return f"groups/{instance.group.school_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CycleEntry(models.Model):
    """A short entry in one stage of the cycle: who, when, what; optionally a link or a file."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="entries")
    stage = models.CharField(_("fase"), max_length=20, choices=CycleStage.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("door")
    )
    text = models.TextField(_("wat"), max_length=2000)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("bestand"), upload_to=entry_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=150, blank=True)
    # A large photo is re-encoded by a worker (groups.processing): until then the file is the upload
    # as it came in and is not served.
    file_state = models.CharField(
        max_length=10,
        choices=[("klaar", _("Klaar")), ("verwerken", _("Wordt verwerkt")), ("mislukt", _("Verwerken mislukt"))],
        default="klaar",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["group", "stage", "-created_at"])]

    def __str__(self):
        return self.text[:60]


class Meeting(models.Model):
    """Notes of one group meeting, with agreements; actions hang below it."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("datum"))
    notes = models.TextField(_("aantekeningen"), max_length=5000, blank=True)
    agreements = models.TextField(_("afspraken"), max_length=3000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.group} {self.held_on}"


class Action(models.Model):
    """An action from a meeting: what, who, when; done or not."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="group_actions",
        verbose_name=_("wie"),
    )
    due_on = models.DateField(_("uiterlijk"), null=True, blank=True)
    done = models.BooleanField(_("gedaan"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done", "due_on", "id"]

    def __str__(self):
        return self.text
