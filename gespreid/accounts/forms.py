from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from gespreid.core.forms import FteField
from gespreid.core.models import Function


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters."),
        "inactive": _("Dit account is niet actief."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Wachtwoord")

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
    is_leader = forms.BooleanField(label=_("Schoolleider"), required=False)
    is_admin = forms.BooleanField(
        label=_("Beheerder"), required=False, help_text=_("Mag het team en de instellingen van de school beheren.")
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


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
