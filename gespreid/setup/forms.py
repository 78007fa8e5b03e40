"""Forms of the platform's set-up: a board with its administrator, a school, its first leader. Dutch messages."""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gespreid.accounts.lockout import normalise_email
from gespreid.core.models import BRIN_RE, RESERVED_SLUGS, Board, School


def _slug_from(value: str) -> str:
    return slugify(value)[:50]


class BoardForm(forms.Form):
    name = forms.CharField(label=_("Naam van het bestuur"), max_length=150)
    slug = forms.SlugField(
        label=_("Webadres"), max_length=50, required=False, help_text=_("Laat leeg om het uit de naam te maken.")
    )
    admin_name = forms.CharField(label=_("Naam van de beheerder"), max_length=150)
    admin_email = forms.EmailField(
        label=_("E-mailadres van de beheerder"),
        max_length=254,
        help_text=_(
            "Deze persoon krijgt een e-mail om een wachtwoord te kiezen, als hij of zij nog geen account heeft."
        ),
    )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or _slug_from(self.data.get("name", ""))
        if not slug:
            raise forms.ValidationError(_("Kies een webadres met letters of cijfers."))
        if Board.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Dit webadres is al in gebruik; kies een ander."))
        return slug

    def clean_admin_email(self):
        return normalise_email(self.cleaned_data["admin_email"])


class SchoolDetailsForm(forms.Form):
    """A school's name, BRIN number and town: changing them (``board:school-edit``); ``SchoolForm`` adds to it.

    ``school``: the school being changed, whose own BRIN number is accepted unchanged.
    """

    name = forms.CharField(label=_("Naam van de school"), max_length=150)
    brin = forms.CharField(
        label=_("BRIN-nummer"),
        max_length=6,
        help_text=_("Twee cijfers en twee letters, bijvoorbeeld 12AB (of 12AB00)."),
    )
    town = forms.CharField(label=_("Plaats"), max_length=100)

    def __init__(self, *args, school: School | None = None, **kwargs):
        self.school = school
        super().__init__(*args, **kwargs)

    def clean_brin(self):
        brin = self.cleaned_data["brin"].strip().upper().replace(" ", "")
        if not BRIN_RE.match(brin):
            raise forms.ValidationError(
                _(
                    "Een BRIN-nummer is twee cijfers en twee letters, bijvoorbeeld 12AB (eventueel met vestigingsnummer: 12AB00)."
                )
            )
        others = School.objects.filter(brin=brin)
        if self.school is not None:
            others = others.exclude(pk=self.school.pk)
        if others.exists():
            raise forms.ValidationError(_("Er is al een school met dit BRIN-nummer."))
        return brin


class SchoolForm(SchoolDetailsForm):
    """A new school: its details, its web address and optionally the first school leader."""

    slug = forms.SlugField(
        label=_("Webadres"), max_length=50, required=False, help_text=_("Laat leeg om het uit de naam te maken.")
    )
    leader_name = forms.CharField(label=_("Naam van de eerste schoolleider"), max_length=150, required=False)
    leader_email = forms.EmailField(
        label=_("E-mailadres van de eerste schoolleider"),
        max_length=254,
        required=False,
        help_text=_("Deze persoon krijgt een uitnodiging. Je kunt dit ook later doen."),
    )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or _slug_from(self.data.get("name", ""))
        if not slug:
            raise forms.ValidationError(_("Kies een webadres met letters of cijfers."))
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Dit webadres is gereserveerd; kies een ander."))
        if School.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("Dit webadres is al in gebruik; kies een ander."))
        return slug

    def clean(self):
        data = super().clean()
        if bool(data.get("leader_name")) != bool(data.get("leader_email")) and not self.errors:
            raise forms.ValidationError(
                _("Vul van de eerste schoolleider zowel de naam als het e-mailadres in, of laat beide leeg.")
            )
        return data


class LeaderInviteForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])
