from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gespreid.expertise.forms import LEVEL_ERRORS, AreaField
from gespreid.expertise.models import Level

from .models import Priority

MAX_ACTIVE = 5


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "intended_result", "owner", "first_year", "last_year", "is_active"]
        widgets = {"intended_result": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "intended_result": _(
                "Wat zien we als het speerpunt geslaagd is? Bijvoorbeeld: 'Alle groepen werken met dezelfde aanpak voor begrijpend lezen.'"
            ),
            "last_year": _("Leeg laten als het speerpunt doorloopt tot jullie het afsluiten."),
        }
        error_messages = {
            "title": {"required": _("Geef het speerpunt een titel.")},
            "first_year": {
                "required": _("Kies het schooljaar waarin het speerpunt begint."),
                "invalid_choice": _("Kies een schooljaar van jullie school."),
            },
            "last_year": {"invalid_choice": _("Kies een schooljaar van jullie school.")},
            "owner": {"invalid_choice": _("Kies een teamlid van jullie school.")},
        }

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )
        self.fields["owner"].queryset = users
        self.fields["owner"].label_from_instance = lambda u: u.name
        self.fields["first_year"].queryset = school.years.all()
        self.fields["last_year"].queryset = school.years.all()
        self.fields["title"].widget.attrs["maxlength"] = 150

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Geef het speerpunt een titel."))
        return title

    def clean(self):
        data = super().clean()
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last.starts_on < first.starts_on:
            self.add_error("last_year", _("Het laatste schooljaar ligt vóór het eerste."))
        return data


class RequirementForm(forms.Form):
    area = forms.IntegerField(label=_("Expertise"))
    min_level = forms.TypedChoiceField(
        label=_("Minimaal niveau"), choices=Level.choices, coerce=int, initial=2, error_messages=LEVEL_ERRORS
    )
    people_needed = forms.IntegerField(
        label=_("Aantal mensen"),
        min_value=1,
        max_value=20,
        initial=1,
        error_messages={
            "min_value": _("Minstens één persoon."),
            "max_value": _("Hoogstens twintig mensen."),
            "invalid": _("Vul een aantal in."),
        },
    )

    def __init__(self, *args, school=None, priority=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.priority = priority
        field = AreaField(school, label=_("Expertise"))
        # Only areas in use are offered; a retired one still validates into a clear message.
        active = (
            field.queryset.filter(retired_at__isnull=True)
            .select_related("domain")
            .order_by("domain__order", "order", "name")
        )
        field.choices = [("", "---------")] + [(a.pk, f"{a.domain.name} · {a.name}") for a in active]
        self.fields["area"] = field

    def clean_area(self):
        area = self.cleaned_data["area"]
        if self.priority is not None and self.priority.requirements.filter(area=area).exists():
            raise forms.ValidationError(
                _(
                    "Dit speerpunt vraagt al om deze expertise. Verwijder die regel eerst als je hem wilt veranderen, of kies een ander vakgebied."
                )
            )
        return area


class GapRouteForm(forms.ModelForm):
    class Meta:
        from .models import GapRoute

        model = GapRoute
        fields = ["route", "person", "partner", "partner_name", "note"]
        widgets = {"route": forms.RadioSelect}
        error_messages = {"route": {"required": _("Kies opleiden, delen of werven.")}}

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        users = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )
        self.fields["route"].choices = self.Meta.model.ROUTES
        for name in ("person", "partner"):
            self.fields[name].queryset = users
            self.fields[name].label_from_instance = lambda u: u.name

    def clean(self):
        from .models import GapRoute

        data = super().clean()
        route = data.get("route")
        if route == GapRoute.TRAIN and not data.get("person"):
            self.add_error("person", _("Kies wie er gaat groeien."))
        if route == GapRoute.SHARE and not data.get("person"):
            self.add_error("person", _("Kies wie de expertise deelt."))
        if route == GapRoute.SHARE and not (data.get("partner") or data.get("partner_name", "").strip()):
            self.add_error("partner", _("Kies met wie, of schrijf de naam van iemand van een andere school."))
        return data


class VacancyDraftForm(forms.ModelForm):
    class Meta:
        from .models import VacancyDraft

        model = VacancyDraft
        fields = ["function", "fte", "scale", "needs", "why"]
        widgets = {"needs": forms.Textarea(attrs={"rows": 8}), "why": forms.Textarea(attrs={"rows": 6})}
