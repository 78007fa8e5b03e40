import pytest

from gespreid.expertise.models import ExpertiseEntry, Profile


@pytest.fixture
def area(school):
    """An area of the school by key: ``area("rekenen-wiskunde")``."""

    def get(key):
        return school.expertise_areas.get(key=key)

    return get


@pytest.fixture
def give():
    """Give a person an entry: ``give(user, area, year, level=3, wants_growth=False)``; also makes the profile."""

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
