from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionSetting(models.Model):
    """How long a school keeps one kind of data, when it chose other than the default (privacy.rules)."""

    school = models.ForeignKey("core.School", on_delete=models.CASCADE, related_name="retention_settings")
    key = models.CharField(max_length=60)
    months = models.PositiveIntegerField(_("maanden"), validators=[MinValueValidator(1), MaxValueValidator(240)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="one_retention_setting_per_kind")]

    def __str__(self):
        return f"{self.school} {self.key}: {self.months}"
