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


# A cold page (the school's data changed since the cards were kept), for the first person of the school:
# session, user, membership; the header's unread count, school count and school year (kept per person,
# core.access); the moments today at which a card changes by the clock (one query per card with ``changes_at``:
# rounds closing, decisions and role announcements ageing, visits starting) and the cards' ``school_shows_if``
# in one query (both kept per school); the one query that asks the person's ``shows_if``; the cards that always
# show (school year, speerpunten, expertise, tasks and hours, highlights, team), their school-wide parts kept
# per school. A card with nothing to show costs nothing more. The next person's cold page costs 8 to 12.
# Before the cards were kept: 22 and 30, plus the header's 2 (then not yet cached).
HOME_QUERIES_EMPTY_SCHOOL = 29
HOME_QUERIES_FULL_SCHOOL = 36
HOME_QUERIES_NEXT_PERSON = 12
# The same page again (nothing changed): session, user, membership; the header and the cards from the cache.
HOME_QUERIES_WARM = 3


def test_home_of_a_quiet_school_asks_the_empty_cards_in_one_query(
    member_client, school, year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(HOME_QUERIES_EMPTY_SCHOOL):
        assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 200


def test_home_of_a_busy_school_stays_within_its_queries(
    member_client, leader_client, school, year, leader, member, django_assert_max_num_queries
):
    _add(school, year, leader, member, 12)
    for client in (member_client, leader_client):
        with django_assert_max_num_queries(HOME_QUERIES_FULL_SCHOOL):
            assert client.get(reverse("core:home", args=[school.slug])).status_code == 200


def test_the_next_persons_cold_home_page_reuses_the_school_wide_parts(
    member_client, leader_client, school, year, leader, member, django_assert_max_num_queries
):
    _add(school, year, leader, member, 12)
    member_client.get(reverse("core:home", args=[school.slug]))
    with django_assert_max_num_queries(HOME_QUERIES_NEXT_PERSON):
        assert leader_client.get(reverse("core:home", args=[school.slug])).status_code == 200


def test_a_card_whose_shows_if_is_false_is_not_asked(member_client, school, year, member):
    from django.db.models import Exists

    from gespreid.core import registry
    from gespreid.core.models import Notification

    asked = []

    def bell_card(request):
        asked.append(request.user.pk)
        return registry.Card("Testkaart met meldingen", "core/cards/school_year.html", {})

    def shows_if(request):
        return Exists(Notification.objects.filter(school=request.school, user=request.user))

    registry.register_card(bell_card, order=5, shows_if=shows_if)
    try:
        home = reverse("core:home", args=[school.slug])
        assert "Testkaart met meldingen" not in member_client.get(home).content.decode()
        assert asked == []
        notify(school, [member], "Een melding")
        assert "Testkaart met meldingen" in member_client.get(home).content.decode()
        assert len(asked) == 1
    finally:
        registry._cards[:] = [entry for entry in registry._cards if entry[1] is not bell_card]
