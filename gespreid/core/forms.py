"""Forms and widgets for core and every app: team members, fte, dates, selects. Dutch messages, max lengths."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Function

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
