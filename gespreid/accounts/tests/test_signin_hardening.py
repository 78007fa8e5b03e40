"""Issue 13.1 and 13.2: the lockout counts per account whatever the spelling; reset mail is throttled."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from gespreid.accounts.lockout import axes_username, normalise_email

PASSWORD = "een-goed-wachtwoord-42"


def _login(email, password, ip="10.0.0.7"):
    return Client().post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def _spellings(email):
    local, domain = email.split("@")
    return [email, email.capitalize(), email.upper(), f" {email}", f"{email} ", f"{local.title()}@{domain.upper()}"]


def test_the_lockout_counts_every_spelling_of_one_account(member, settings):
    settings.AXES_ENABLED = True
    for spelling in _spellings(member.email)[:5]:
        response = _login(spelling, "fout-wachtwoord")
    assert response.status_code == 429
    for spelling in _spellings(member.email):
        response = _login(spelling, PASSWORD)
        assert response.status_code == 429, spelling


def test_other_spellings_still_sign_in_when_not_locked(member, settings):
    settings.AXES_ENABLED = True
    for spelling in _spellings(member.email):
        assert _login(spelling, PASSWORD).status_code == 302, spelling


def test_the_lockout_reads_an_allauth_style_login_field():
    class Request:
        POST = {"login": " Charlotte@Demo.TEST "}

    assert axes_username(Request(), None) == "charlotte@demo.test"
    assert axes_username(None, {"username": "A@B.nl"}) == "a@b.nl"
    assert normalise_email(None) == ""


def test_accounts_are_created_and_found_with_one_spelling(django_user_model):
    user = django_user_model.objects.create_user(email="  Piet.Jansen@School.TEST ", name="Piet", password=PASSWORD)
    assert user.email == "piet.jansen@school.test"
    assert django_user_model.objects.get_by_natural_key(" PIET.jansen@school.test") == user


def _forgot(email, ip="10.0.0.9"):
    return Client().post(reverse("accounts:password-forgot"), {"email": email}, REMOTE_ADDR=ip)


def test_reset_mail_is_throttled_per_address_whatever_the_spelling(member, settings):
    settings.RESET_MAILS_PER_ADDRESS = 3
    for n in range(10):
        response = _forgot(member.email if n % 2 else member.email.upper(), ip=f"10.0.1.{n}")
        # The same answer every time: nobody learns from the page that the limit was reached.
        assert response.status_code == 302 and response["Location"] == reverse("accounts:password-forgot-sent")
    assert len(mail.outbox) == 3


def test_reset_mail_is_throttled_per_ip(make_member, school, settings):
    settings.RESET_MAILS_PER_IP = 4
    people = [make_member(school) for _ in range(6)]
    for person in people:
        _forgot(person.email, ip="10.0.2.1")
    assert len(mail.outbox) == 4
    _forgot(people[-1].email, ip="10.0.2.2")
    assert len(mail.outbox) == 5


@pytest.mark.django_db
def test_the_throttle_is_shared_in_the_database_not_in_a_process(member, settings):
    """Another app server sees the same count: it lives in a table."""
    from gespreid.accounts.models import ResetMailRequest

    settings.RESET_MAILS_PER_ADDRESS = 1
    _forgot(member.email)
    assert ResetMailRequest.objects.count() == 1
    assert member.email not in str(list(ResetMailRequest.objects.values()))
