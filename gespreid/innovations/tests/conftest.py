import pytest

from gespreid.groups.models import Group, GroupMember
from gespreid.innovations.models import CheckIn, Trajectory


@pytest.fixture
def group(school, year, teacher_leader):
    g = Group.objects.create(school=school, school_year=year, name="PLG Rekenen", kind="plg", lead=teacher_leader)
    GroupMember.objects.create(group=g, user=teacher_leader)
    return g


@pytest.fixture
def trajectory(school, group, teacher_leader):
    return Trajectory.objects.create(school=school, title="Rekenen met begrip", group=group, lead=teacher_leader)


@pytest.fixture
def check_in(trajectory, teacher_leader):
    return CheckIn.objects.create(trajectory=trajectory, question="Hoe staan we ervoor?", opened_by=teacher_leader)


@pytest.fixture
def colleagues(school, make_member):
    return [make_member(school, f"Collega {name}") for name in ["Anna", "Bert", "Cor", "Dina", "Eva", "Frits", "Gert"]]


@pytest.fixture(autouse=True)
def _dutch():
    """Pure functions translate at call time: keep Dutch active, whatever an earlier request switched to."""
    from django.utils import translation

    with translation.override("nl"):
        yield
