from django import forms
from django.utils.translation import gettext_lazy as _

from . import personal_data


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik weet dat dit niet terug te draaien is."),
        error_messages={"required": _("Vink aan dat je weet dat wissen niet terug te draaien is.")},
    )


class RetentionForm(forms.Form):
    """One number of months per kind of data."""

    def __init__(self, school, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in personal_data.terms(school):
            rule = row["rule"]
            self.fields[rule.key] = forms.IntegerField(
                label=rule.label,
                min_value=1,
                max_value=240,
                initial=row["months"],
                help_text=_("%(reason)s Standaard: %(months)s maanden.")
                % {"reason": rule.reason, "months": row["default"]},
                error_messages={
                    "invalid": _("Vul een aantal maanden in, bijvoorbeeld 12."),
                    "min_value": _("Minstens 1 maand."),
                    "max_value": _("Hooguit 240 maanden (20 jaar)."),
                    "required": _("Vul een aantal maanden in."),
                },
            )
