from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gespreid.climate import pulse
from gespreid.climate.models import Kind


@pytest.fixture
def climate_team(school, make_member):
    """Eight colleagues besides leader, teacher leader and member: 3 onderbouw, 3 middenbouw, 2 bovenbouw."""
    bouws = ["onderbouw"] * 3 + ["middenbouw"] * 3 + ["bovenbouw"] * 2
    return [make_member(school, f"Collega {i}", bouw=b) for i, b in enumerate(bouws)]


@pytest.fixture
def pulse_round(school, leader):
    today = timezone.localdate()
    return pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title="Teampuls test",
        opens_on=today,
        closes_on=today + timedelta(days=7),
        statements=school.climate_statements.filter(kind=Kind.PULSE, is_active=True),
    )


def logged_in(user):
    c = Client()
    c.force_login(user)
    return c


def answer_all(round_, users, score=4, remark=""):
    """Let each user answer every statement of the round through the domain function."""
    from gespreid.core.models import Membership

    for i, user in enumerate(users):
        membership = Membership.objects.get(user=user, school=round_.school)
        value = score(i) if callable(score) else score
        text = remark(i) if callable(remark) else remark
        pulse.answer(round_.pk, membership, {s.pk: (value, text) for s in round_.statements.all()})


def form_data(round_, score=4, remark=""):
    data = {}
    for s in round_.statements.all():
        data[f"score_{s.pk}"] = score
        data[f"remark_{s.pk}"] = remark
    return data
