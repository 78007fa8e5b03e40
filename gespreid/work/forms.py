from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput, Select
from gespreid.expertise.models import Level

from .models import Budget, CaoSettings, Choice, Plan, Role, SchoolWorkSettings, Task


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = [
            "fte",
            "teaching_hours",
            "teaching_agreement",
            "core_hours",
            "core_reason",
            "senior",
            "starter",
            "takes_tasks",
            "note",
        ]

    def __init__(self, *args, function: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        from .hours import TEACHING_FUNCTIONS

        if function not in TEACHING_FUNCTIONS:
            # Not a teaching function: its core work is the board's default (or the figure below), not lesuren.
            del self.fields["teaching_hours"], self.fields["teaching_agreement"]

    def clean(self):
        data = super().clean()
        if data.get("core_hours") is not None and not (data.get("core_reason") or "").strip():
            self.add_error("core_reason", _("Geef een reden als de uren kernwerk anders zijn dan de standaard."))
        return data


class SchoolSettingsForm(forms.ModelForm):
    class Meta:
        model = SchoolWorkSettings
        fields = ["preparation_percent", "hours_per_dagdeel"]


class CaoSettingsForm(forms.ModelForm):
    class Meta:
        model = CaoSettings
        fields = [
            "annual_per_fte",
            "max_teaching_per_fte",
            "employability_per_fte",
            "senior_extra_per_fte",
            "starter_extra_per_fte",
            "development_per_fte",
            "assistant_core_per_fte",
            "ib_core_per_fte",
            "specialist_core_per_fte",
            "director_core_per_fte",
            "support_core_per_fte",
        ]


def team_users(school):
    return get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "name",
            "description",
            "hours_per_person",
            "headcount",
            "areas",
            "expertise_level",
            "learning_place",
            "growth_areas",
            "priority",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "growth_areas": forms.CheckboxSelectMultiple,
            "expertise_level": forms.Select(choices=Level.choices),
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        areas = school.expertise_areas.filter(retired_at__isnull=True)
        self.fields["areas"].queryset = areas
        self.fields["growth_areas"].queryset = areas
        self.fields["priority"].queryset = school.priorities.filter(is_active=True)
        self.fields["priority"].required = False


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom ruim je deze taak op?"),
        max_length=300,
        required=False,
        help_text=_("Bijvoorbeeld: dient geen speerpunt meer. De geschiedenis blijft bewaard."),
    )


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = [
            "title",
            "holder",
            "kind",
            "responsibilities",
            "authorities",
            "when_to_ask",
            "dagdelen",
            "starts_on",
            "ends_on",
            "priority",
            "group",
            "salary_scale",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }

    over_reason = forms.CharField(
        label=_("Toch boven de uren? Waarom"),
        max_length=300,
        required=False,
        help_text=_("Alleen nodig als deze rol iemand boven de uren brengt. Het plan toont deze reden."),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["holder"].queryset = team_users(school)
        self.fields["priority"].queryset = school.priorities.all()
        self.fields["group"].queryset = school.work_groups.all()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return data


CHOICES = [("", _("geen voorkeur"))] + list(Choice.choices)


class PreferencesForm(forms.Form):
    """One radio row per active task; only the person themself fills it in."""

    def __init__(self, *args, tasks, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = list(tasks)
        for task in self.tasks:
            self.fields[f"t{task.pk}"] = forms.ChoiceField(
                label=task.name,
                choices=CHOICES,
                required=False,
                initial=current.get(task.pk, ""),
                widget=forms.RadioSelect,
            )

    def choices(self) -> dict:
        return {task: self.cleaned_data.get(f"t{task.pk}", "") for task in self.tasks}

    def rows(self):
        for task in self.tasks:
            yield task, self[f"t{task.pk}"]


class AssignForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Taak"), queryset=Task.objects.none(), widget=Select)
    user = forms.ModelChoiceField(label=_("Wie"), queryset=get_user_model().objects.none(), widget=Select)
    over_reason = forms.CharField(
        label=_("Toch boven de uren? Waarom"),
        max_length=300,
        required=False,
        help_text=_("Alleen nodig als deze taak iemand boven de uren brengt. Het plan toont deze reden."),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = school.work_tasks.filter(retired_at__isnull=True)
        self.fields["user"].queryset = team_users(school)


class PlanTextForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["funds_text", "breaks_text", "other_text"]
        widgets = {
            "funds_text": forms.Textarea(attrs={"rows": 5}),
            "breaks_text": forms.Textarea(attrs={"rows": 3}),
            "other_text": forms.Textarea(attrs={"rows": 4}),
        }


class StepDateForm(forms.Form):
    on = forms.DateField(label=_("Datum"), required=False, widget=DateInput())


class ReasonForm(forms.Form):
    why = forms.CharField(label=_("Waarom?"), max_length=300, required=False)


class ConfirmOverForm(forms.Form):
    user = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Waarom toch?"), max_length=300)
