"""The demo reads like a real school: links that make sense, nothing said twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from gespreid.core.models import School


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", stdout=StringIO())
    return School.objects.get(slug="de-vlinderboom")


@pytest.mark.django_db
def test_the_rekencoordinator_and_the_automatiseren_decision_belong_to_the_arithmetic_priority(demo):
    from gespreid.decisions.demo import CLOSED_TITLE
    from gespreid.decisions.models import Proposal
    from gespreid.work.models import Role

    role = Role.objects.get(school=demo, title="Rekencoördinator")
    assert role.priority is not None and "rekenen" in role.priority.title.lower()
    assert "rekenen" in Proposal.objects.get(school=demo, title=CLOSED_TITLE).priority.title.lower()


@pytest.mark.django_db
def test_no_decision_outcome_lists_the_same_line_twice(demo):
    from gespreid.decisions.models import Outcome

    outcomes = list(Outcome.objects.filter(round__proposal__school__board=demo.board))
    assert outcomes
    for outcome in outcomes:
        lines = [line for line in outcome.changes.splitlines() if line.strip()]
        assert len(lines) == len(set(lines)), outcome.changes


@pytest.mark.django_db
def test_the_demo_shows_growing_leadership(demo):
    """Issue 15's demo: an announced teacher-leader role, planned dagdelen, two POPs, a coaching series with
    agreements."""
    from gespreid.development.models import CoachingSeries, DevelopmentPlan
    from gespreid.work.models import AnnouncementStatus, Dagdeel, RoleAnnouncement

    announcement = RoleAnnouncement.objects.get(school=demo, status=AnnouncementStatus.SENT)
    assert announcement.role.holder.email == "tl@demo.test" and announcement.when_to_go
    role_days = Dagdeel.objects.filter(school=demo, role=announcement.role)
    assert role_days.count() == 8 and role_days.filter(during_school=False).count() == 1
    assert Dagdeel.objects.filter(school=demo, group__isnull=False).exists()
    year = demo.current_year()
    pops = DevelopmentPlan.objects.filter(school=demo, school_year=year)
    assert sorted(p.user.email for p in pops) == ["lid@demo.test", "tl@demo.test"]
    series = CoachingSeries.objects.get(school=demo)
    assert series.coach.email == "leider@demo.test" and series.agreements.count() == 2
