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


@pytest.mark.django_db
def test_the_demo_team_has_groups_bouwen_and_believable_profiles(demo):
    """Issue 20: the rekencoördinator works in the rekenen PLG; teachers have a group and bouw; a master or
    volunteering only where it fits ("Engels 1 · Master SEN" and "Veranderkunde 1 · Vrijwilligerswerk" are not)."""
    from gespreid.core.models import Function, Membership
    from gespreid.expertise.demo import DIPLOMAS, PABO, VOLUNTEERING
    from gespreid.expertise.models import Acquired, ExpertiseEntry, Profile
    from gespreid.work.models import Role

    role = Role.objects.get(school=demo, title="Rekencoördinator")
    assert role.group is not None and "reken" in role.group.name.lower()

    for school in School.objects.filter(board=demo.board):
        teachers = Membership.objects.filter(school=school, function=Function.TEACHER, is_leader=False)
        assert teachers.exists() and not teachers.filter(class_group="").exists()
        assert not Membership.objects.filter(school=school, is_leader=False, bouw="").exists()
        for m in teachers:
            lowest = int(m.class_group.split("/")[0])
            assert m.bouw == ("onderbouw" if lowest <= 2 else "middenbouw" if lowest <= 5 else "bovenbouw")
    lid = Membership.objects.get(school=demo, user__email="lid@demo.test")
    assert (lid.class_group, lid.bouw) == ("1/2", "onderbouw")  # the kleuter teacher of her qualities

    entries = ExpertiseEntry.objects.filter(school__board=demo.board).select_related("area")
    assert entries.count() > 100
    for e in entries:
        key, note = e.area.key, e.acquired_note
        if e.acquired == Acquired.DIPLOMA:
            assert e.level >= 2 and (note in DIPLOMAS.get(key, []) or (note == "Pabo" and key in PABO)), (key, note)
            assert e.level >= 3 or note == "Pabo", (key, e.level, note)
        if "Master SEN" in note:
            assert key in {"leerproblemen", "gedragsproblemen", "hoogbegaafdheid"}
        if "Vrijwillig" in note:
            assert key in VOLUNTEERING, (key, note)
    assert not entries.filter(area__key="engels", acquired_note="Master SEN").exists()
    assert not entries.filter(area__key="veranderkunde", acquired_note__icontains="vrijwillig").exists()
    assert Profile.objects.filter(school=demo).exclude(ambition="").count() >= 2
    for school in School.objects.filter(board=demo.board):
        texts = list(Profile.objects.filter(school=school).exclude(qualities="").values_list("user", "qualities"))
        per_text = {}
        for user, text in texts:
            per_text.setdefault(text, set()).add(user)
        assert all(len(users) == 1 for users in per_text.values()), per_text  # nobody writes someone else's words
