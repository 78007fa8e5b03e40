"""The team page is served whole from the cache (core.page_cache): nobody may ever see what is not theirs.

Each test makes the cache hold a page first (one person looks), then checks what a second
request gets after the thing that must show has changed.
"""

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gespreid.core.models import Membership
from gespreid.core.notify import notify

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def team_url(school):
    return reverse("core:team", args=[school.slug])


def strict_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def tokens(html: str) -> set:
    found = set(TOKEN.findall(html))
    found.update(re.findall(r'"X-CSRFToken": "([^"]+)"', html))
    return found


def test_every_response_carries_a_working_csrf_token_of_its_own(school, leader, member, teacher_leader):
    first, second = strict_client(member), strict_client(teacher_leader)
    pages = [first.get(team_url(school)).content.decode() for _ in range(2)]
    pages.append(second.get(team_url(school)).content.decode())
    for html in pages:
        assert len(tokens(html)) == 1  # the forms and htmx's header carry the same token
        assert len(next(iter(tokens(html)))) == 64  # a masked Django token, never the placeholder
        assert not re.search(r"csrf[0-9a-f]{32}", html)
    assert len({next(iter(tokens(html))) for html in pages}) == 3  # masked afresh for every response
    # The token from a cached page works: the language switch in the header accepts it.
    token = next(iter(tokens(pages[2])))
    response = second.post(
        reverse("set_language"), {"language": "en", "next": team_url(school), "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert 'lang="en"' in second.get(team_url(school)).content.decode()
    # Without it the same request is refused: the check is real.
    assert second.post(reverse("set_language"), {"language": "nl", "next": "/"}).status_code == 403


def test_the_same_page_for_colleagues_with_the_same_role_and_not_for_a_leader(school, leader, member, teacher_leader):
    member_html = strict_client(member).get(team_url(school)).content.decode()
    colleague_html = strict_client(teacher_leader).get(team_url(school)).content.decode()
    leader_html = strict_client(leader).get(team_url(school)).content.decode()
    strip = lambda html: TOKEN.sub("", re.sub(r'"X-CSRFToken": "[^"]+"', "", html))  # noqa: E731
    assert strip(member_html) == strip(colleague_html)
    assert "Collega uitnodigen" in leader_html and "Collega uitnodigen" not in member_html
    assert "Collega uitnodigen" not in strict_client(member).get(team_url(school)).content.decode()


def test_a_change_to_the_team_shows_at_once(member_client, school, leader, member, make_member):
    assert "Nieuwe Collega" not in member_client.get(team_url(school)).content.decode()
    make_member(school, "Nieuwe Collega")
    assert "Nieuwe Collega" in member_client.get(team_url(school)).content.decode()
    Membership.objects.filter(user__name="Nieuwe Collega").update(is_active=False)  # a bulk update, no signal
    from gespreid.core.team import bump_team_version

    bump_team_version([school.pk])  # what every write function does after such a change
    assert "Nieuwe Collega" not in member_client.get(team_url(school)).content.decode()


def test_a_renamed_school_shows_its_new_name(member_client, school, member):
    assert "De Linde" in member_client.get(team_url(school)).content.decode()
    type(school).objects.filter(pk=school.pk).update(name="De Nieuwe Linde")
    assert "De Nieuwe Linde" in member_client.get(team_url(school)).content.decode()


def test_the_unread_badge_is_each_persons_own(school, leader, member, teacher_leader):
    member_client, colleague_client = strict_client(member), strict_client(teacher_leader)
    assert 'class="badge"' not in member_client.get(team_url(school)).content.decode()
    notify(school, [member], "Er is iets voor jou", url="/")
    assert 'class="badge"' in member_client.get(team_url(school)).content.decode()
    assert 'class="badge"' not in colleague_client.get(team_url(school)).content.decode()


def test_the_school_switch_lists_only_the_viewers_own_schools(school, other_school, member, teacher_leader, board):
    from gespreid.core.models import School

    third = School.objects.create(board=board, name="De Derde", slug="de-derde", brin="33CC", town="Ede")
    Membership.objects.create(user=member, school=other_school)
    Membership.objects.create(user=teacher_leader, school=third)
    member_html = strict_client(member).get(team_url(school)).content.decode()
    colleague_html = strict_client(teacher_leader).get(team_url(school)).content.decode()
    assert "Het Anker" in member_html and "De Derde" not in member_html
    assert "De Derde" in colleague_html and "Het Anker" not in colleague_html


def test_a_message_is_shown_once_and_not_kept(leader_client, school, leader, member):
    url = reverse("core:member-edit", args=[school.slug, Membership.objects.get(user=member).pk])
    leader_client.get(team_url(school))  # the page is in the cache now
    response = leader_client.post(url, {"function": "leerkracht", "fte": "0,6"}, follow=True)
    assert "zijn opgeslagen" in response.content.decode()
    assert "zijn opgeslagen" not in leader_client.get(team_url(school)).content.decode()


def test_english_and_dutch_are_kept_apart(member_client, school, member):
    assert 'lang="nl"' in member_client.get(team_url(school)).content.decode()
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = member_client.get(team_url(school)).content.decode()
    assert 'lang="en"' in html and "Log out" in html
    dutch = Client()
    dutch.force_login(get_user_model().objects.get(pk=member.pk))
    assert "Uitloggen" in dutch.get(team_url(school)).content.decode()


def test_outsiders_never_reach_the_cached_page(school, member, outsider, client):
    strict_client(member).get(team_url(school))
    assert strict_client(outsider).get(team_url(school)).status_code == 404
    response = client.get(team_url(school))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _request_for(user, school):
    from django.test import RequestFactory
    from django.urls import resolve

    from gespreid.core.access import get_membership

    request = RequestFactory().get(team_url(school))
    request.user = user
    request.membership = get_membership(user, school.slug)
    request.resolver_match = resolve(team_url(school))
    return request


def test_only_plain_html_pages_are_kept(school, member):
    """Downloads, redirects and form errors pass through untouched and are rendered again next time."""
    from django.http import HttpResponse, HttpResponseRedirect
    from django.template import engines

    from gespreid.core.page_cache import shared_page

    form = engines["django"].from_string("<form>{% csrf_token %}</form>")
    calls = []

    def make(response_for):
        @shared_page("team_version")
        def view(request):
            calls.append(1)
            return response_for(request)

        return view

    download = make(lambda r: HttpResponse(b"PK\x03\x04\xff", content_type="application/vnd.ms-excel"))
    assert download(_request_for(member, school)).content == b"PK\x03\x04\xff"
    redirect = make(lambda r: HttpResponseRedirect("/elders/"))
    assert redirect(_request_for(member, school))["Location"] == "/elders/"
    invalid = make(lambda r: HttpResponse(form.render({}, r), status=400))
    html = invalid(_request_for(member, school)).content.decode()
    assert len(TOKEN.search(html).group(1)) == 64 and not re.search(r"csrf[0-9a-f]{32}", html)
    for view in (download, redirect, invalid):
        view(_request_for(member, school))
    assert len(calls) == 6  # every call reached the view: nothing was served from the cache
    page = make(lambda r: HttpResponse(form.render({}, r)))
    page(_request_for(member, school))
    page(_request_for(member, school))
    assert len(calls) == 7  # a plain page is rendered once


def test_joining_a_third_school_shows_in_the_switch_on_the_other_schools_pages(
    school, other_school, member, board, client
):
    from gespreid.core.models import School

    Membership.objects.create(user=member, school=other_school)
    viewer = strict_client(member)
    assert "De Derde" not in viewer.get(team_url(school)).content.decode()
    third = School.objects.create(board=board, name="De Derde", slug="de-derde", brin="33CC", town="Ede")
    Membership.objects.create(user=member, school=third)
    assert "De Derde" in viewer.get(team_url(school)).content.decode()
    Membership.objects.filter(user=member, school=third).delete()
    assert "De Derde" not in viewer.get(team_url(school)).content.decode()
