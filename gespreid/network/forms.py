import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import Frequency, OutsideContact, Question

DATE = {
    "widget": DateInput(),
    "error_messages": {"invalid": _("Vul een geldige datum in.")},
}
ANSWER_FIELD = re.compile(r"^q_(?P<question>\w+?)_(?P<user>\d+)$")
FREQUENCY_CHOICES = [("", "—"), *Frequency.choices]


class RoundForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=150, error_messages={"required": _("Geef de ronde een titel.")}
    )
    explanation = forms.CharField(
        label=_("Uitleg vooraf (met het team afgesproken)"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Iedereen leest dit voordat hij of zij invult: waarvoor, wie wat ziet, en dat namen alleen verschijnen als je dat goed vindt."
        ),
        error_messages={"required": _("Schrijf de uitleg die iedereen leest voordat hij of zij invult.")},
    )
    questions = forms.MultipleChoiceField(
        label=_("Vragen"),
        choices=Question.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    closes_on = forms.DateField(label=_("Sluit op"), required=False, **DATE)
    across_board = forms.BooleanField(
        label=_("Ook collega's van andere scholen van het bestuur laten kiezen"), required=False
    )

    def clean_questions(self):
        questions = self.cleaned_data["questions"]
        if not questions:
            raise forms.ValidationError(_("Kies minstens één vraag: een ronde zonder vragen kan niemand invullen."))
        return questions

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        if day and day < timezone.localdate():
            raise forms.ValidationError(_("Kies een sluitdatum vandaag of later."))
        return day


class AnswerForm(forms.Form):
    """Per question one 'how often' choice per colleague (empty: not). Fields are named q_<question>_<user id>."""

    may_be_named = forms.BooleanField(
        label=_("Ik vind het goed dat mijn naam in de uitkomsten staat"),
        required=False,
        help_text=_("Zonder vinkje sta je alleen als naamloze stip in het beeld van het team."),
    )

    def __init__(self, *args, round_obj, memberships, user, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round_obj
        self.user = user
        self.people = [m for m in memberships if m.user_id != user.pk]
        self.questions = round_obj.question_list()
        initial_answers = initial_answers or {}
        for person in self.people:
            for q in self.questions:
                name = f"q_{q['key']}_{person.user_id}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{q['label']}: {person.user.name}",
                    choices=FREQUENCY_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=initial_answers.get(q["key"], {}).get(person.user_id),
                    error_messages={"invalid_choice": _("Kies hoe vaak, of laat het leeg.")},
                )

    def rows(self):
        """For the template: one row per colleague with a cell per question."""
        return [
            {"person": p, "cells": [self[f"q_{q['key']}_{p.user_id}"] for q in self.questions]} for p in self.people
        ]

    def clean(self):
        data = super().clean()
        for key in self.data:
            match = ANSWER_FIELD.match(key)
            if match and key not in self.fields and self.data.get(key):
                if int(match["user"]) == self.user.pk:
                    raise forms.ValidationError(_("Je kunt jezelf niet kiezen; kies collega's naar wie je toe gaat."))
                if match["question"] not in self.round.questions:
                    raise forms.ValidationError(_("Deze vraag hoort niet bij deze ronde."))
                raise forms.ValidationError(_("Je kunt alleen collega's van je eigen school kiezen."))
        return data

    def answers(self) -> dict[str, dict[int, int]]:
        result: dict[str, dict[int, int]] = {}
        for name, value in self.cleaned_data.items():
            match = ANSWER_FIELD.match(name)
            if match and value:
                result.setdefault(match["question"], {})[int(match["user"])] = value
        return result


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class ContactForm(forms.ModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")},
    )
    known_by = PersonChoices(
        queryset=None,
        required=False,
        label=_("Wie in het team kent ze?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies alleen collega's van je eigen school.")},
    )

    class Meta:
        model = OutsideContact
        fields = [
            "name",
            "kind",
            "contact_person",
            "email",
            "phone",
            "website",
            "how_to_reach",
            "notes",
            "areas",
            "known_by",
        ]
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "how_to_reach": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": _("Vul de naam van de organisatie of persoon in.")},
            "email": {"invalid": _("Vul een geldig e-mailadres in.")},
        }

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = school.expertise_areas.filter(retired_at__isnull=True).select_related("domain")
        self.fields["areas"].label = _("Expertise (vakgebieden)")
        self.fields["areas"].required = False
        self.fields["areas"].error_messages["invalid_choice"] = _("Kies vakgebieden van de eigen school.")
        self.fields["known_by"].queryset = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )


class ContactFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False, max_length=100)
    soort = forms.ChoiceField(label=_("Soort"), required=False, choices=[("", _("Alle soorten"))])
    vak = forms.ChoiceField(label=_("Vakgebied"), required=False, choices=[("", _("Alle vakgebieden"))])

    def __init__(self, *args, areas, **kwargs):
        from .models import ContactKind

        super().__init__(*args, **kwargs)
        self.fields["soort"].choices = [("", _("Alle soorten")), *ContactKind.choices]
        self.fields["vak"].choices = [("", _("Alle vakgebieden")), *((a.key, a.name) for a in areas)]


class BoardForm(forms.Form):
    jaar = forms.IntegerField(label=_("Schooljaar dat begint in"), min_value=2000, max_value=2100, required=False)
