"""Page panels: one app's page shows what another app registered for its slot, scoped to the request."""

import pytest
from django.urls import reverse

from gespreid.core import registry


@pytest.fixture
def palette_panel():
    def panel(request, year):
        return registry.Panel("core/tests/panel.html", {"text": f"paneel voor {request.user.name} in {year}"})

    registry.register_panel("expertise.palette", panel)
    yield panel
    registry._panels["expertise.palette"].remove(
        next(e for e in registry._panels["expertise.palette"] if e[1] is panel)
    )


def test_a_registered_panel_appears_in_its_slot_with_the_pages_arguments(palette_panel, member_client, school, year):
    response = member_client.get(reverse("expertise:palette", args=[school.slug]))
    assert response.status_code == 200
    assert f"paneel voor Mila Lid in {year}" in response.content.decode()


def test_a_panel_that_returns_none_shows_nothing(member_client, school, year):
    def nothing(request, year):
        return None

    registry.register_panel("expertise.palette", nothing)
    try:
        response = member_client.get(reverse("expertise:palette", args=[school.slug]))
        assert "paneel voor" not in response.content.decode()
    finally:
        registry._panels["expertise.palette"] = [
            e for e in registry._panels["expertise.palette"] if e[1] is not nothing
        ]


def test_a_panel_gets_only_the_keywords_it_names(rf):
    seen = {}

    def narrow(request, query=None):
        seen["narrow"] = query
        return None

    def wide(request, **kwargs):
        seen["wide"] = sorted(kwargs)
        return None

    for func in (narrow, wide):
        registry.register_panel("test.slot", func)
    try:
        registry.panels_for("test.slot", rf.get("/"), query="lezen", hits=[1], areas=[])
    finally:
        registry._panels.pop("test.slot")
    assert seen == {"narrow": "lezen", "wide": ["areas", "hits", "query"]}
