from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import FocusPoint, Kind

SCORE_CHOICES = [
    (1, _("1 · helemaal niet mee eens")),
    (2, _("2 · niet mee eens")),
    (3, _("3 · neutraal")),
    (4, _("4 · mee eens")),
    (5, _("5 · helemaal mee eens")),
]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=120)
    opens_on = forms.DateField(label=_("Open vanaf"), widget=DateInput())
    closes_on = forms.DateField(label=_("Sluit na"), widget=DateInput())
    statements = forms.ModelMultipleChoiceField(
        label=_("Stellingen in deze ronde"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Zet stellingen uit of voeg ze toe vóór de ronde opent; tijdens de ronde liggen ze vast."),
    )

    def __init__(self, *args, school, kind, **kwargs):
        today = timezone.localdate()
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("opens_on", today)
        initial.setdefault("closes_on", today + timedelta(days=14))
        super().__init__(*args, **kwargs)
        qs = school.climate_statements.filter(kind=kind, is_active=True)
        self.fields["statements"].queryset = qs
        self.fields["statements"].initial = list(qs.values_list("pk", flat=True))
        self.fields["title"].initial = (
            _("Teampuls %(month)s") if kind == Kind.PULSE else _("Feedback voor mij, %(month)s")
        ) % {"month": today.strftime("%m-%Y")}


class AnswerForm(forms.Form):
    """One score (required) and one remark (optional) per statement of the round."""

    def __init__(self, *args, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        for s in self.statements:
            self.fields[f"score_{s.pk}"] = forms.TypedChoiceField(
                label=s.text,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een score van 1 tot 5.")},
            )
            self.fields[f"remark_{s.pk}"] = forms.CharField(
                label=_("Toelichting (mag leeg blijven)"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict:
        return {
            s.pk: (self.cleaned_data[f"score_{s.pk}"], self.cleaned_data.get(f"remark_{s.pk}", ""))
            for s in self.statements
        }

    def pairs(self):
        return [(s, self[f"score_{s.pk}"], self[f"remark_{s.pk}"]) for s in self.statements]


class StatementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    text = forms.CharField(label=_("Stelling"), max_length=200)


class FocusPointForm(forms.Form):
    form = forms.ChoiceField(label=_("Vorm"), choices=FocusPoint.Form.choices)
    title = forms.CharField(label=_("Wat gaan we doen?"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Klaar op"), required=False, widget=DateInput())

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )

    def clean(self):
        data = super().clean()
        if data.get("form") == FocusPoint.Form.ACTION and (not data.get("owner") or not data.get("due_on")):
            raise forms.ValidationError(_("Een actie heeft een eigenaar en een datum."))
        return data


class FocusUpdateForm(forms.Form):
    done = forms.BooleanField(label=_("Gedaan"), required=False)
    outcome = forms.CharField(label=_("Wat is er gedaan?"), max_length=300, required=False)


class SettingsForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("Collega die de teampuls mag openen en sluiten"), queryset=None, required=False
    )
    share_with_board = forms.BooleanField(
        label=_("Het bestuur mag de uitkomst van onze school apart zien"),
        required=False,
        help_text=_("Zonder deze toestemming telt onze school alleen mee in het totaal van het bestuur."),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )
