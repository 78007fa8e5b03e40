import pytest

from gespreid.groups.models import Group, GroupMember


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def group(school, year, teacher_leader, member):
    g = Group.objects.create(
        school=school,
        school_year=year,
        name="Rekenen PLG",
        kind="plg",
        lead=teacher_leader,
        goal="Beter rekenonderwijs",
    )
    GroupMember.objects.create(group=g, user=teacher_leader)
    return g


@pytest.fixture
def other_group(other_school, outsider):
    g = Group.objects.create(
        school=other_school, school_year=other_school.current_year(), name="Ankergroep", lead=outsider
    )
    GroupMember.objects.create(group=g, user=outsider)
    return g


@pytest.fixture(autouse=True)
def _dutch():
    """Pure functions translate at call time: keep Dutch active, whatever an earlier request switched to."""
    from django.utils import translation

    with translation.override("nl"):
        yield
