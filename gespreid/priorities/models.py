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
