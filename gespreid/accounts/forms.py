from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import ClassGroupField, FteField
from gespreid.core.models import Bouw, Function

from .lockout import normalise_email


class LoginForm(allauth_forms.LoginForm):
    """allauth's own login form (its public extension point), in Dutch, with the address field posted as
    ``username`` (what django-axes, the e2e tests and password managers know). allauth authenticates
    (through django-axes's backend) and its ``login()`` records the password step and runs the
    second-factor stage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mailadres")
        self.fields["login"].widget.attrs.update({"autofocus": True, "autocomplete": "email", "placeholder": ""})
        self.fields["password"].label = _("Wachtwoord")
        self.fields["password"].help_text = ""  # the page has its own "Wachtwoord vergeten?" link
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def add_prefix(self, field_name):
        return "username" if field_name == "login" else super().add_prefix(field_name)

    def full_clean(self):
        super().full_clean()
        if self.errors:
            for field in self.fields.values():
                field.widget.attrs["aria-invalid"] = "true"


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    function = forms.ChoiceField(label=_("Functie"), choices=Function.choices, initial=Function.TEACHER)
    fte = FteField(initial="1")
    class_group = ClassGroupField()
    bouw = forms.ChoiceField(label=_("Bouw"), choices=[("", _("geen bouw"))] + list(Bouw.choices), required=False)
    is_leader = forms.BooleanField(label=_("Schoolleider"), required=False)
    is_admin = forms.BooleanField(
        label=_("Beheerder"), required=False, help_text=_("Mag het team en de instellingen van de school beheren.")
    )

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (.csv of .xlsx)"),
        help_text=_("Kolommen: naam, e-mail, functie, fte. De eerste regel bevat de kolomnamen."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
        error_messages={"required": _("Kies een bestand."), "empty": _("Het bestand is leeg.")},
    )


class SetPasswordForm(forms.Form):
    """Choose a password (Django's validators, checked against the invited person's name and e-mail)."""

    password1 = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 10 tekens; niet alleen cijfers en niet te lijken op je naam of e-mailadres."),
    )
    password2 = forms.CharField(
        label=_("Herhaal het wachtwoord"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, name="", email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.person = get_user_model()(name=name, email=email)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif p1:
            try:
                password_validation.validate_password(p1, self.person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SignInMethodForm(forms.Form):
    provider = forms.ChoiceField(label=_("Inlogdienst"))
    allowed_domains = forms.CharField(
        label=_("Toegestane e-maildomeinen"),
        required=False,
        max_length=300,
        help_text=_("Gescheiden door komma's, bijvoorbeeld stichting.nl, school.nl. Leeg: elk domein."),
    )
    tenant_id = forms.CharField(
        label=_("Microsoft-tenant"),
        required=False,
        max_length=64,
        help_text=_("Alleen voor Microsoft 365: de tenant-ID (GUID) van jullie organisatie."),
    )

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = list(providers)

    def clean_allowed_domains(self):
        import re

        domains = [d.strip().lower().lstrip("@") for d in self.cleaned_data["allowed_domains"].split(",") if d.strip()]
        bad = [d for d in domains if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", d)]
        if bad:
            raise forms.ValidationError(_("Dit is geen domein: %(bad)s") % {"bad": ", ".join(bad)})
        return ", ".join(domains)

    def clean_tenant_id(self):
        import re

        value = self.cleaned_data["tenant_id"].strip().lower()
        if value and not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", value):
            raise forms.ValidationError(_("Een tenant-ID ziet eruit als 12345678-abcd-1234-abcd-1234567890ab."))
        return value
