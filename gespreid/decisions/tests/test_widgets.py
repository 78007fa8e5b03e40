"""The one-template radio buttons write exactly the HTML Django's own RadioSelect writes."""

import pytest
from django import forms

from gespreid.decisions.forms import RadioSelect, ResponseForm


@pytest.mark.parametrize("value", ["a", None])
@pytest.mark.parametrize("attrs", [{"id": "id_x", "required": True}, {}])
def test_radio_buttons_match_djangos(value, attrs):
    choices = [("a", "Eén <b>"), ("b", "Twee")]
    ours = RadioSelect(choices=choices, attrs=attrs).render("x", value)
    assert ours == forms.RadioSelect(choices=choices, attrs=attrs).render("x", value)
    assert "Eén &lt;b&gt;" in ours


def test_grouped_radio_buttons_match_djangos():
    choices = [("Groep", [("a", "A"), ("b", "B")]), ("c", "C")]
    assert RadioSelect(choices=choices).render("x", "b", attrs={"id": "q"}) == forms.RadioSelect(
        choices=choices
    ).render("x", "b", attrs={"id": "q"})


def test_the_response_form_renders_as_with_djangos_widgets():
    from django.template.loader import render_to_string

    def fields(form):
        return render_to_string("core/form_fields.html", {"form": form})

    initial = {"kind": "zorg", "text": "Krap.", "suggestion": "", "name_visible": "0"}
    ours = ResponseForm(round_kind="instemming", initial=initial)
    theirs = ResponseForm(round_kind="instemming", initial=initial)
    for name in ("kind", "name_visible"):
        widget = forms.RadioSelect()
        widget.choices = theirs.fields[name].choices
        theirs.fields[name].widget = widget
    assert isinstance(ours.fields["kind"].widget, RadioSelect)
    assert fields(ours) == fields(theirs)
