"""The site header of school pages is rendered once per school, language, page, menu and unread count
(core.context_processors.site_header); the csrf token and the current path are filled in per request."""

import re

from django.test import Client
from django.urls import reverse

from gespreid.core.models import Membership
from gespreid.core.notify import notify


def header(response):
    html = response.content.decode()
    return html[html.index('<header class="site-header') : html.index("</header>")]


def test_each_request_gets_its_own_csrf_token_that_works(member, leader, school):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(member)
    second.force_login(leader)
    url = reverse("core:team", args=[school.slug])
    tokens = [re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header(c.get(url))) for c in (first, second)]
    assert all(len(t) == 2 for t in tokens)
    assert tokens[0][0] != tokens[1][0]
    # The token from the (cached) header is accepted by the language switch.
    response = first.post(reverse("set_language"), {"language": "en", "next": url, "csrfmiddlewaretoken": tokens[0][0]})
    assert response.status_code == 302
    assert "Log out" in header(first.get(url))


def test_the_current_path_is_filled_in_and_escaped(member_client, school):
    url = reverse("core:team", args=[school.slug])
    member_client.get(url)  # the header is now cached for this page
    html = header(member_client.get(url + "?a=1&b=2"))
    assert 'name="next" value="' + url + '?a=1&amp;b=2"' in html
    assert 'name="next" value="' + url + '"' in header(member_client.get(url))


def test_a_new_notification_shows_in_the_cached_header(member_client, member, school):
    url = reverse("core:team", args=[school.slug])
    assert 'class="badge"' not in header(member_client.get(url))
    notify(school, [member], "Nieuw bericht")
    assert re.search(r'class="badge"[^>]*>1</span>', header(member_client.get(url)))


def test_the_current_page_is_marked_in_the_menu(member_client, school):
    home = header(member_client.get(reverse("core:home", args=[school.slug])))
    team = header(member_client.get(reverse("core:team", args=[school.slug])))
    assert re.search(r'href="/de-linde/" aria-current="page">Start', home)
    assert not re.search(r'aria-current="page">Start', team)


def test_a_renamed_school_shows_at_once(member_client, school):
    url = reverse("core:team", args=[school.slug])
    assert "De Linde" in header(member_client.get(url))
    school.name = "De Nieuwe Linde"
    school.save()
    assert "De Nieuwe Linde" in header(member_client.get(url))


def test_people_with_two_schools_get_the_school_switch(member_client, member, school, other_school):
    url = reverse("core:team", args=[school.slug])
    assert "school-switch" not in header(member_client.get(url))
    Membership.objects.create(user=member, school=other_school)
    html = header(member_client.get(url))
    assert "school-switch" in html and "Het Anker" in html


def test_leaders_and_members_see_their_own_menu(leader_client, member_client, school):
    url = reverse("core:team", args=[school.slug])
    leader_nav = header(leader_client.get(url))
    member_nav = header(member_client.get(url))
    assert leader_nav.count("<li>") >= member_nav.count("<li>")
    assert 'name="csrfmiddlewaretoken"' in member_nav
