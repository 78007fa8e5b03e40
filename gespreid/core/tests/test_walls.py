"""Every school's data is walled off: walk every URL pattern as a member of another school."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# URLs outside any school: their own tests cover them.
PLATFORM_PREFIXES = ("admin/", "i18n/", "accounts/", "beheer/", "bestuur/", "uitnodiging/", "_bench/", "agenda/")


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def school_routes():
    routes = []
    for route, _pattern in _walk(get_resolver().url_patterns):
        if route.startswith(PLATFORM_PREFIXES) or "<slug:school_slug>" not in route:
            continue
        routes.append(route)
    return routes


def fill(route: str, school_slug: str) -> str:
    """Turn a route into a URL: the school slug given, every other parameter a plausible value."""
    import re

    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name == "school_slug":
            return school_slug
        return {"int": "1", "uuid": str(uuid.uuid4()), "path": "x/y"}.get(converter, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def test_there_are_school_routes_to_walk():
    routes = school_routes()
    assert "<slug:school_slug>/team/" in routes
    assert len(routes) >= 4


@pytest.mark.parametrize("route", school_routes())
def test_outsider_gets_404_on_every_school_url(route, outsider_client, school, leader):
    url = fill(route, school.slug)
    assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("route", school_routes())
def test_anonymous_is_sent_to_login(route, client, school):
    url = fill(route, school.slug)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("route", school_routes())
def test_unknown_school_is_404_for_everyone(route, leader_client):
    assert leader_client.get(fill(route, "bestaat-niet")).status_code == 404
