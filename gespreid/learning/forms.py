from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from .models import AdviceRequest, LookFor, Seen, ShareScope, Visit, VisitMoment

DATE = DateInput()
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def colleagues(school, me):
    return (
        get_user_model()
        .objects.filter(memberships__school=school, memberships__is_active=True)
        .exclude(pk=me.pk)
        .order_by("name")
    )


def visitor_choices(school, me, bouw: str = "") -> tuple[list, str]:
    """The colleagues to invite, grouped by bouw with the inviter's own bouw first (one query).

    Returns (choices with optgroups, the inviter's own bouw). ``bouw`` keeps only that bouw. A label
    says the colleague's group ("Anna de Vries · groep 1/2"): a teacher from the same or the next
    group is often the visit that helps most.
    """
    from gespreid.core.models import Bouw, Membership

    members = list(
        Membership.objects.filter(school=school, is_active=True)
        .select_related("user")
        .order_by("user__name", "user__email")
    )
    mine = next((m.bouw for m in members if m.user_id == me.pk), "")
    labels = dict(Bouw.choices)
    order = ([mine] if mine else []) + [b for b in Bouw.values if b != mine] + [""]
    grouped: dict[str, list] = {b: [] for b in order}
    for m in members:
        if m.user_id == me.pk or (bouw and m.bouw != bouw):
            continue
        name = m.user.name or m.user.email
        label = _("%(name)s · groep %(group)s") % {"name": name, "group": m.class_group} if m.class_group else name
        grouped.setdefault(m.bouw if m.bouw in labels else "", []).append((m.user_id, label))
    choices = [("", _("(kies een collega)"))]
    for key in order:
        if not grouped[key]:
            continue
        if key == mine and key:
            title = _("Jouw bouw: %(bouw)s") % {"bouw": labels[key]}
        else:
            title = labels.get(key) or _("Zonder bouw")
        choices.append((str(title), grouped[key]))
    return choices, mine


class ColleagueField(forms.ModelChoiceField):
    default_error_messages = {"invalid_choice": _("Kies een collega van je eigen school.")}

    def label_from_instance(self, obj):
        return obj.name


class RequestForm(forms.Form):
    recipient = ColleagueField(label=_("Aan wie?"), queryset=None, empty_label=_("(kies een collega)"))
    kind = forms.ChoiceField(
        label=_("Wat vraag je?"), choices=AdviceRequest.Kind.choices, widget=forms.RadioSelect, initial="advies"
    )
    question = forms.CharField(
        label=_("Je vraag"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf je vraag op.")},
    )
    context = forms.CharField(
        label=_("Wat context"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat heb je al geprobeerd, om welke groep gaat het? Schrijf geen namen van leerlingen."),
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Over welk vakgebied?"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    wish_date = forms.DateField(label=_("Graag vóór (mag leeg)"), required=False, widget=DATE)
    attachment = forms.FileField(label=_("Bijlage (mag leeg)"), required=False)

    def __init__(self, *args, school, me, fixed_recipient=False, **kwargs):
        super().__init__(*args, **kwargs)
        from gespreid.groups.files import allowed_extensions

        if fixed_recipient:
            del self.fields["recipient"]
        else:
            self.fields["recipient"].queryset = colleagues(school, me)
        self.fields["areas"].queryset = school.expertise_areas.filter(retired_at__isnull=True).order_by(
            "domain__order", "order", "name"
        )
        self.fields["attachment"].help_text = _("Maximaal 10 MB: %(types)s.") % {"types": allowed_extensions()}

    def clean_wish_date(self):
        value = self.cleaned_data.get("wish_date")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("Deze datum is al voorbij. Kies een datum die nog komt, of laat het leeg."))
        return value

    def clean_attachment(self):
        from gespreid.groups.files import validate_upload

        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload)
        return upload


class AnswerForm(forms.Form):
    word = forms.CharField(
        label=_("Een kort woordje (mag leeg)"),
        required=False,
        max_length=200,
        help_text=_(
            "Bijvoorbeeld: “graag, donderdag na schooltijd?” of “niet nu, vraag het na de toetsweek nog eens”."
        ),
    )


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Bericht"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf eerst een bericht.")},
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Wat ik hiermee doe"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf kort op wat je met het advies doet.")},
    )


class ShareForm(forms.Form):
    scope = forms.ChoiceField(label=_("Delen met"), choices=ShareScope.choices, widget=forms.RadioSelect)
    group = forms.ModelChoiceField(label=_("Welke werkgroep?"), queryset=None, required=False)
    what = forms.ChoiceField(label=_("Wat deel je?"), choices=AdviceRequest.ShareWhat.choices, widget=forms.RadioSelect)

    def __init__(self, *args, groups, what_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups
        if what_choices:
            self.fields["what"].choices = what_choices

    def clean(self):
        data = super().clean()
        if data.get("scope") == ShareScope.GROUP and not data.get("group"):
            self.add_error("group", _("Kies de werkgroep waarmee je het wilt delen."))
        return data


class VisitForm(forms.Form):
    visitor = ColleagueField(label=_("Wie nodig je uit?"), queryset=None, empty_label=_("(kies een collega)"))
    focus = forms.CharField(
        label=_("Je focusvraag"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Waar wil je dat je collega op let? Bijvoorbeeld: “Krijgen alle kinderen de kans om te antwoorden?”"
        ),
        error_messages={"required": _("Schrijf een focusvraag: waar wil je dat je collega op let?")},
    )
    priority = forms.ModelChoiceField(
        label=_("Hoort bij speerpunt (mag leeg)"), queryset=None, required=False, empty_label=_("(geen)")
    )
    group = forms.ModelChoiceField(
        label=_("Hoort bij werkgroep (mag leeg)"), queryset=None, required=False, empty_label=_("(geen)")
    )
    look_fors = forms.ModelMultipleChoiceField(
        label=_("Kijkpunten uit de kijkwijzers"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    own_look_fors = forms.CharField(
        label=_("Of schrijf je eigen kijkpunten"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel; iets wat je kunt zien of horen."),
    )

    def __init__(self, *args, school, me, bouw: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        visitors = colleagues(school, me)
        if bouw:  # ?bouw=: only colleagues of that bouw (the same membership row: one filter call)
            visitors = visitors.filter(memberships__school=school, memberships__is_active=True, memberships__bouw=bouw)
        self.fields["visitor"].queryset = visitors
        self.fields["visitor"].choices, self.own_bouw = visitor_choices(school, me, bouw)
        self.fields["priority"].queryset = school.priorities.filter(is_active=True)
        year = school.current_year()
        self.fields["group"].queryset = (
            school.work_groups.filter(school_year=year) if year else school.work_groups.none()
        )
        self.fields["look_fors"].queryset = LookFor.objects.filter(
            kijkwijzer__school=school, kijkwijzer__is_active=True
        ).select_related("kijkwijzer")
        for i in (1, 2, 3):
            required = i == 1
            self.fields[f"m{i}_date"] = forms.DateField(label=_("Datum"), required=required, widget=DATE)
            self.fields[f"m{i}_time"] = forms.TimeField(label=_("Tijd"), required=required, widget=TIME)
            self.fields[f"m{i}_group"] = forms.TypedChoiceField(
                label=_("Groep"),
                required=required,
                coerce=int,
                choices=[("", "—")] + [(g, str(g)) for g in range(1, 9)],
            )
            self.fields[f"m{i}_subject"] = forms.CharField(label=_("Vak of les"), required=required, max_length=100)
            self.fields[f"m{i}_minutes"] = forms.TypedChoiceField(
                label=_("Hoe lang"), coerce=int, choices=VisitMoment.DURATIONS, initial=45, required=False
            )

    def moment_rows(self):
        return [[self[f"m{i}_{part}"] for part in ("date", "time", "group", "subject", "minutes")] for i in (1, 2, 3)]

    def clean(self):
        data = super().clean()
        moments = []
        now = timezone.now()
        for i in (1, 2, 3):
            parts = [data.get(f"m{i}_{p}") for p in ("date", "time", "group", "subject")]
            raw = [self.data.get(self.add_prefix(f"m{i}_{p}")) for p in ("date", "time", "group", "subject")]
            if not any(raw):
                continue
            if not all(parts):
                if not any(self.errors.get(f"m{i}_{p}") for p in ("date", "time", "group", "subject")):
                    self.add_error(f"m{i}_date", _("Vul bij moment %(n)s datum, tijd, groep én vak in.") % {"n": i})
                continue
            starts_at = timezone.make_aware(datetime.combine(parts[0], parts[1]))
            if starts_at <= now:
                self.add_error(
                    f"m{i}_date", _("Dit moment ligt in het verleden. Kies een datum en tijd die nog komen.")
                )
                continue
            moments.append(
                {
                    "starts_at": starts_at,
                    "class_group": parts[2],
                    "subject": parts[3],
                    "minutes": data.get(f"m{i}_minutes") or 45,
                }
            )
        data["moments"] = moments
        own = [line.strip()[:300] for line in (data.get("own_look_fors") or "").splitlines() if line.strip()]
        data["all_look_fors"] = [(lf.text, lf) for lf in data.get("look_fors") or []] + [(t, None) for t in own]
        if not data["all_look_fors"] and not self.errors.get("look_fors"):
            self.add_error("look_fors", _("Kies minstens één kijkpunt of schrijf er zelf een."))
        return data


class AcceptVisitForm(forms.Form):
    moment = forms.ModelChoiceField(
        label=_("Welk moment past jou?"),
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een van de voorgestelde momenten.")},
    )
    word = AnswerForm.base_fields["word"]

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].queryset = visit.moments.all()
        self.fields["moment"].label_from_instance = lambda m: (
            _("%(when)s · groep %(group)s · %(subject)s")
            % {
                "when": formats.date_format(timezone.localtime(m.starts_at), "DATETIME_FORMAT"),
                "group": m.class_group,
                "subject": m.subject,
            }
        )


class RescheduleForm(forms.Form):
    date = forms.DateField(label=_("Nieuwe datum"), widget=DATE)
    time = forms.TimeField(label=_("Nieuwe tijd"), widget=TIME)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(datetime.combine(data["date"], data["time"]))
            if data["starts_at"] <= timezone.now():
                self.add_error("date", _("Dit moment ligt in het verleden. Kies een datum en tijd die nog komen."))
        return data


class ObservationForm(forms.Form):
    seen = forms.ChoiceField(
        label=_("Wat zag je?"), choices=[("", "—"), *Seen.choices], required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Wat zag of hoorde je? (beschrijvend, niet oordelend)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReflectionForm(forms.Form):
    learned = forms.CharField(
        label=_("Wat heb ik geleerd?"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    will_try = forms.CharField(
        label=_("Wat ga ik uitproberen?"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    cycle_group = forms.ModelChoiceField(
        label=_("Ook als bijdrage aan de onderzoekscyclus van (mag leeg)"),
        queryset=None,
        required=False,
        empty_label=_("(niet toevoegen)"),
    )

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle_group"].queryset = groups

    def clean(self):
        data = super().clean()
        if not (data.get("learned") or "").strip() and not (data.get("will_try") or "").strip():
            raise forms.ValidationError(_("Schrijf op wat je leerde of wat je gaat uitproberen."))
        return data


class TakeawayForm(forms.Form):
    takeaway = forms.CharField(
        label=_("Wat neem ik zelf mee?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf kort op wat je meeneemt.")},
    )


class KijkwijzerForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=120)
    description = forms.CharField(label=_("Waar kijk je naar?"), max_length=300, required=False)
    items = forms.CharField(
        label=_("Kijkpunten"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Eén per regel, 3 tot 6 stuks; iets wat je kunt zien of horen, niet een oordeel."),
    )
    is_active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not 3 <= len(items) <= 6:
            raise forms.ValidationError(_("Schrijf 3 tot 6 kijkpunten, één per regel (nu: %(n)s).") % {"n": len(items)})
        if any(len(item) > 300 for item in items):
            raise forms.ValidationError(_("Een kijkpunt is hoogstens 300 tekens."))
        return items


VISIT_SHARE_CHOICES = Visit.ShareWhat.choices
