"""Forms for core: team members, boards, schools and school years. Dutch messages, max lengths."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gespreid.accounts.lockout import normalise_email

from .models import BRIN_RE, RESERVED_SLUGS, Board, Function, School

FTE_MAX = Decimal("1.2")


def parse_fte(value) -> Decimal:
    """Accept "0,8" and "0.8"; raise ValueError with a Dutch message when it is not 0–1.2."""
    text = str(value if value is not None else "").strip().replace(",", ".")
    if not text:
        raise ValueError(_("Vul de fte in (0 tot en met 1,2)."))
    try:
        fte = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("De fte moet een getal zijn, bijvoorbeeld 0,8.")) from None
    if not fte.is_finite() or fte < 0 or fte > FTE_MAX:
        raise ValueError(_("De fte moet tussen 0 en 1,2 liggen."))
    return fte.quantize(Decimal("0.01"))


class FteField(forms.CharField):
    """FTE with a Dutch decimal comma allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("label", _("Fte"))
        kwargs.setdefault("help_text", _("Tussen 0 en 1,2, bijvoorbeeld 0,8."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            from .team import fte_text

            return fte_text(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_fte(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class Select(forms.Select):
    """Django's select with the options written in its own template, not one included template per option.

    The same HTML as ``forms.Select``; a list of 40 people renders 1 template instead of 81.
    """

    template_name = "core/widgets/select.html"


class DateInput(forms.DateInput):
    """A native date picker (``<input type="date">``), which needs the ISO format ``2026-12-01``."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs=attrs, format=format)


class MemberForm(forms.Form):
    function = forms.ChoiceField(label=_("Functie"), choices=Function.choices)
    fte = FteField()
    is_leader = forms.BooleanField(label=_("Schoolleider"), required=False)
    is_admin = forms.BooleanField(
        label=_("Beheerder"), required=False, help_text=_("Mag het team en de instellingen van de school beheren.")
    )


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
