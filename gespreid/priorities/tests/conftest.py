import pytest

from gespreid.expertise.models import ExpertiseEntry, Profile
from gespreid.priorities.models import Priority, Requirement


@pytest.fixture
def give():
    def make(user, area, year, level=None, wants_growth=False, target_level=None, visible=True):
        Profile.objects.get_or_create(
            school=area.school, school_year=year, user=user, defaults={"visible_to_board": visible}
        )
        return ExpertiseEntry.objects.create(
            school=area.school,
            school_year=year,
            user=user,
            area=area,
            level=level,
            wants_growth=wants_growth,
            target_level=target_level,
        )

    return make


@pytest.fixture
def priority(school, year, leader):
    p = Priority.objects.create(
        school=school,
        title="Begrijpend lezen versterken",
        intended_result="Iedereen leest beter",
        owner=leader,
        first_year=year,
    )
    Requirement.objects.create(
        priority=p, area=school.expertise_areas.get(key="begrijpend-lezen"), min_level=3, people_needed=2
    )
    Requirement.objects.create(
        priority=p, area=school.expertise_areas.get(key="coaching"), min_level=3, people_needed=1
    )
    return p
