from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import BODY_MAX, TEXT_MAX, DecisionSettings, Objection, Response, Round


def _too_long(label, value, limit):
    return _(
        "%(label)s is te lang: %(n)s tekens, maximaal %(max)s. Er is niets opgeslagen en je tekst staat hieronder nog: "
        "maak hem korter of zet de details in een bijlage en verwijs ernaar."
    ) % {
        "label": label,
        "n": number_format(len(value), force_grouping=True),
        "max": number_format(limit, force_grouping=True),
    }


class LongTextMixin:
    """Check lengths ourselves (no browser maxlength, which would silently cut off pasted text)."""

    limits: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.limits:
            if name in self.fields:
                self.fields[name].widget.attrs.pop("maxlength", None)
                self.fields[name].max_length = None
                self.fields[name].validators = [
                    v for v in self.fields[name].validators if not hasattr(v, "limit_value")
                ]

    def clean(self):
        data = super().clean()
        for name, limit in self.limits.items():
            value = self.data.get(self.add_prefix(name), "") or ""
            if len(value) > limit:
                self.add_error(name, _too_long(self.fields[name].label, value, limit))
        return data


class ProposalForm(LongTextMixin, forms.Form):
    limits = {"title": 200, "problem": 5000, "body": BODY_MAX, "note": 500}

    title = forms.CharField(label=_("Titel"), max_length=200)
    problem = forms.CharField(label=_("Welk probleem lost het op?"), widget=forms.Textarea(attrs={"rows": 4}))
    body = forms.CharField(
        label=_("Het voorstel"), widget=forms.Textarea(attrs={"rows": 12}), help_text=_("Maximaal 20.000 tekens.")
    )
    group = forms.ModelChoiceField(
        label=_("Voorbereid door werkgroep"), required=False, queryset=None, empty_label=_("(geen werkgroep)")
    )
    priority = forms.ModelChoiceField(
        label=_("Hoort bij speerpunt"), required=False, queryset=None, empty_label=_("(geen speerpunt)")
    )
    note = forms.CharField(
        label=_("Wat is er veranderd?"), required=False, help_text=_("Kort, voor de versiegeschiedenis.")
    )

    def __init__(self, *args, school, objections=None, with_group=True, shows_names=True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_group:
            self.fields["group"].queryset = school.work_groups.all()
            self.fields["priority"].queryset = school.priorities.all()
        else:
            del self.fields["group"], self.fields["priority"]
        if objections:
            self.fields["answers"] = forms.ModelMultipleChoiceField(
                label=_("Op welke bezwaren gaat deze versie in?"),
                queryset=objections,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

            def label(objection):
                who = objection.raised_by.name if (objection.name_visible or shows_names) else _("Een collega")
                text = objection.harm if len(objection.harm) <= 120 else objection.harm[:119] + "…"
                return f"{who}: {text}"

            self.fields["answers"].label_from_instance = label
            self.fields["author_confirms"] = forms.BooleanField(
                label=_("Ik bevestig: het voorstel lost het oorspronkelijke probleem nog steeds op."), required=False
            )

    def clean(self):
        data = super().clean()
        if data.get("answers") and not data.get("author_confirms"):
            self.add_error(
                "author_confirms", _("Bevestig dat het voorstel het probleem nog oplost, of kies geen bezwaren.")
            )
        return data


class RoundForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort ronde"), choices=Round.KIND_CHOICES, widget=forms.RadioSelect, initial=Round.CONSENT
    )
    audience = forms.ChoiceField(
        label=_("Wie vraag je?"), choices=Round.AUDIENCE_CHOICES, widget=forms.RadioSelect, initial=Round.TEAM
    )
    group = forms.ModelChoiceField(
        label=_("Werkgroep"), required=False, queryset=None, help_text=_("Alleen bij “Een werkgroep”.")
    )
    people = forms.ModelMultipleChoiceField(
        label=_("Collega's"),
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen bij “Gekozen collega's”."),
    )
    closes_at = forms.DateTimeField(
        label=_("Sluit op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    review_on = forms.DateField(
        label=_("Evaluatiedatum (bij een besluit)"),
        required=False,
        widget=DateInput(),
        help_text=_("Wanneer kijken we of het besluit werkt? Leeg: de standaardtermijn van de school."),
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["group"].queryset = school.work_groups.all()
        self.fields["people"].queryset = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )

    def clean_closes_at(self):
        value = self.cleaned_data["closes_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("De sluitdatum ligt in het verleden. Kies een moment na nu."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("audience") == Round.GROUP and not data.get("group"):
            self.add_error("group", _("Kies een werkgroep."))
        if data.get("audience") == Round.PEOPLE and not data.get("people"):
            self.add_error("people", _("Kies minstens één collega."))
        review = data.get("review_on")
        if review and data.get("closes_at") and review < timezone.localdate(data["closes_at"]):
            self.add_error("review_on", _("De evaluatiedatum ligt vóór het sluiten van de ronde."))
        return data


class ClosingForm(forms.Form):
    closes_at = RoundForm.base_fields["closes_at"]

    clean_closes_at = RoundForm.clean_closes_at


class RadioSelect(forms.RadioSelect):
    """Django's radio buttons with every option written in one template, not four included templates per option.

    The same HTML as ``forms.RadioSelect`` (tested); the response form on the proposal page is rendered on every
    visit, and this halves its cost.
    """

    template_name = "decisions/widgets/radio.html"


class ResponseForm(LongTextMixin, forms.Form):
    limits = {"text": TEXT_MAX, "suggestion": TEXT_MAX}

    kind = forms.ChoiceField(label=_("Je reactie"), widget=RadioSelect)
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Bij een bezwaar verplicht: welke schade doet het voorstel aan het doel van de school of aan je werk?"
        ),
    )
    suggestion = forms.CharField(
        label=_("Voorstel voor verbetering (mag)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    name_visible = forms.TypedChoiceField(
        label=_("Wie ziet je naam bij deze reactie?"),
        choices=[("1", _("Het hele team")), ("0", _("Alleen de indiener"))],
        coerce=lambda v: v == "1",
        widget=RadioSelect,
        initial="1",
    )

    def __init__(self, *args, round_kind, **kwargs):
        super().__init__(*args, **kwargs)
        if round_kind == Round.ADVICE:
            self.fields["kind"].choices = [(Response.ADVICE, _("Advies"))]
            self.fields["kind"].initial = Response.ADVICE
            self.fields["kind"].widget = forms.HiddenInput()
            self.fields["text"].label = _("Je advies")
            self.fields["text"].help_text = ""
            del self.fields["suggestion"]
        else:
            self.fields["kind"].choices = [
                (Response.CONSENT, _("Instemming — ik kan ermee werken")),
                (Response.CONCERN, _("Zorg — ik noem iets, maar het houdt het besluit niet tegen")),
                (Response.OBJECTION, _("Bezwaar — het voorstel schaadt het doel van de school of mijn werk")),
            ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Response.OBJECTION and not (data.get("text") or "").strip():
            self.add_error(
                "text",
                _(
                    "Een bezwaar heeft een reden nodig: welke schade doet het voorstel aan het doel van de school of aan je werk?"
                ),
            )
        if kind == Response.ADVICE and not (data.get("text") or "").strip():
            self.add_error("text", _("Schrijf je advies op."))
        return data


class CloseForm(LongTextMixin, forms.Form):
    limits = {"decision_text": 5000, "changes": 5000}

    adopt = forms.TypedChoiceField(
        label=_("Uitkomst"),
        choices=[("1", _("Vastleggen als besluit")), ("0", _("Sluiten als “niet besloten”"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    decision_text = forms.CharField(
        label=_("Besluit (of samenvatting van het advies)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    changes = forms.CharField(
        label=_("Wat veranderde dankzij bezwaren en zorgen"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    review_on = forms.DateField(label=_("Evaluatiedatum"), required=False, widget=DateInput())

    def __init__(self, *args, round_kind, early=False, **kwargs):
        super().__init__(*args, **kwargs)
        if round_kind == Round.ADVICE:
            del self.fields["adopt"], self.fields["review_on"]
        if early:
            # Closing before the announced time is a choice made knowingly, and the outcome will say so.
            self.fields["early_ok"] = forms.BooleanField(
                label=_(
                    "Ik sluit de ronde vóór de aangekondigde tijd. Wie nog niet reageerde, staat in de uitkomst als ‘niet gereageerd’."
                ),
                error_messages={"required": _("Bevestig dat je de ronde vroeg sluit, of laat haar lopen.")},
            )


class ObjectionActionForm(LongTextMixin, forms.Form):
    limits = {"explanation": TEXT_MAX}

    event = forms.ChoiceField(
        choices=[(e, e) for e in ("work", "author_confirm", "objector_confirm", "withdraw", "not_adopt")]
    )
    explanation = forms.CharField(
        label=_("Uitleg voor het team"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = DecisionSettings
        fields = ["silence_rule", "reminder_hours", "review_months"]
        widgets = {"silence_rule": forms.RadioSelect}

    def clean_reminder_hours(self):
        value = self.cleaned_data["reminder_hours"]
        if not 1 <= value <= 168:
            raise forms.ValidationError(_("Kies tussen 1 en 168 uur."))
        return value

    def clean_review_months(self):
        value = self.cleaned_data["review_months"]
        if not 1 <= value <= 36:
            raise forms.ValidationError(_("Kies tussen 1 en 36 maanden."))
        return value


OPEN_OBJECTIONS = Objection.OPEN_STATES
