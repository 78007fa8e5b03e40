from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import Acquired, Area, Domain, Level

LEVEL_ERRORS = {"invalid_choice": _("Kies een niveau van 1 (basis) tot en met 4 (expert).")}
LEVEL_CHOICES = [("", "—"), *Level.choices]


class AreaField(forms.ModelChoiceField):
    """An area of this school that is still in use; clear messages for unknown and retired areas."""

    def __init__(self, school, **kwargs):
        super().__init__(
            queryset=Area.objects.filter(school=school),
            error_messages={
                "invalid_choice": _("Dit vakgebied bestaat niet op jullie school."),
                "required": _("Kies een vakgebied."),
            },
            **kwargs,
        )

    def clean(self, value):
        area = super().clean(value)
        if area is not None and area.retired_at is not None:
            raise forms.ValidationError(
                _("Het vakgebied '%(name)s' is niet meer in gebruik; kies een ander.") % {"name": area.name}
            )
        return area


class EntryForm(forms.Form):
    """One row of the profile page."""

    area = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(
        label=_("Niveau"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=LEVEL_ERRORS,
    )
    acquired = forms.ChoiceField(
        label=_("Verworven via"),
        choices=[("", "—"), *Acquired.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies opleiding, cursus, ervaring of anders.")},
    )
    acquired_note = forms.CharField(label=_("Toelichting"), max_length=200, required=False)
    acquired_year = forms.IntegerField(
        label=_("Jaar"), required=False, error_messages={"invalid": _("Vul een jaartal in, bijvoorbeeld 2019.")}
    )
    wants_growth = forms.BooleanField(label=_("Wil me hierin ontwikkelen"), required=False)
    target_level = forms.TypedChoiceField(
        label=_("Gewenst niveau"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=LEVEL_ERRORS,
    )

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"] = AreaField(school, widget=forms.HiddenInput)

    def clean_acquired_year(self):
        year = self.cleaned_data.get("acquired_year")
        if year is not None and not 1950 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Vul een jaartal in tussen 1950 en nu."))
        return year

    def clean(self):
        data = super().clean()
        level, target = data.get("level"), data.get("target_level")
        if target and not data.get("wants_growth"):
            data["wants_growth"] = True
        if data.get("wants_growth") and level and target and target <= level:
            self.add_error("target_level", _("Het gewenste niveau is hoger dan je niveau nu."))
        return data


class SettingsForm(forms.Form):
    qualities = forms.CharField(
        label=_("Mijn kwaliteiten"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In je eigen woorden: waar ben je goed in, waar kunnen collega's je voor vragen?"),
    )
    ambition = forms.CharField(
        label=_("Mijn ambitie"),
        max_length=300,
        required=False,
        help_text=_(
            "Wat wil je worden of doen, breder dan één vakgebied? Bijvoorbeeld: wil IB'er worden, wil teacher "
            "leader worden. Alleen jij en je schoolleiding zien dit, zodat jullie er in je POP op kunnen ingaan."
        ),
    )
    visible_to_board = forms.BooleanField(
        label=_("Collega's van andere scholen van het bestuur mogen mij vinden"), required=False
    )


class SuggestionForm(forms.Form):
    area = forms.IntegerField(label=_("Vakgebied"))
    level = forms.TypedChoiceField(
        label=_("Niveau"),
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages=LEVEL_ERRORS,
    )
    wants_growth = forms.BooleanField(label=_("Ontwikkelkans voor deze collega"), required=False)
    note = forms.CharField(label=_("Toelichting"), max_length=200, required=False)

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = AreaField(school, label=_("Vakgebied"))
        active = (
            field.queryset.filter(retired_at__isnull=True)
            .select_related("domain")
            .order_by("domain__order", "order", "name")
        )
        field.choices = [("", "---------")] + [(a.pk, f"{a.domain.name} · {a.name}") for a in active]
        self.fields["area"] = field

    def clean(self):
        data = super().clean()
        if not data.get("level") and not data.get("wants_growth"):
            raise forms.ValidationError(_("Kies een niveau of een ontwikkelkans."))
        return data


class AreaForm(forms.Form):
    domain = forms.ModelChoiceField(
        label=_("Domein"),
        queryset=Domain.objects.none(),
        error_messages={"invalid_choice": _("Kies een domein van jullie school.")},
    )
    name = forms.CharField(label=_("Naam"), max_length=120)

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.fields["domain"].queryset = school.expertise_domains.all()

    def clean(self):
        data = super().clean()
        name = (data.get("name") or "").strip()
        if name and self.school.expertise_areas.filter(name__iexact=name).exists():
            self.add_error("name", _("Er is al een vakgebied met deze naam."))
        data["name"] = name
        return data


class RenameAreaForm(forms.Form):
    name = forms.CharField(label=_("Nieuwe naam"), max_length=120)

    def __init__(self, *args, area=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul een naam in."))
        if self.area.school.expertise_areas.filter(name__iexact=name).exclude(pk=self.area.pk).exists():
            raise forms.ValidationError(_("Er is al een vakgebied met deze naam."))
        return name


class DomainForm(forms.Form):
    name = forms.CharField(label=_("Naam van het domein"), max_length=100)

    def __init__(self, *args, school=None, **kwargs):
        kwargs.setdefault("auto_id", "domain_%s")  # shown next to the area form, which has a "name" too
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.school.expertise_domains.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("Er is al een domein met deze naam."))
        return name


class RoundForm(forms.Form):
    deadline = forms.DateField(
        label=_("Klaar vóór"),
        widget=DateInput(),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 15-12-2026.")},
    )
    message = forms.CharField(
        label=_("Bericht aan het team (mag leeg)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline <= timezone.localdate():
            raise forms.ValidationError(_("Kies een datum na vandaag."))
        if self.year and deadline > self.year.ends_on:
            raise forms.ValidationError(_("Kies een datum in dit schooljaar."))
        return deadline


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek op onderwerp"), required=False, max_length=10000)
    vak = forms.CharField(required=False, max_length=80)
    bestuur = forms.BooleanField(label=_("Ook op andere scholen van het bestuur"), required=False)
