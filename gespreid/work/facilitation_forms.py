"""Forms for dagdelen and role announcements (kept apart from forms.py, which the planning work edits)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import DayPart, RoleAnnouncement


class DagdeelForm(forms.Form):
    day = forms.DateField(label=_("Datum"), widget=DateInput())
    part = forms.ChoiceField(label=_("Dagdeel"), choices=DayPart.choices)
    during_school = forms.BooleanField(label=_("Onder schooltijd (uit de klas)"), required=False, initial=True)
    note = forms.CharField(label=_("Waarvoor (optioneel)"), max_length=200, required=False)
    over_budget_reason = forms.CharField(
        label=_("Reden als dit boven het budget gaat"),
        max_length=300,
        required=False,
        help_text=_("Alleen nodig als Gespreid meldt dat iemand boven het budget komt."),
    )


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = RoleAnnouncement
        fields = ["does", "may_decide", "when_to_go"]
        widgets = {"does": forms.Textarea(attrs={"rows": 4}), "may_decide": forms.Textarea(attrs={"rows": 3})}


class ChangeRequestForm(forms.Form):
    remark = forms.CharField(label=_("Wat moet er anders?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class RoleFilterForm(forms.Form):
    """'Wie doet wat' filtered by school year, speerpunt and kind of role (GET)."""

    jaar = forms.ModelChoiceField(label=_("Schooljaar"), queryset=None, required=False, empty_label=_("dit schooljaar"))
    speerpunt = forms.ModelChoiceField(label=_("Speerpunt"), queryset=None, required=False, empty_label=_("alle"))
    soort = forms.ChoiceField(label=_("Soort rol"), required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import RoleKind

        self.fields["jaar"].queryset = school.years.order_by("-starts_on")
        self.fields["speerpunt"].queryset = school.priorities.all()
        self.fields["soort"].choices = [("", _("alle")), *RoleKind.choices]
