"""Every school page names itself in the browser tab (WCAG 2.4.2), not just "<school> · Gespreid"."""

import re

import pytest

from gespreid.core.tests.test_walls import fill, school_routes

SIMPLE_ROUTES = [route for route in school_routes() if route.count("<") == 1]  # only the school slug


def test_there_are_pages_to_check():
    assert "<slug:school_slug>/team/" in SIMPLE_ROUTES and len(SIMPLE_ROUTES) >= 20


@pytest.mark.parametrize("route", SIMPLE_ROUTES)
def test_each_page_has_a_title_of_its_own(route, leader_client, school, leader):
    response = leader_client.get(fill(route, school.slug))
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        pytest.skip(f"{route}: {response.status_code} {response['Content-Type']} (no page to name)")
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()
    assert title not in {f"{school.name} · Gespreid", "Gespreid"}, route
    assert title.strip(" ·") not in {school.name, ""}, route
