"""One set of fixtures for the whole suite: a board with two schools and a person in each role.

- ``school``: "De Linde" with ``leader`` (school leader), ``teacher_leader`` (a member who holds a
  teacher-leader role, ``work.Role`` "Rekencoördinator") and ``member``;
- ``other_school``: "Het Anker", same board, with ``outsider`` (a team member there only);
- ``board_member``: bestuurder of the board, no school membership;
- ``*_client``: a logged-in Django test client for each of them; ``client_for(user)`` for anyone else;
- shared objects several apps use: ``area``, ``give`` (expertise), ``priority`` (with two requirements),
  ``group`` (a PLG led by the teacher leader), ``priority_group`` (a working group on ``priority``,
  no lead), ``other_group`` (in the other school);
- ``count_queries(client, url)``: how many queries one GET asks (read at once: Django empties its
  query log at the start of every request, so a count read after the next request is wrong);
- autouse: fast password hashing, an empty cache, media in a temporary folder, Dutch active.
"""

from decimal import Decimal

import pytest
from django.test import Client

from gespreid.core.models import Board, BoardMembership, Function, Membership, School, SchoolYear


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests hash many passwords; a fast hasher keeps the suite quick (production keeps PBKDF2)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    """Background tasks run at once inside the test (core.tasks); worker tests switch to the database backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # The fixtures' leaders log in without a second factor; accounts/tests/test_signin.py tests the rule.
    settings.REQUIRE_SECOND_FACTOR = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the team table and school year are cached per process)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def count_queries(db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(ctx.captured_queries)

    return count


@pytest.fixture
def board(db):
    return Board.objects.create(name="Stichting Test", slug="test")


def _school(board, name, slug, brin):
    from datetime import date

    from django.utils import timezone

    from gespreid.core.registry import set_up_school

    school = School.objects.create(board=board, name=name, slug=slug, brin=brin, town="Utrecht")
    set_up_school(school)  # as core.setup.create_school does: expertise areas, common tasks
    today = timezone.localdate()
    start = today.year if today.month >= 8 else today.year - 1
    SchoolYear.objects.create(school=school, starts_on=date(start, 8, 1), ends_on=date(start + 1, 7, 31))
    return school


@pytest.fixture
def school(board):
    return _school(board, "De Linde", "de-linde", "11AA")


@pytest.fixture
def other_school(board):
    return _school(board, "Het Anker", "het-anker", "22BB")


@pytest.fixture
def year(school):
    return school.current_year()


@pytest.fixture
def make_member(django_user_model):
    """Create a person and make them a member of a school: ``make_member(school, "Naam", is_leader=True)``."""
    counter = {"n": 0}

    def make(school, name=None, *, function=Function.TEACHER, fte=Decimal("1.00"), **roles):
        counter["n"] += 1
        name = name or f"Collega {counter['n']}"
        email = f"{name.lower().replace(' ', '.')}.{counter['n']}@school.test"
        user = django_user_model.objects.create_user(email=email, name=name, password="een-goed-wachtwoord-42")
        Membership.objects.create(user=user, school=school, function=function, fte=fte, **roles)
        return user

    return make


@pytest.fixture
def leader(school, make_member):
    return make_member(school, "Lea Leider", function=Function.DIRECTOR, is_leader=True)


@pytest.fixture
def teacher_leader(school, make_member):
    """Tim Trekker holds a teacher-leader role (rekencoördinator, no facilitated hours)."""
    from gespreid.work.models import Role

    user = make_member(school, "Tim Trekker")
    Role.objects.create(
        school=school,
        holder=user,
        title="Rekencoördinator",
        responsibilities="Bewaakt de doorgaande lijn rekenen",
        starts_on=school.current_year().starts_on,
    )
    return user


@pytest.fixture
def member(school, make_member):
    return make_member(school, "Mila Lid", fte=Decimal("0.80"))


@pytest.fixture
def outsider(other_school, make_member):
    return make_member(other_school, "Otto Buiten")


@pytest.fixture
def board_member(board, django_user_model):
    user = django_user_model.objects.create_user(
        email="bestuur@school.test", name="Bea Bestuur", password="x-wachtwoord-42"
    )
    BoardMembership.objects.create(user=user, board=board, is_board_member=True, is_admin=True)
    return user


def _client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for(db):
    """A logged-in client for any user: ``client_for(user)``."""
    return _client_for


@pytest.fixture
def leader_client(leader):
    return _client_for(leader)


@pytest.fixture
def tl_client(teacher_leader):
    return _client_for(teacher_leader)


@pytest.fixture
def member_client(member):
    return _client_for(member)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


@pytest.fixture
def board_client(board_member):
    return _client_for(board_member)


@pytest.fixture
def local_smtp(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1:8325, with Django's SMTP backend pointed at it.

    ``local_smtp.messages`` holds what arrived, as ``email.message.Message`` objects.
    """
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(
                message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
            )
            return "250 OK"

    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=8325)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 8325, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _dutch():
    """Pure functions translate at call time: keep Dutch active, whatever an earlier request switched to."""
    from django.utils import translation

    with translation.override("nl"):
        yield


@pytest.fixture
def area(school):
    """An expertise area of the school by key: ``area("rekenen-wiskunde")``."""

    def get(key):
        return school.expertise_areas.get(key=key)

    return get


@pytest.fixture
def give():
    """Give a person an entry: ``give(user, area, year, level=3, wants_growth=False)``; also makes the profile."""
    from gespreid.expertise.models import ExpertiseEntry, Profile

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
    """A speerpunt owned by the leader, needing begrijpend lezen (2 people, level 3) and coaching (1)."""
    from gespreid.priorities.models import Priority, Requirement

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


@pytest.fixture
def group(school, year, teacher_leader):
    """A PLG led by the teacher leader (its only member), no speerpunt."""
    from gespreid.groups.models import Group, GroupMember

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
def priority_group(school, year, priority):
    """A working group on ``priority``, without a lead or members."""
    from gespreid.groups.models import Group

    return Group.objects.create(school=school, school_year=year, priority=priority, name="Werkgroep rekenen")


@pytest.fixture
def other_group(other_school, outsider):
    """A group of the other school, led by the outsider."""
    from gespreid.groups.models import Group, GroupMember

    g = Group.objects.create(
        school=other_school, school_year=other_school.current_year(), name="Ankergroep", lead=outsider
    )
    GroupMember.objects.create(group=g, user=outsider)
    return g
