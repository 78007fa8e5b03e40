"""Every school form refuses a POST without a CSRF token (generated over every school URL).

The client enforces CSRF like a browser does not (Django's test client skips the check unless
asked). Ids come from the walls test's factories, so URLs with an id point at real objects of the
school; a new URL is picked up automatically. Platform forms (login, password reset, set-up) are
checked too.
"""

import pytest
from django.test import Client
from django.urls import reverse

from gespreid.core.tests.test_walls import World, _routes, url_for


@pytest.fixture
def csrf_world(school, leader, teacher_leader, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return World(school, leader, teacher_leader, member)


def _refused(response) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


@pytest.mark.parametrize("route, url_name", _routes(), ids=[name for _r, name in _routes()])
def test_a_post_without_a_csrf_token_is_refused(route, url_name, csrf_world, leader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    url = url_for(route, url_name, csrf_world, csrf_world.school.slug)
    response = client.post(url, {"name": "x", "text": "x"})
    assert _refused(response), (url, response.status_code)


@pytest.mark.parametrize("name", ["accounts:login", "accounts:password-forgot"])
def test_platform_forms_refuse_a_post_without_a_token(name, db):
    assert _refused(Client(enforce_csrf_checks=True).post(reverse(name), {"username": "a@b.test", "email": "a@b.test"}))


def test_the_same_post_with_a_token_is_not_refused(leader, school):
    """The tests above can fail: with the token from the page, the post goes through."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader)
    page = client.get(reverse("core:notifications", args=[school.slug]))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(reverse("core:notifications-read", args=[school.slug]), {"csrfmiddlewaretoken": token})
    assert not _refused(response) and response.status_code == 302
