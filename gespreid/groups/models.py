from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    WORKING_GROUP = "werkgroep", _("Werkgroep")
    LEARNING_TEAM = "leerteam", _("Leerteam")
    PLG = "plg", _("PLG (professionele leergemeenschap)")


class Group(models.Model):
    """A werkgroep, leerteam or PLG working on one priority in one school year."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="work_groups")
    school_year = models.ForeignKey("core.SchoolYear", on_delete=models.PROTECT, related_name="work_groups")
    priority = models.ForeignKey(
        "priorities.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="work_groups", verbose_name=_("speerpunt")
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=20, choices=GroupKind.choices, default=GroupKind.WORKING_GROUP)
    goal = models.TextField(_("doel"), blank=True, max_length=3000)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_groups", verbose_name=_("trekker")
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="GroupMember", related_name="work_groups")
    is_open = models.BooleanField(_("open voor nieuwe leden"), default=True)
    facilitated_hours = models.DecimalField(_("gefaciliteerde uren"), max_digits=6, decimal_places=1, default=0)
    created_at = models.DateTimeField(auto_now_add=True)

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
