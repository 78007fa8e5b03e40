"""One set of fixtures for the whole suite: a board with two schools and a person in each role.

- ``school``: "De Linde" with ``leader`` (school leader), ``teacher_leader`` and ``member``;
- ``other_school``: "Het Anker", same board, with ``outsider`` (a team member there only);
- ``board_member``: bestuurder of the board, no school membership;
- ``*_client``: a logged-in Django test client for each of them.
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
def _empty_cache():
    """Each test starts with an empty cache (the team table and school year are cached per process)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(db):
    return Board.objects.create(name="Stichting Test", slug="test")


def _school(board, name, slug, brin):
    from datetime import date

    from django.utils import timezone

    school = School.objects.create(board=board, name=name, slug=slug, brin=brin, town="Utrecht")
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
    return make_member(school, "Tim Trekker")


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
