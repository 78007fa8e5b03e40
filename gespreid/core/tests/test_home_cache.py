"""The home page's cards and the team table are kept rendered (core.school_cache): every change shows at once,
the clock moves rounds off the card, and nobody ever sees another person's, role's or school's cards."""

from datetime import timedelta
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from gespreid.core import background
from gespreid.core.models import Bouw, Membership
from gespreid.core.notify import notify
from gespreid.decisions import consent


def home(client, school) -> str:
    response = client.get(reverse("core:home", args=[school.slug]))
    assert response.status_code == 200
    return response.content.decode()


def team(client, school, **params) -> str:
    response = client.get(reverse("core:team", args=[school.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_notification_sent_outside_a_request_shows_at_once_and_goes_when_read(member_client, school, member):
    assert "Nieuwe meldingen" not in home(member_client, school)
    notify(school, [member], "Lees het verslag van de teamvergadering")  # bulk_create, no request: no signal
    html = home(member_client, school)
    assert "Nieuwe meldingen" in html and "Lees het verslag van de teamvergadering" in html
    member_client.post(reverse("core:notifications-read", args=[school.slug]))  # a queryset update
    assert "Lees het verslag van de teamvergadering" not in home(member_client, school)


def test_a_round_shows_at_once_and_leaves_the_card_at_its_closing_time(
    member_client, school, leader, member, monkeypatch
):
    assert "Rondes waarin je mening telt" not in home(member_client, school)
    proposal = consent.create_proposal(school, leader, title="Gymrooster anders", problem="p", body="b")
    closes_at = timezone.now() + timedelta(minutes=5)
    consent.open_round(proposal, leader, kind="instemming", audience="team", closes_at=closes_at)
    assert "Gymrooster anders" in home(member_client, school)
    assert "Gymrooster anders" in home(member_client, school)  # from the cache, still open
    later = closes_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # nothing changed but the clock: no job has closed it
    assert "Rondes waarin je mening telt" not in home(member_client, school)


def test_a_decision_leaves_the_recent_card_when_it_is_sixty_days_old(member_client, school, leader, monkeypatch):
    from gespreid.core import school_cache
    from gespreid.decisions.models import Outcome

    proposal = consent.create_proposal(school, leader, title="Pauzetijden", problem="p", body="b")
    round_ = consent.open_round(
        proposal, leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(minutes=5)
    )
    consent.close_round(round_.pk, leader, adopt=False)
    published = timezone.now() - timedelta(days=60) + timedelta(minutes=1)
    Outcome.objects.filter(round=round_).update(published_at=published)  # as if published 60 days ago
    school_cache.school_changed(school.pk)
    assert "Pauzetijden" in home(member_client, school)
    later = published + timedelta(days=60, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert "Recente besluiten" not in home(member_client, school)


def test_a_planned_visit_asks_for_the_reflection_once_it_has_started(
    member_client, school, member, teacher_leader, monkeypatch
):
    from gespreid.learning import visits

    starts_at = timezone.now() + timedelta(minutes=5)
    moment = {"starts_at": starts_at, "minutes": 45, "class_group": 5, "subject": "Rekenen"}
    visit = visits.create_visit(
        member, school, teacher_leader, focus="Wisbordjes in groep 5", moments=[moment], look_fors=[("Kijk", None)]
    )
    visits.accept(visit, teacher_leader, visit.moments.first())
    html = home(member_client, school)
    assert "Wisbordjes in groep 5" in html and "nagesprek nog opschrijven" not in html
    later = starts_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # the clock only
    assert "nagesprek nog opschrijven" in home(member_client, school)


def test_the_job_that_writes_without_signals_shows_on_the_home_page_at_once(member_client, school, leader):
    def raise_everyones_fte(job, report):
        home(member_client, school)  # someone looks while the job runs (the job's start gave a new version)
        Membership.objects.filter(school=job.school).update(fte=Decimal("0.50"))  # sends no signal
        return "klaar"

    background.register("test.fte", raise_everyones_fte)
    people = Membership.objects.filter(school=school, is_active=True).count()
    expected = "samen " + floatformat(Decimal("0.50") * people, "-2") + " fte"
    assert expected not in home(member_client, school)
    background.start(school, leader, "test.fte")  # the tests run tasks at once
    assert expected in home(member_client, school)


def test_a_check_in_past_its_closing_date_does_not_show_as_open(member_client, school, leader):
    from gespreid.innovations.models import CheckIn, Trajectory

    trajectory = Trajectory.objects.create(school=school, title="Coöperatief leren")
    CheckIn.objects.create(
        trajectory=trajectory, question="Hoe sta je erin?", closes_on=timezone.localdate() - timedelta(days=1)
    )
    assert "Hoe sta je erin?" not in home(member_client, school)
    CheckIn.objects.create(trajectory=trajectory, question="En nu?", closes_on=timezone.localdate())
    assert "En nu?" in home(member_client, school)


def test_an_inventory_round_past_its_deadline_does_not_show_as_open(member_client, school, year, leader):
    from gespreid.expertise import rounds

    inventory = rounds.start_round(leader, school, year, timezone.localdate())
    assert "profielen bijgewerkt." in home(member_client, school)  # "0 van de 3 profielen bijgewerkt."
    inventory.deadline = timezone.localdate() - timedelta(days=1)
    inventory.save()
    html = home(member_client, school)
    assert "profielen bijgewerkt." not in html and "nog niet bijgewerkt dit schooljaar" in html


def test_cards_never_mix_people_roles_or_schools(
    member_client, leader_client, outsider_client, school, other_school, member, leader, make_member, client_for
):
    colleague = make_member(school, "Cas Collega")
    colleague_client = client_for(colleague)
    notify(school, [member], "Alleen voor Mila")
    assert "Alleen voor Mila" in home(member_client, school)
    assert "Alleen voor Mila" not in home(colleague_client, school)  # person A's then person B's
    assert "Werkverdelingsplan" in home(leader_client, school)  # a leader's then a member's
    assert "Werkverdelingsplan" not in home(member_client, school)
    assert "Alleen voor Mila" not in home(leader_client, school)
    from gespreid.priorities.models import Priority

    Priority.objects.create(school=school, title="Lezen met plezier", first_year=school.current_year(), owner=leader)
    assert "Lezen met plezier" in home(member_client, school)  # school X then school Y
    assert "Lezen met plezier" not in home(outsider_client, other_school)


def test_the_second_home_page_asks_only_for_the_session_user_and_membership(
    member_client, school, year, leader, member, django_assert_max_num_queries
):
    from gespreid.core.tests.test_home_queries import HOME_QUERIES_WARM, _add

    home(member_client, school)
    with django_assert_max_num_queries(HOME_QUERIES_WARM):
        home(member_client, school)
    _add(school, year, leader, member, 12)
    home(member_client, school)
    with django_assert_max_num_queries(HOME_QUERIES_WARM):
        assert "Voorstel 11" in home(member_client, school)


# --- The team table ---------------------------------------------------------------------------------------


def test_a_change_to_the_team_shows_on_the_team_page_at_once(leader_client, member_client, school, member):
    assert "Mila Lid" in team(member_client, school)
    membership = Membership.objects.get(school=school, user=member)
    leader_client.post(
        reverse("core:member-edit", args=[school.slug, membership.pk]),
        {"function": "ib", "fte": "0,6", "bouw": Bouw.UPPER},
    )
    html = team(member_client, school)
    assert "Intern begeleider" in html and "0,6" in html
    assert "<td>Mila Lid</td>" in team(leader_client, school)
    leader_client.post(reverse("core:member-deactivate", args=[school.slug, membership.pk]))
    assert "<td>Mila Lid</td>" not in team(leader_client, school)


def test_team_tables_never_mix_roles_filters_or_schools(
    leader_client, member_client, outsider_client, school, other_school, member
):
    Membership.objects.filter(school=school, user=member).update(bouw=Bouw.LOWER)
    edit = "Wijzigen<span"
    assert edit in team(leader_client, school) and edit not in team(member_client, school)
    assert "Mila Lid" in team(member_client, school, bouw=Bouw.LOWER)
    assert "Mila Lid" not in team(member_client, school, bouw=Bouw.UPPER)
    assert "Mila Lid" in team(member_client, school)
    assert "Mila Lid" not in team(outsider_client, other_school)


def test_the_second_team_page_does_fewer_queries_and_stays_constant(
    member_client, school, make_member, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as cold:
        team(member_client, school)
    cold_queries = len(cold)  # now: every request clears the query log
    with CaptureQueriesContext(connection) as warm:
        team(member_client, school)
    warm_queries = len(warm)
    assert warm_queries < cold_queries
    for i in range(15):
        make_member(school, f"Collega {i}")
    team(member_client, school)
    with django_assert_max_num_queries(warm_queries):
        assert "Collega 14" in team(member_client, school)
