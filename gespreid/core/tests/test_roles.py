"""Leader-only pages are leader-only: walk every school URL whose view is ``leader_required`` as a member.

``core.access.leader_required`` marks its wrapper (``gespreid_access = "leader"``); ``functools.wraps``
carries the mark through the decorators above it. A team member gets 403 on every such URL, for GET
(or 405 where the URL takes POST only) and for POST, and nothing is written.
"""

import pytest
from django.urls import get_resolver

from gespreid.core.models import AuditEntry
from gespreid.core.tests.test_walls import PLATFORM_PREFIXES, _walk, fill


def leader_routes():
    routes = []
    for route, pattern, _namespace in _walk(get_resolver().url_patterns):
        if route.startswith(PLATFORM_PREFIXES) or "<slug:school_slug>" not in route:
            continue
        if getattr(pattern.callback, "gespreid_access", None) == "leader":
            routes.append(route)
    return routes


def test_there_are_leader_routes_to_walk():
    routes = leader_routes()
    assert "<slug:school_slug>/team/<int:pk>/" in routes
    assert len(routes) >= 20
    assert "<slug:school_slug>/team/" not in routes  # the team page is for everyone


@pytest.mark.parametrize("route", leader_routes())
def test_member_gets_403_on_every_leader_only_url(route, member_client, school, leader, member):
    url = fill(route, school.slug)
    audits = AuditEntry.objects.count()
    assert member_client.get(url).status_code in (403, 405), url
    assert member_client.post(url, {}).status_code == 403, url
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize("route", leader_routes())
def test_leader_is_not_refused_on_leader_only_urls(route, leader_client, school, leader):
    """The other side of the wall: the same URLs never answer the leader 403."""
    assert leader_client.get(fill(route, school.slug)).status_code != 403
