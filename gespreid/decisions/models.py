from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Proposal(models.Model):
    """A verbetervoorstel or tussenproduct that a person or group puts to the team."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("welk probleem lost het op?"), max_length=5000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    priority = models.ForeignKey("priorities.Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")

    def __str__(self):
        return self.title
