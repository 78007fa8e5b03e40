from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import DateInput

from . import media
from .models import MAX_PHOTOS, TEXT_MAX, HighlightSettings


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        one = super().clean
        if isinstance(data, (list, tuple)):
            return [one(item, initial) for item in data if item]
        return [one(data, initial)] if data else []


class PostForm(forms.Form):
    """A new post or a new version: text, link, photos or a film, and the image-consent promise."""

    text = forms.CharField(
        label=_("Wat wil je laten zien?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX, "data-counter": "highlight-counter"}),
    )
    priority = forms.ModelChoiceField(label=_("Speerpunt"), queryset=None, required=False, empty_label=_("— geen —"))
    group = forms.ModelChoiceField(label=_("Werkgroep"), queryset=None, required=False, empty_label=_("— geen —"))
    photos = MultipleFileField(
        label=_("Foto's (hooguit vier)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPG, PNG of WebP. We verkleinen ze en halen locatie- en cameragegevens eruit."),
    )
    film = forms.FileField(
        label=_("Of één korte film"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    alt_text = forms.CharField(
        label=_("Beschrijving van het beeld (voor wie het niet kan zien)"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=_(
            "Ik bevestig dat voor ieder herkenbaar kind op deze foto's of film toestemming van de ouders is (beeldtoestemming)."
        ),
        error_messages={
            "required": _(
                "Zonder deze bevestiging kun je niet insturen. Twijfel je? Kies een beeld zonder herkenbare kinderen."
            )
        },
    )

    def __init__(self, school, *args, has_media=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.has_media = has_media
        self.fields["priority"].queryset = school.priorities.filter(is_active=True).order_by("title")
        self.fields["group"].queryset = school.work_groups.select_related("school_year").order_by(
            "-school_year__starts_on", "name"
        )
        self.fields["text"].help_text = _(
            "Kort en over onze ontwikkeling: wat deden jullie, wat leverde het op? Maximaal %(n)s tekens."
        ) % {"n": TEXT_MAX}
        self.fields["film"].help_text = _("mp4 of webm, hooguit %(mb)s MB en %(s)s seconden.") % {
            "mb": f"{media.film_max_mb():g}",
            "s": media.FILM_MAX_SECONDS,
        }
        if has_media:
            self.fields["photos"].help_text = _(
                "Laat leeg om de huidige foto's of film te houden; nieuwe vervangen ze."
            )
        self.clean_files: list[media.CleanFile | media.PendingFile] = []

    def clean(self):
        data = super().clean()
        photos, film = data.get("photos") or [], data.get("film")
        if len(photos) > MAX_PHOTOS:
            self.add_error("photos", _("Kies hooguit vier foto's."))
        if photos and film:
            self.add_error("film", _("Kies foto's óf één film, niet allebei."))
        if not photos and not film and not self.has_media and "photos" not in self.errors:
            self.add_error("photos", _("Een highlight heeft altijd beeld: voeg een foto of een film toe."))
        priority, group = data.get("priority"), data.get("group")
        if group is not None and priority is None and group.priority_id:
            data["priority"] = group.priority
        if (
            priority is None
            and group is None
            and (self.fields["priority"].queryset.exists() or self.fields["group"].queryset.exists())
        ):
            self.add_error("priority", _("Kies het speerpunt of de werkgroep waar dit bij hoort."))
        if not self.errors:
            self._clean_media(photos, film)
        return data

    def _clean_media(self, photos, film):
        try:
            # Quick checks here; a film and large photos are processed by a worker (highlights.processing).
            if film:
                self.clean_files = [media.check_film(film)]
            else:
                self.clean_files = [media.check_image(photo) for photo in photos]
        except ValidationError as error:
            self.add_error("film" if film else "photos", error)
            self.discard()

    def discard(self):
        """Remove temporary files of media that will not be stored."""
        for clean in self.clean_files:
            media._remove(getattr(clean, "path", None))
        self.clean_files = []


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting voor de schrijver"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        error_messages={"required": _("Schrijf erbij waarom; de schrijver ziet je toelichting.")},
    )


class ModeratorsForm(forms.Form):
    moderators = forms.ModelMultipleChoiceField(
        label=_("Moderatoren"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wij raden twee moderatoren aan. Zonder moderatoren beoordelen de schoolleiders."),
    )
    required_approvals = forms.TypedChoiceField(
        label=_("Wanneer komt een bericht online?"),
        choices=HighlightSettings._meta.get_field("required_approvals").choices,
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, school, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["moderators"].queryset = (
            get_user_model().objects.filter(memberships__school=school, memberships__is_active=True).order_by("name")
        )
        self.fields["moderators"].label_from_instance = lambda user: user.name

    def clean(self):
        data = super().clean()
        chosen, needed = data.get("moderators"), data.get("required_approvals")
        if chosen is not None and needed and chosen and len(chosen) < needed:
            self.add_error(
                "moderators",
                _("Bij vier ogen zijn minstens twee moderatoren nodig (drie als een van hen zelf ook post)."),
            )
        return data


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Van"), widget=DateInput())
    end = forms.DateField(label=_("Tot en met"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        return data
