from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .files import MAX_BYTES, allowed_extensions, clean_upload, validate_upload
from .models import CycleStage, Group


def school_people(school):
    return get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name or obj.email


class GroupForm(forms.ModelForm):
    lead = PersonChoice(queryset=None, label=_("Trekker"), required=False, empty_label=_("(nog niemand)"))
    members = PeopleChoice(queryset=None, label=_("Leden"), required=False, widget=forms.CheckboxSelectMultiple)
    facilitated_hours = forms.DecimalField(
        label=_("Gefaciliteerde uren (per schooljaar)"),
        max_digits=6,
        decimal_places=1,
        initial=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1659"))],
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 40 of 12,5.")},
    )

    class Meta:
        model = Group
        fields = ["name", "kind", "priority", "goal", "lead", "members", "is_open", "facilitated_hours"]
        labels = {
            "name": _("Naam"),
            "kind": _("Soort groep"),
            "priority": _("Speerpunt"),
            "goal": _("Doel: waar werkt de groep aan?"),
        }
        widgets = {"goal": forms.Textarea(attrs={"rows": 4})}

    over_reason = forms.CharField(
        label=_("Toch boven de uren? Waarom"),
        max_length=300,
        required=False,
        help_text=_(
            "Alleen nodig als de uren van deze groep iemand boven het taakbudget brengen. Het plan toont deze reden."
        ),
    )

    def __init__(self, *args, school, own_lead=None, may_confirm=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_confirm:  # only the school leader may put someone over their hours knowingly
            del self.fields["over_reason"]
        current = self.instance.priority_id if self.instance.pk else None
        self.fields["priority"].queryset = school.priorities.filter(Q(is_active=True) | Q(pk=current)).order_by("title")
        self.fields["priority"].empty_label = _("(geen speerpunt)")
        people = school_people(school)
        self.fields["lead"].queryset = people
        self.fields["members"].queryset = people
        if own_lead is not None:
            # A team member who starts a group leads it.
            self.fields["lead"].queryset = people.filter(pk=own_lead.pk)
            self.fields["lead"].required = True
            self.fields["lead"].initial = own_lead.pk
            self.fields["lead"].empty_label = None
        if self.instance.pk:
            self.fields["members"].initial = list(self.instance.members.values_list("pk", flat=True))
        self.fields["name"].error_messages["required"] = _("Geef de groep een naam.")


class EntryForm(forms.Form):
    stage = forms.ChoiceField(label=_("Fase"), choices=CycleStage.choices)
    text = forms.CharField(
        label=_("Wat"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf kort op wat je toevoegt.")},
    )
    link = forms.URLField(
        label=_("Link (literatuur, artikel, gegevens)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Dit is geen geldig webadres.")},
    )
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("Maximaal %(mb)s MB; %(types)s.")
        % {"mb": MAX_BYTES // (1024 * 1024), "types": allowed_extensions()},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            validate_upload(upload)
            upload = clean_upload(upload)  # photos lose their EXIF, GPS and camera data
        return upload


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Fase"), choices=CycleStage.choices)


class MeetingForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    notes = forms.CharField(
        label=_("Aantekeningen"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    agreements = forms.CharField(
        label=_("Afspraken"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionForm(forms.Form):
    text = forms.CharField(label=_("Actie"), max_length=300, required=False)
    owner = PersonChoice(queryset=None, label=_("Wie"), required=False, empty_label=_("(niemand)"))
    due_on = forms.DateField(
        label=_("Uiterlijk"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("text") and (data.get("owner") or data.get("due_on")):
            self.add_error("text", _("Schrijf op wat de actie is."))
        return data


ActionFormSet = forms.formset_factory(ActionForm, extra=3, max_num=10)
