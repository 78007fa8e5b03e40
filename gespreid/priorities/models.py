from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Priority(models.Model):
    """A speerpunt: one of the school's few development goals, possibly spanning several years."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="priorities")
    title = models.CharField(_("titel"), max_length=150)
    intended_result = models.TextField(_("beoogd resultaat"), blank=True, max_length=3000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_priorities",
        verbose_name=_("eigenaar"),
    )
    first_year = models.ForeignKey(
        "core.SchoolYear", on_delete=models.PROTECT, related_name="+", verbose_name=_("vanaf schooljaar")
    )
    last_year = models.ForeignKey(
        "core.SchoolYear",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("tot en met schooljaar"),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("speerpunt")
        verbose_name_plural = _("speerpunten")

    def __str__(self):
        return self.title


class Requirement(models.Model):
    """Expertise a priority needs: an area, a minimum level and how many people."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="requirements")
    area = models.ForeignKey("expertise.Area", on_delete=models.PROTECT, related_name="requirements")
    min_level = models.PositiveSmallIntegerField(_("minimaal niveau"), default=2)
    people_needed = models.PositiveSmallIntegerField(_("aantal mensen"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["priority", "area"], name="one_requirement_per_area")]

    def __str__(self):
        return f"{self.priority}: {self.area} >= {self.min_level} x {self.people_needed}"


class GapRoute(models.Model):
    """What the leader decided for a gap (a requirement that is not covered): train whom, who shares with
    whom, or hire. One route per requirement; the gap then reads "in ontwikkeling" or "gedeeld"."""

    TRAIN, SHARE, HIRE = "train", "share", "hire"
    ROUTES = [(TRAIN, _("Opleiden")), (SHARE, _("Delen")), (HIRE, _("Werven"))]

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="gap_routes")
    requirement = models.OneToOneField(Requirement, on_delete=models.CASCADE, related_name="route")
    route = models.CharField(_("route"), max_length=10, choices=ROUTES)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("wie (opleiden: wie groeit; delen: wie deelt)"),
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("met wie (delen: wie leert mee)"),
    )
    partner_name = models.CharField(_("of: iemand van een andere school"), max_length=150, blank=True)
    note = models.CharField(_("afspraak"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.requirement}: {self.route}"


class VacancyDraft(models.Model):
    """The vacancy text the leader works on, started from the gaps that remain after planned training."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="vacancy_drafts")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.CASCADE, related_name="+")
    function = models.CharField(_("functie"), max_length=120, default="Leerkracht")
    fte = models.DecimalField(_("fte"), max_digits=3, decimal_places=2, default=1)
    scale = models.CharField(_("salarisschaal"), max_length=20, blank=True, default="L10")
    needs = models.TextField(_("wat het team nodig heeft"), max_length=5000, blank=True)
    why = models.TextField(_("waarom"), max_length=5000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "school_year"], name="one_vacancy_draft_per_year")]

    def __str__(self):
        return f"{self.function} {self.school}"
