"""Forms and widgets for core and every app: team members, fte, dates, selects. Dutch messages, max lengths."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Bouw, Function

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


GROUP_PARTS = re.compile(r"[0-9]+")


def parse_class_group(value) -> str:
    """A teacher's group as schools write it: "5", "1/2", "groep 5-6", "5 en 6" -> "5", "1/2", "5/6".

    Empty stays empty (non-teaching staff). Groups run from 1 to 8, at most three in one combination;
    anything else raises ValueError with a Dutch message.
    """
    text = str(value if value is not None else "").strip().lower()
    if not text:
        return ""
    rest = re.sub(r"^(groepen|groep|gr\.?)\s*", "", text)
    if not re.fullmatch(r"[0-9]+(\s*(/|-|\+|,|&|en)\s*[0-9]+)*", rest):
        raise ValueError(_("Schrijf de groep als 1 tot en met 8, of als combinatie zoals 1/2 of 5/6."))
    parts = GROUP_PARTS.findall(rest)
    if any(len(n) > 2 for n in parts):
        raise ValueError(_("Een groep loopt van 1 tot en met 8."))
    numbers = {int(n) for n in parts}
    for low, high in re.findall(r"([0-9]+)\s*-\s*([0-9]+)", rest):  # "6-8" is 6, 7 and 8
        numbers.update(range(int(low), int(high) + 1))
    numbers = sorted(numbers)
    if any(n < 1 or n > 8 for n in numbers):
        raise ValueError(_("Een groep loopt van 1 tot en met 8."))
    if len(numbers) > 3:
        raise ValueError(_("Een combinatiegroep heeft hoogstens drie groepen, zoals 1/2 of 6/7/8."))
    return "/".join(str(n) for n in numbers)


def parse_bouw(value) -> str:
    """ "onderbouw", "Middenbouw", "OB", "mb", "upper" -> a Bouw value; empty stays empty."""
    from django.utils.translation import override

    text = str(value if value is not None else "").strip().lower()
    if not text:
        return ""
    lookup = {"ob": Bouw.LOWER, "mb": Bouw.MIDDLE, "bb": Bouw.UPPER}
    lookup |= {"lower": Bouw.LOWER, "middle": Bouw.MIDDLE, "upper": Bouw.UPPER}
    for code, label in Bouw.choices:
        lookup[code] = code
        for language in ("nl", "en"):
            with override(language):
                lookup[str(label).lower()] = code
    if text not in lookup:
        raise ValueError(_("Kies onderbouw, middenbouw of bovenbouw."))
    return str(lookup[text])


class ClassGroupField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Groep"))
        kwargs.setdefault(
            "help_text", _("Bijvoorbeeld 3, of 1/2 voor een combinatiegroep. Leeg als je geen groep hebt.")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_class_group(value)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


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
    class_group = ClassGroupField()
    bouw = forms.ChoiceField(label=_("Bouw"), choices=[("", _("geen bouw"))] + list(Bouw.choices), required=False)
    is_leader = forms.BooleanField(label=_("Schoolleider"), required=False)
    is_admin = forms.BooleanField(
        label=_("Beheerder"), required=False, help_text=_("Mag het team en de instellingen van de school beheren.")
    )
