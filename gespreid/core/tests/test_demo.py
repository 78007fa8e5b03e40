"""seed_demo: the fictional board with two schools and the accounts the README lists; idempotent."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from gespreid.core.models import BoardMembership, Membership, School


@pytest.mark.django_db(transaction=False)
def test_seed_demo_builds_the_demo_and_can_run_twice(settings):
    settings.DEBUG = True  # the test runner turns DEBUG off; seed_demo refuses to run without it
    out = StringIO()
    call_command("seed_demo", stdout=out)
    text = out.getvalue()
    for email in (
        "leider@demo.test",
        "tl@demo.test",
        "lid@demo.test",
        "anders@demo.test",
        "bestuur@demo.test",
        "beheer@demo.test",
    ):
        assert email in text
    counts = {s.slug: s.memberships.count() for s in School.objects.filter(slug__in=["de-vlinderboom", "de-regenboog"])}
    assert counts == {"de-vlinderboom": 25, "de-regenboog": 15}
    # The adopted work plan's one consultation is closed (adopted), not left open.
    from gespreid.work.models import Plan

    plan = Plan.objects.get(school__slug="de-vlinderboom", status="vastgesteld")
    assert [r.closed_at is not None for r in plan.consultation.rounds.all()] == [True]
    User = get_user_model()
    users_before = User.objects.count()
    call_command("seed_demo", "--password", "ander-wachtwoord-1", stdout=StringIO())
    assert User.objects.count() == users_before
    assert {s.slug: s.memberships.count() for s in School.objects.filter(slug__in=counts)} == counts
    assert User.objects.get(email="lid@demo.test").check_password("ander-wachtwoord-1")
    leader = Membership.objects.get(user__email="leider@demo.test")
    assert leader.is_leader and leader.school.slug == "de-vlinderboom"
    assert list(Membership.objects.filter(user__email="anders@demo.test").values_list("school__slug", flat=True)) == [
        "de-regenboog"
    ]
    assert not Membership.objects.get(user__email="lid@demo.test").is_leader
    assert BoardMembership.objects.get(user__email="bestuur@demo.test").is_board_member
    assert not Membership.objects.filter(user__email="bestuur@demo.test").exists()
    assert User.objects.get(email="beheer@demo.test").is_staff
    for school in School.objects.filter(slug__in=counts):
        assert school.current_year() is not None
