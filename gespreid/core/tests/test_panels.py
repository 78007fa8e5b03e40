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
