"""The shared form pieces: the date widget and the field renderer's ARIA links."""

import datetime
import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from gespreid.core.forms import DateInput


class _Form(forms.Form):
    on = forms.DateField(label="Datum", widget=DateInput(), help_text="Kies een dag.")
    note = forms.CharField(label="Notitie", required=False)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_date_input_is_a_native_picker_with_an_iso_value(language):
    with translation.override(language):
        html = str(_Form(initial={"on": datetime.date(2026, 9, 3)})["on"])
    assert 'type="date"' in html and 'value="2026-09-03"' in html


def test_date_input_reads_back_what_it_renders():
    form = _Form(data={"on": "2026-09-03"})
    assert form.is_valid() and form.cleaned_data["on"] == datetime.date(2026, 9, 3)


def test_every_aria_describedby_points_at_an_id_on_the_page():
    html = render_to_string("core/form_fields.html", {"form": _Form(data={"on": "geen datum"})})
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()}
    present = set(re.findall(r'id="([^"]+)"', html))
    assert described == {"id_on_helptext", "id_on_error"} and described <= present
    assert 'aria-invalid="true"' in html


def _project_forms():
    import importlib
    import inspect

    from django.apps import apps

    for config in apps.get_app_configs():
        if not config.name.startswith("gespreid."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__ and _builds_bare(cls):
                yield pytest.param(cls, id=f"{config.label}.{name}")


def _builds_bare(cls) -> bool:
    """Forms that need no arguments (the others get a school or a person and are tested by their pages)."""
    try:
        form = cls()
    except Exception:  # needs a school, a person or the database: its page tests render it
        return False
    return not any(getattr(f, "queryset", True) is None for f in form.fields.values())


def test_the_walk_over_the_project_forms_is_not_empty():
    assert len(list(_project_forms())) >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(_project_forms()))
def test_no_form_of_the_project_describes_itself_with_a_missing_id(form_class):
    html = render_to_string("core/form_fields.html", {"form": form_class()})
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', html) for i in ids.split()}
    assert described <= set(re.findall(r'id="([^"]+)"', html))


def test_select_renders_the_options_django_renders():
    """core.forms.Select writes its options in one template: the same options, groups and choice as forms.Select."""
    import re

    from django import forms as django_forms

    from gespreid.core.forms import Select

    choices = [("Onderbouw", [("1", "Groep 1 & 2"), ("3", "Groep 3")]), ("8", "Groep 8")]
    ours = Select(attrs={"class": "x"}, choices=choices).render("groep", "3")
    django = django_forms.Select(attrs={"class": "x"}, choices=choices).render("groep", "3")
    assert re.sub(r"\s+", " ", ours) == re.sub(r"\s+", " ", django)
    assert '<option value="3" selected>Groep 3</option>' in ours and "Groep 1 &amp; 2" in ours
