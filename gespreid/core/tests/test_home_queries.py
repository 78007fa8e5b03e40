"""The home page (every card of every app) runs the same number of queries for 1 row of each kind as for many."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gespreid.core.notify import notify
from gespreid.decisions import consent
from gespreid.groups.models import Action, Group, GroupMember
from gespreid.priorities.models import Priority


def _add(school, year, leader, member, n):
    for i in range(n):
        group = Group.objects.create(school=school, school_year=year, name=f"Groep {i}", lead=leader)
        GroupMember.objects.create(group=group, user=member)
        Action.objects.create(group=group, text=f"Actie {i}", owner=member)
        Priority.objects.create(school=school, title=f"Speerpunt {i}", first_year=year, owner=leader)
        proposal = consent.create_proposal(school, leader, title=f"Voorstel {i}", problem="p", body="b")
        consent.open_round(
            proposal, leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
        )
        notify(school, [member], f"Melding {i}")


def _queries(client, school):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("core:home", args=[school.slug])).status_code == 200
    return len(ctx.captured_queries)


def test_home_queries_do_not_grow_with_rows(member_client, leader_client, school, year, leader, member):
    _add(school, year, leader, member, 1)
    member_few, leader_few = _queries(member_client, school), _queries(leader_client, school)
    _add(school, year, leader, member, 12)
    assert _queries(member_client, school) == member_few
    assert _queries(leader_client, school) == leader_few
