"""Privacy: an unshared request or visit is the two people's alone, on every URL of the app.

The leader, a third colleague, a member of the other school and the board get 404 on each object URL
(GET and POST) and find no trace of it in any list, count or search they can open.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gespreid.learning import advice, visits
from gespreid.learning import urls as learning_urls

SECRET_Q = "GEHEIME-VRAAG-over-leesgroepen"
SECRET_FOCUS = "GEHEIME-FOCUS-wachttijd"

OBJECT_ROUTES = [
    p for p in learning_urls.urlpatterns if "<int:pk>" in str(p.pattern) and p.name.startswith(("request-", "visit-"))
]


def test_every_object_route_is_walked():
    names = {p.name for p in OBJECT_ROUTES}
    assert {"request-detail", "request-attachment", "visit-detail", "visit-ics", "visit-observe-save"} <= names
    assert len(names) >= 20


@pytest.fixture
def secrets(school, member, teacher_leader, year):
    from datetime import timedelta

    req = advice.create_request(member, school, teacher_leader, school, kind="advies", question=SECRET_Q)
    advice.answer(req, teacher_leader, accept=True, word="ja")
    visit = visits.create_visit(
        member,
        school,
        teacher_leader,
        focus=SECRET_FOCUS,
        moments=[{"starts_at": timezone.now() + timedelta(days=2), "minutes": 45, "class_group": 4, "subject": "Taal"}],
        look_fors=[("Kijkpunt", None)],
    )
    visits.accept(visit, teacher_leader, visit.moments.first())
    return req, visit


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def _url(pattern, school_slug, req, visit):
    pk = req.pk if pattern.name.startswith("request-") else visit.pk
    kwargs = {"pk": pk}
    if "look_for_pk" in str(pattern.pattern):
        kwargs["look_for_pk"] = visit.look_fors.first().pk
    return reverse(f"learning:{pattern.name}", kwargs={"school_slug": school_slug, **kwargs})


@pytest.mark.parametrize("who", ["leader", "third", "outsider", "board_member"])
@pytest.mark.parametrize("pattern", OBJECT_ROUTES, ids=lambda p: p.name)
def test_others_get_404_on_every_object_url(request, who, pattern, secrets, school, other_school):
    req, visit = secrets
    user = request.getfixturevalue(who)
    client = _client(user)
    slugs = [school.slug, other_school.slug] if who == "outsider" else [school.slug]
    for slug in slugs:
        url = _url(pattern, slug, req, visit)
        # POST-only actions answer any GET with 405, whatever the pk (so it says nothing about the object)
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"word": "x", "text": "x", "outcome": "x"}).status_code == 404, url


def test_the_two_reach_their_pages(secrets, school, member, teacher_leader):
    req, visit = secrets
    for user in (member, teacher_leader):
        c = _client(user)
        assert c.get(reverse("learning:request-detail", args=[school.slug, req.pk])).status_code == 200
        assert c.get(reverse("learning:visit-detail", args=[school.slug, visit.pk])).status_code == 200


def _pages(school, who):
    pages = [
        reverse("core:home", args=[school.slug]),
        reverse("core:notifications", args=[school.slug]),
        reverse("learning:home", args=[school.slug]),
        reverse("learning:shared-list", args=[school.slug]),
        reverse("expertise:palette", args=[school.slug]),
        reverse("expertise:search", args=[school.slug]) + "?q=lezen",
    ]
    if who == "leader":
        pages.append(reverse("core:audit-log", args=[school.slug]))
    return pages


@pytest.mark.parametrize("who", ["leader", "third"])
def test_no_trace_in_any_list_or_search(request, who, secrets, school, member, teacher_leader):
    user = request.getfixturevalue(who)
    client = _client(user)
    for page in _pages(school, who):
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert SECRET_Q not in html and SECRET_FOCUS not in html, page
        if who == "leader":
            # not even who asked whom: the two names never appear together with the learning app's words
            assert not re.search(r"Mila Lid[^<]{0,80}(vraagt|vroeg|advies|lesbezoek)", html), page


def test_audit_log_holds_no_names_of_private_requests(secrets, school):
    from gespreid.core.models import AuditEntry

    assert not AuditEntry.objects.filter(action__startswith="learning.").exists()


def test_notifications_only_to_the_two(secrets, leader, third):
    from gespreid.core.models import Notification

    assert not Notification.objects.filter(user__in=[leader, third]).exists()


def test_board_pages_show_no_trace(secrets, board, board_member):
    client = _client(board_member)
    for name in ("overview",):
        response = client.get(reverse(f"board:{name}", args=[board.slug]))
        assert response.status_code == 200
        html = response.content.decode()
        assert SECRET_Q not in html and SECRET_FOCUS not in html


def test_shared_with_a_group_stays_out_of_sight_of_non_members(secrets, school, year, member, teacher_leader, third):
    from gespreid.groups.models import Group

    req, _visit = secrets
    advice.close(req, member, "DEEL-ALLEEN-MET-GROEP")
    group = Group.objects.create(school=school, school_year=year, name="Klein groepje")
    advice.propose_share(req, member, scope="groep", group=group, what="opbrengst")
    advice.agree_share(req, teacher_leader)
    html = _client(third).get(reverse("learning:shared-list", args=[school.slug])).content.decode()
    assert "DEEL-ALLEEN-MET-GROEP" not in html
