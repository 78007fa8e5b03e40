"""Every school page names itself in the browser tab (WCAG 2.4.2), not just "<school> · Gespreid".

Every simple school URL is opened by the leader of a school that has a werkverdelingsplan (so the
plan's print page and export answer too). A URL is either a page with a title of its own, a download
(an attachment that is not HTML) or a POST-only action (405 with ``Allow: POST``); anything else fails.
"""

import re

import pytest

from gespreid.core.tests.test_walls import fill, school_routes

SIMPLE_ROUTES = [route for route in school_routes() if route.count("<") == 1]  # only the school slug


@pytest.fixture
def school_with_a_plan(school, year):
    from gespreid.work.models import Plan

    Plan.objects.create(school=school, school_year=year)
    return school


def test_there_are_pages_to_check():
    assert "<slug:school_slug>/team/" in SIMPLE_ROUTES and "<slug:school_slug>/taken/plan/afdrukken/" in SIMPLE_ROUTES
    assert len(SIMPLE_ROUTES) >= 20


@pytest.mark.parametrize("route", SIMPLE_ROUTES)
def test_each_page_has_a_title_of_its_own(route, leader_client, school_with_a_plan, leader):
    school = school_with_a_plan
    response = leader_client.get(fill(route, school.slug))
    content_type = response["Content-Type"]
    if response.status_code == 405:
        assert "GET" not in response["Allow"] and "POST" in response["Allow"], route
        return
    assert response.status_code == 200, f"{route}: {response.status_code}"
    if not content_type.startswith("text/html"):
        assert response["Content-Disposition"].startswith("attachment"), route
        return
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()
    assert title not in {f"{school.name} · Gespreid", "Gespreid"}, route
    assert title.strip(" ·") not in {school.name, ""}, route
