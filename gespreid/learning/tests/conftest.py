"""Fixtures of the learning app: a third colleague, a planned visit, a request in each state."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from gespreid.learning import advice, visits


@pytest.fixture
def third(school, make_member):
    """A third colleague of the school: neither asked nor asking."""
    return make_member(school, "Dirk Derde")


@pytest.fixture
def third_client(third):
    c = Client()
    c.force_login(third)
    return c


@pytest.fixture
def lr_request(school, member, teacher_leader):
    """An open request from member to teacher_leader."""
    return advice.create_request(
        member, school, teacher_leader, school, kind="advies", question="Hoe start ik een leesgroep?", context="Groep 5"
    )


def _moment(days=3, hour=10):
    start = timezone.localtime() + timedelta(days=days)
    return {
        "starts_at": start.replace(hour=hour, minute=0, second=0, microsecond=0),
        "minutes": 45,
        "class_group": 5,
        "subject": "Rekenen",
    }


@pytest.fixture
def lr_moment():
    return _moment


@pytest.fixture
def lr_visit(school, member, teacher_leader):
    """A proposed visit: member is visited, teacher_leader visits."""
    return visits.create_visit(
        member,
        school,
        teacher_leader,
        focus="Krijgen alle kinderen de kans om te antwoorden?",
        moments=[_moment(3), _moment(4, 13)],
        look_fors=[("De leerkracht gebruikt wisbordjes.", None), ("Leerlingen denken eerst even na.", None)],
    )


@pytest.fixture
def lr_planned(lr_visit, teacher_leader):
    return visits.accept(lr_visit, teacher_leader, lr_visit.moments.first())
