from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import Activity, AgendaItem, Agreement, CoachingMeeting, FeedbackRequest, Goal, PrivateNote, TrainingBudget
from .skills import SCALE_LABELS, SKILLS


def team_users(school, exclude=None):
    users = get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
    return users.exclude(pk=exclude.pk) if exclude is not None else users


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "why", "area", "priority", "shared"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, wish_area_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        areas = school.expertise_areas.all().order_by("name")
        self.fields["area"].queryset = areas
        self.fields["area"].help_text = (
            _("Je groeiwensen uit je expertiseprofiel staan bovenaan.") if wish_area_ids else ""
        )
        if wish_area_ids:  # growth wishes first
            wishes = [a for a in areas if a.pk in wish_area_ids]
            rest = [a for a in areas if a.pk not in wish_area_ids]
            self.fields["area"].choices = (
                [("", "---------")] + [(a.pk, f"★ {a.name}") for a in wishes] + [(a.pk, a.name) for a in rest]
            )
        self.fields["priority"].queryset = school.priorities.filter(is_active=True)


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "kind", "goal", "hours", "cost", "shared"]
        error_messages = {
            "hours": {"min_value": _("Uren kunnen niet negatief zijn.")},
            "cost": {"min_value": _("Kosten kunnen niet negatief zijn.")},
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()


class BudgetForm(forms.ModelForm):
    class Meta:
        model = TrainingBudget
        fields = ["amount"]
        error_messages = {"amount": {"min_value": _("Het budget kan niet negatief zijn.")}}


class SelfAssessmentForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting (optioneel)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    shared = forms.BooleanField(label=_("Delen met de schoolleider"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(n, f"{n} – {label}") for n, label in SCALE_LABELS.items()]
        for key, label in SKILLS:
            self.fields[f"skill_{key}"] = forms.TypedChoiceField(label=label, choices=choices, coerce=int, initial=3)
        self.order_fields([f"skill_{key}" for key, _label in SKILLS] + ["note", "shared"])

    def scores(self) -> dict:
        return {key: self.cleaned_data[f"skill_{key}"] for key, _label in SKILLS}


class SeriesForm(forms.Form):
    coachee = forms.ModelChoiceField(label=_("Met wie"), queryset=None)
    title = forms.CharField(label=_("Onderwerp"), max_length=200)

    def __init__(self, *args, school, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coachee"].queryset = team_users(school, exclude=user)


class AgendaItemForm(forms.ModelForm):
    # The series page shows several forms with a "text" field: ids of their own, the names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "agenda_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = AgendaItem
        fields = ["text"]


class AgreementForm(forms.ModelForm):
    # The series page shows several forms with a "text" field: ids of their own, the names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "agreement_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = Agreement
        fields = ["text", "follow_up_on"]
        widgets = {"follow_up_on": DateInput()}


class NoteForm(forms.ModelForm):
    # The series page shows several forms with a "text" field: ids of their own, the names unchanged.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)

    class Meta:
        model = PrivateNote
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = CoachingMeeting
        fields = ["starts_at", "minutes", "place"]
        widgets = {"starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}


class FeedbackRequestForm(forms.ModelForm):
    class Meta:
        model = FeedbackRequest
        fields = ["leader", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, school, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = (
            get_user_model()
            .objects.filter(memberships__school=school, memberships__is_active=True, memberships__is_leader=True)
            .exclude(pk=user.pk)
            .order_by("name")
        )


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Je feedback"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
