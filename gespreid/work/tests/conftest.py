from decimal import Decimal

import pytest

from gespreid.work.models import Budget, Plan


@pytest.fixture
def budgets(school, year, leader, teacher_leader, member):
    """Teaching hours for the three fixture people (task budgets 220, 220 and 176 h)."""
    out = {}
    for user, fte, teaching in ((leader, "1.00", "940"), (teacher_leader, "1.00", "940"), (member, "0.80", "752")):
        out[user.pk] = Budget.objects.create(
            school=school, school_year=year, user=user, fte=Decimal(fte), teaching_hours=Decimal(teaching)
        )
    return out


@pytest.fixture
def plan(school, year):
    return Plan.objects.create(school=school, school_year=year)
