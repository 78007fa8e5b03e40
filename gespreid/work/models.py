"""Hour budgets (CAO PO), tasks, teacher-leader roles, preferences, allocation and the werkverdelingsplan."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import hours

ZERO = Decimal("0")


class CaoSettings(models.Model):
    """The CAO numbers a board works with (the CAO changes; the defaults are CAO PO)."""

    board = models.OneToOneField("core.Board", on_delete=models.CASCADE, related_name="cao_settings")
    annual_per_fte = models.DecimalField(
        _("jaartaak per fte (uur)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("1659"),
        validators=[MinValueValidator(1)],
    )
    max_teaching_per_fte = models.DecimalField(
        _("maximaal lesuren per fte"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("940"),
        validators=[MinValueValidator(0)],
    )
    employability_per_fte = models.DecimalField(
        _("duurzame inzetbaarheid per fte (uur)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("40"),
        validators=[MinValueValidator(0)],
    )
    senior_extra_per_fte = models.DecimalField(
        _("extra duurzame inzetbaarheid vanaf 57 jaar, per fte (uur)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("130"),
        validators=[MinValueValidator(0)],
    )
    starter_extra_per_fte = models.DecimalField(
        _("extra duurzame inzetbaarheid voor starters, per fte (uur)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("40"),
        validators=[MinValueValidator(0)],
    )
    development_per_fte = models.DecimalField(
        _("professionalisering per fte (uur)"),
        max_digits=6,
        decimal_places=1,
        default=Decimal("83"),
        validators=[MinValueValidator(0)],
    )
    # The core work of the functions that do not teach a group (per fte, per year); see docs/work.md.
    assistant_core_per_fte = models.DecimalField(
        _("onderwijsassistent: uren in de groepen per fte"),
        max_digits=6,
        decimal_places=1,
        default=hours.DEFAULT_CORE_PER_FTE["onderwijsassistent"],
        validators=[MinValueValidator(0)],
    )
    ib_core_per_fte = models.DecimalField(
        _("intern begeleider: uren zorg en begeleiding per fte"),
        max_digits=6,
        decimal_places=1,
        default=hours.DEFAULT_CORE_PER_FTE["ib"],
        validators=[MinValueValidator(0)],
    )
    specialist_core_per_fte = models.DecimalField(
        _("specialist: uren eigen vakgebied per fte"),
        max_digits=6,
        decimal_places=1,
        default=hours.DEFAULT_CORE_PER_FTE["specialist"],
        validators=[MinValueValidator(0)],
    )
    director_core_per_fte = models.DecimalField(
        _("directie: uren leidinggeven per fte"),
        max_digits=6,
        decimal_places=1,
        default=hours.DEFAULT_CORE_PER_FTE["directeur"],
        validators=[MinValueValidator(0)],
    )
    support_core_per_fte = models.DecimalField(
        _("conciërge en administratie: uren eigen werk per fte"),
        max_digits=6,
        decimal_places=1,
        default=hours.DEFAULT_CORE_PER_FTE["ondersteuning"],
        validators=[MinValueValidator(0)],
    )

    def __str__(self):
        return f"CAO {self.board}"

    def rules(self) -> hours.CaoRules:
        return hours.CaoRules(
            self.annual_per_fte,
            self.max_teaching_per_fte,
            self.employability_per_fte,
            self.senior_extra_per_fte,
            self.starter_extra_per_fte,
            self.development_per_fte,
            {
                "onderwijsassistent": self.assistant_core_per_fte,
                "ib": self.ib_core_per_fte,
                "specialist": self.specialist_core_per_fte,
                "directeur": self.director_core_per_fte,
                "adjunct": self.director_core_per_fte,
                "ondersteuning": self.support_core_per_fte,
            },
        )


class SchoolWorkSettings(models.Model):
    """School-set numbers: the preparation percentage and how many hours one dagdeel counts."""

    school = models.OneToOneField("core.School", on_delete=models.CASCADE, related_name="work_settings")
    preparation_percent = models.DecimalField(
        _("voorbereiding en nawerk (% van de lesuren)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("40"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    hours_per_dagdeel = models.DecimalField(
        _("uren per dagdeel"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("4"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(12)],
    )

    def __str__(self):
        return f"{self.school}"


class Budget(models.Model):
    """One person's hours in one school year. The leader enters the teaching hours; the rest is computed."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_budgets")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="work_budgets")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_budgets")
    fte = models.DecimalField(
        _("fte"), max_digits=4, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(Decimal("1.2"))]
    )
    teaching_hours = models.DecimalField(
        _("lesuren per jaar"),
        max_digits=6,
        decimal_places=1,
        default=ZERO,
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
    )
    teaching_agreement = models.BooleanField(_("afspraak vastgelegd over meer lesuren dan het maximum"), default=False)
    senior = models.BooleanField(_("57 jaar of ouder (extra duurzame inzetbaarheid)"), default=False)
    starter = models.BooleanField(_("startende leerkracht (extra duurzame inzetbaarheid)"), default=False)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    core_hours = models.DecimalField(
        _("uren kernwerk (anders dan de standaard)"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(2000)],
        help_text=_("Leeg: de standaard van de functie. Voor leerkrachten tellen de lesuren en de voorbereiding."),
    )
    core_reason = models.CharField(_("waarom anders dan de standaard"), max_length=300, blank=True)
    takes_tasks = models.BooleanField(
        _("doet mee in de verdeling van taken"),
        default=True,
        help_text=_(
            "Uit voor bijvoorbeeld de directeur: de rekenhulp geeft deze persoon geen taken (vastzetten kan wel)."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user__name"]
        constraints = [models.UniqueConstraint(fields=["school_year", "user"], name="one_work_budget_per_year")]

    def __str__(self):
        return f"{self.user} {self.school_year}"


class Task(models.Model):
    """A task in the school's catalogue. Retiring ("opruimen") keeps it and its history."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_tasks")
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("wat houdt de taak in?"), blank=True, max_length=2000)
    hours_per_person = models.DecimalField(
        _("uren per persoon per jaar"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(1000)],
    )
    headcount = models.PositiveSmallIntegerField(
        _("aantal mensen"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    areas = models.ManyToManyField(
        "expertise.Area", blank=True, related_name="work_tasks", verbose_name=_("nodig: expertise")
    )
    growth_areas = models.ManyToManyField(
        "expertise.Area", blank=True, related_name="work_growth_tasks", verbose_name=_("hierin kun je groeien")
    )
    expertise_level = models.PositiveSmallIntegerField(
        _("vereist niveau"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Alleen wie dit niveau heeft in een van de expertises hierboven, krijgt de taak."),
    )
    learning_place = models.BooleanField(
        _("leerplek"),
        default=False,
        help_text=_(
            "Wie in deze expertise wil groeien mag de taak ook krijgen, met steun van een collega die het niveau heeft."
        ),
    )
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_tasks",
        verbose_name=_("speerpunt"),
    )
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_reason = models.CharField(_("waarom opgeruimd"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self):
        return self.name

    @property
    def total_hours(self) -> Decimal:
        return self.hours_per_person * self.headcount


class RoleKind(models.TextChoices):
    FORMAL = "formeel", _("Formele rol")
    INFORMAL = "informeel", _("Informele rol")


class SalaryScale(models.TextChoices):
    L10 = "L10", "L10 (LB)"
    L11 = "L11", "L11 (LC)"
    L12 = "L12", "L12 (LD)"


class Role(models.Model):
    """A teacher-leader role: who, what they do, what they may decide, facilitated dagdelen."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_roles")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_roles", verbose_name=_("wie")
    )
    title = models.CharField(_("rol"), max_length=120)
    kind = models.CharField(_("soort"), max_length=20, choices=RoleKind.choices, default=RoleKind.FORMAL)
    responsibilities = models.TextField(_("wat doet deze rol?"), max_length=2000)
    authorities = models.TextField(_("wat mag deze rol beslissen?"), blank=True, max_length=2000)
    when_to_ask = models.CharField(_("wanneer ga je naar deze persoon?"), max_length=300, blank=True)
    dagdelen = models.DecimalField(
        _("gefaciliteerde dagdelen per jaar"),
        max_digits=5,
        decimal_places=1,
        default=ZERO,
        validators=[MinValueValidator(0), MaxValueValidator(400)],
    )
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"), null=True, blank=True)
    priority = models.ForeignKey(
        "priorities.Priority",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_roles",
        verbose_name=_("speerpunt"),
    )
    group = models.ForeignKey(
        "groups.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="work_roles",
        verbose_name=_("werkgroep"),
    )
    salary_scale = models.CharField(_("salarisschaal"), max_length=3, choices=SalaryScale.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")

    def __str__(self):
        return self.title

    def hours(self, hours_per_dagdeel) -> Decimal:
        return hours.r1(self.dagdelen * hours_per_dagdeel)


class Choice(models.TextChoices):
    GLADLY = "graag", _("Graag")
    CAN = "kan", _("Kan")
    RATHER_NOT = "liever-niet", _("Liever niet")


class Preference(models.Model):
    """What one person says about one task this school year; only they can change it."""

    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="work_preferences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_preferences")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="preferences")
    choice = models.CharField(max_length=12, choices=Choice.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school_year", "user", "task"], name="one_work_preference")]

    def __str__(self):
        return f"{self.user}: {self.task} = {self.choice}"


class PlanStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    CONSULTATION = "teamraadpleging", _("Teamraadpleging")
    PMR = "pmr", _("PMR-instemming vastgelegd")
    ADOPTED = "vastgesteld", _("Vastgesteld")


class Plan(models.Model):
    """The werkverdelingsplan of one school year, with the last allocation run and its workflow dates."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_plans")
    school_year = models.OneToOneField("core.SchoolYear", on_delete=models.CASCADE, related_name="work_plan")
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.CONCEPT)
    funds_text = models.TextField(_("hoe we de werkdrukmiddelen inzetten"), blank=True, max_length=5000)
    breaks_text = models.TextField(_("pauzes"), blank=True, max_length=2000)
    other_text = models.TextField(_("overige afspraken (bijvoorbeeld vervanging)"), blank=True, max_length=5000)
    shared_at = models.DateTimeField(null=True, blank=True)
    consultation = models.ForeignKey(
        "decisions.Proposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consultation_on = models.DateField(null=True, blank=True)
    pmr_consent_on = models.DateField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True)
    # The last allocation run
    solver_status = models.CharField(max_length=20, blank=True)
    objective = models.FloatField(null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    solve_seconds = models.FloatField(null=True, blank=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)
    unfilled = models.JSONField(default=dict, blank=True)  # task id -> places left open

    class Meta:
        ordering = ["-school_year__starts_on"]

    def __str__(self):
        return f"{self.school} {self.school_year}"

    @property
    def is_concept(self) -> bool:
        return self.status == PlanStatus.CONCEPT

    @property
    def consultation_round(self):
        """The team's latest round on the consultation proposal (open or closed), or None."""
        if self.consultation_id is None:
            return None
        return self.consultation.rounds.order_by("-opened_at").first()

    @property
    def gap(self):
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(1.0, abs(self.bound))

    @property
    def gap_percent(self):
        gap = self.gap
        return None if gap is None else round(gap * 100, 1)


class Assignment(models.Model):
    """One person on one task in a plan: from the solver or the leader, pinned or not, with its score parts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_assignments")
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    pinned = models.BooleanField(default=False)
    by_leader = models.BooleanField(default=False)
    parts = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["task__name", "user__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "task", "user"], name="one_assignment_per_task_person")]

    def __str__(self):
        return f"{self.user} → {self.task}"


class Exclusion(models.Model):
    """The leader says: this person does not take this task in this plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="exclusions")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "task", "user"], name="one_exclusion_per_task_person")]

    def __str__(self):
        return f"{self.user} ✕ {self.task}"


class BudgetConfirmation(models.Model):
    """The leader knowingly puts someone over their hours in this plan, with a reason the plan shows."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_confirmations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cause = models.CharField(max_length=200)
    hours_over = models.DecimalField(max_digits=6, decimal_places=1)
    reason = models.CharField(_("waarom toch"), max_length=300)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["confirmed_at"]

    def __str__(self):
        return f"{self.user}: {self.cause} (+{self.hours_over})"


from .models_facilitation import AnnouncementStatus, CalendarFeed, Dagdeel, DayPart, RoleAnnouncement  # noqa: E402,F401
