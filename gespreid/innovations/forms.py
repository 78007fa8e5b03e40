from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from . import phases
from .models import CheckIn, Embedding, LearningPreference, Milestone, Phase, Trajectory

DATE = {
    "widget": DateInput(),
    "error_messages": {"invalid": _("Vul een geldige datum in.")},
}
SCORE_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]
SCORE_ERRORS = {
    "required": _("Kies een getal van 1 tot en met 5."),
    "invalid_choice": _("Kies een getal van 1 tot en met 5."),
}


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class TrajectoryForm(forms.ModelForm):
    lead = PersonChoice(
        queryset=None,
        label=_("Teacher leader (eigenaar)"),
        error_messages={"required": _("Kies wie de innovatie trekt.")},
    )

    class Meta:
        model = Trajectory
        fields = ["title", "description", "group", "priority", "lead"]
        labels = {
            "title": _("Naam van de innovatie"),
            "description": _("Wat willen we bereiken?"),
            "group": _("Groep (PLG, werkgroep)"),
            "priority": _("Speerpunt"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, school, membership, **kwargs):
        super().__init__(*args, **kwargs)
        groups = school.work_groups.order_by("name")
        if not membership.can_manage:
            groups = groups.filter(lead=membership.user)
        self.fields["group"].queryset = groups
        self.fields["group"].required = True
        self.fields["group"].error_messages["required"] = _("Kies de groep die de innovatie draagt.")
        self.fields["priority"].queryset = school.priorities.filter(is_active=True).order_by("title")
        self.fields["priority"].empty_label = _("(geen speerpunt)")
        people = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )
        if not membership.can_manage:
            people = people.filter(pk=membership.user_id)
        self.fields["lead"].queryset = people
        self.fields["title"].error_messages["required"] = _("Geef de innovatie een naam.")


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Naar fase"), choices=Phase.choices)
    reason = forms.CharField(
        label=_("Reden"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als je een fase overslaat. Het team ziet de reden."),
    )

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current

    def clean(self):
        data = super().clean()
        if "phase" in data:
            error = phases.check_move(self.current, data["phase"], data.get("reason", ""))
            if error:
                raise forms.ValidationError(error)
        return data


class SlowdownForm(forms.Form):
    slowing_down = forms.BooleanField(label=_("We vertragen om later te versnellen"), required=False)
    reason = forms.CharField(
        label=_("Waarom?"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("slowing_down") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Schrijf op waarom jullie vertragen; het team ziet die reden."))
        return data


class MilestoneForm(forms.ModelForm):
    planned_start = forms.DateField(label=_("Gepland begin"), **DATE)
    planned_end = forms.DateField(label=_("Gepland klaar"), **DATE)
    actual_start = forms.DateField(label=_("Echt begonnen"), required=False, **DATE)
    actual_end = forms.DateField(label=_("Echt klaar"), required=False, **DATE)

    class Meta:
        model = Milestone
        fields = ["phase", "title", "planned_start", "planned_end", "actual_start", "actual_end"]
        labels = {"phase": _("Fase"), "title": _("Mijlpaal")}

    def clean(self):
        data = super().clean()
        errors = phases.check_dates(
            data.get("planned_start"),
            data.get("planned_end"),
            data.get("actual_start"),
            data.get("actual_end"),
            today=timezone.localdate(),
        )
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data


class CheckInForm(forms.ModelForm):
    closes_on = forms.DateField(label=_("Sluit op (mag leeg)"), required=False, **DATE)

    class Meta:
        model = CheckIn
        fields = ["question", "closes_on"]
        labels = {"question": _("Waar gaat de check-in over?")}

    def clean_closes_on(self):
        value = self.cleaned_data.get("closes_on")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("De sluitdatum ligt in het verleden."))
        return value


class AnswerForm(forms.Form):
    willing = forms.TypedChoiceField(
        label=_("Hoe bereid ben je om hiermee aan de slag te gaan? (1 = nog helemaal niet, 5 = heel graag)"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=SCORE_ERRORS,
    )
    able = forms.TypedChoiceField(
        label=_("Hoe goed voel je je in staat om het te doen? (1 = nog helemaal niet, 5 = helemaal)"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=SCORE_ERRORS,
    )
    learning = forms.ChoiceField(
        label=_("Hoe leer je iets nieuws het liefst?"),
        choices=LearningPreference.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe je het liefst leert."),
            "invalid_choice": _("Kies hoe je het liefst leert."),
        },
    )
    remark = forms.CharField(
        label=_("Opmerking (mag leeg)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    share = forms.BooleanField(
        label=_("Ik deel mijn antwoord met naam met de trekker"),
        required=False,
        help_text=_("Alleen als je dat wilt. Zonder dit vinkje ziet niemand wat jij hebt geantwoord."),
    )


class EmbeddingForm(forms.ModelForm):
    review_on = forms.DateField(label=_("Wanneer kijken we er opnieuw naar?"), **DATE)

    class Meta:
        model = Embedding
        fields = ["agreement", "recorded_in", "review_on"]
        labels = {"agreement": _("Wat is afgesproken?"), "recorded_in": _("Waar staat het beschreven?")}
        help_texts = {"recorded_in": _("Bijvoorbeeld: schoolplan, kwaliteitskaart, teamafspraken in de map 'Rekenen'.")}
        widgets = {"agreement": forms.Textarea(attrs={"rows": 3})}

    def clean_review_on(self):
        value = self.cleaned_data["review_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Kies een datum vanaf vandaag."))
        return value


class ReviewForm(forms.Form):
    next_review = forms.DateField(label=_("Volgende keer opnieuw bekijken op (mag leeg)"), required=False, **DATE)

    def clean_next_review(self):
        value = self.cleaned_data.get("next_review")
        if value and value <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        return value
