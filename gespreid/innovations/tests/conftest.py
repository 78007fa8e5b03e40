import pytest

from gespreid.innovations.models import CheckIn, Trajectory


@pytest.fixture
def trajectory(school, group, teacher_leader):
    return Trajectory.objects.create(school=school, title="Rekenen met begrip", group=group, lead=teacher_leader)


@pytest.fixture
def check_in(trajectory, teacher_leader):
    return CheckIn.objects.create(trajectory=trajectory, question="Hoe staan we ervoor?", opened_by=teacher_leader)


@pytest.fixture
def colleagues(school, make_member):
    return [make_member(school, f"Collega {name}") for name in ["Anna", "Bert", "Cor", "Dina", "Eva", "Frits", "Gert"]]
