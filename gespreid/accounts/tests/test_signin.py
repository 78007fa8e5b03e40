"""Signing in through OpenID Connect against a real provider on 127.0.0.1 (oidc-provider-mock), and the second factor."""

from urllib.parse import urlsplit

import oidc_provider_mock
import pytest
import requests
from allauth.socialaccount.models import SocialAccount, SocialApp
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from gespreid.accounts.models import Invitation, SignInMethod
from gespreid.core.models import Membership

OIDC_PORT = 8830


@pytest.fixture(scope="module")
def oidc_issuer():
    with oidc_provider_mock.run_server_in_thread(port=OIDC_PORT) as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture
def oidc_app(db, oidc_issuer):
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id="testop",
        name="Test-OP",
        client_id="gespreid",
        secret="geheim",
        settings={"server_url": oidc_issuer},
    )


@pytest.fixture
def board_accepts(board, oidc_app):
    return SignInMethod.objects.create(board=board, provider="testop", allowed_domains="school.test")


def set_claims(issuer, sub, **claims):
    assert requests.put(f"{issuer}/users/{sub}", json=claims, timeout=5).status_code == 204


def sign_in(client, issuer, sub):
    """The whole round trip through the real views: our login button, the provider, the callback."""
    start = client.post(reverse("openid_connect_login", args=["testop"]))
    assert start.status_code == 302 and start["Location"].startswith(issuer), start
    at_provider = requests.post(start["Location"], data={"sub": sub}, allow_redirects=False, timeout=5)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_the_login_page_offers_the_school_account(client, oidc_app):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Inloggen met Test-OP" in page and reverse("openid_connect_login", args=["testop"]) in page


def test_a_member_signs_in_by_email_then_by_the_stored_subject(oidc_issuer, board_accepts, member, school):
    set_claims(oidc_issuer, "sub-mila", email=member.email.upper(), email_verified=True, name="Mila")
    client = Client()
    response = sign_in(client, oidc_issuer, "sub-mila")
    assert response.status_code == 302 and response["Location"] == reverse("core:start"), response.content.decode()[
        -3000:
    ]
    assert client.get(reverse("core:home", args=[school.slug])).status_code == 200
    assert SocialAccount.objects.get(user=member).uid == "sub-mila"
    # Later the provider sends another address: the stored link to the subject still says who it is.
    set_claims(oidc_issuer, "sub-mila", email="mila.nieuw@school.test", email_verified=True)
    other = Client()
    assert sign_in(other, oidc_issuer, "sub-mila").status_code == 302
    assert other.get(reverse("core:home", args=[school.slug])).status_code == 200


def test_an_unknown_person_gets_a_dutch_page_and_no_account(oidc_issuer, board_accepts):
    set_claims(oidc_issuer, "sub-onbekend", email="onbekend@school.test", email_verified=True)
    response = sign_in(Client(), oidc_issuer, "sub-onbekend")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Vraag je schoolleider om je uit te nodigen" in page and "onbekend@school.test" in page
    assert not get_user_model().objects.filter(email="onbekend@school.test").exists()
    assert not SocialAccount.objects.exists()


def test_an_invitation_becomes_a_membership(oidc_issuer, board_accepts, school, leader):
    from gespreid.accounts.invitations import create_invitation

    create_invitation(leader, school, email="nieuw@school.test", name="Nieuw")
    set_claims(oidc_issuer, "sub-nieuw", email="nieuw@school.test", email_verified=True)
    client = Client()
    assert sign_in(client, oidc_issuer, "sub-nieuw").status_code == 302
    user = get_user_model().objects.get(email="nieuw@school.test")
    assert Membership.objects.filter(user=user, school=school, is_active=True).exists()
    assert Invitation.objects.get(email="nieuw@school.test").accepted_at is not None
    assert not user.has_usable_password()


def test_a_domain_the_board_does_not_allow_is_refused(oidc_issuer, board_accepts, member):
    member.email = "mila@prive.test"
    member.save(update_fields=["email"])
    set_claims(oidc_issuer, "sub-prive", email="mila@prive.test", email_verified=True)
    response = sign_in(Client(), oidc_issuer, "sub-prive")
    assert response.status_code == 403 and "niet toe" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_a_board_that_did_not_choose_the_provider_refuses_it(oidc_issuer, oidc_app, member):
    set_claims(oidc_issuer, "sub-mila", email=member.email, email_verified=True)
    response = sign_in(Client(), oidc_issuer, "sub-mila")
    assert response.status_code == 403 and not SocialAccount.objects.exists()


def test_a_wrong_tenant_is_refused(oidc_issuer, board_accepts, member):
    board_accepts.tenant_id = "11111111-2222-3333-4444-555555555555"
    board_accepts.save()
    set_claims(
        oidc_issuer, "sub-mila", email=member.email, email_verified=True, tid="99999999-0000-0000-0000-000000000000"
    )
    assert sign_in(Client(), oidc_issuer, "sub-mila").status_code == 403
    set_claims(oidc_issuer, "sub-mila", email=member.email, email_verified=True, tid=board_accepts.tenant_id)
    assert sign_in(Client(), oidc_issuer, "sub-mila").status_code == 302


def test_a_deactivated_member_cannot_come_back_by_subject(oidc_issuer, board_accepts, member, school):
    set_claims(oidc_issuer, "sub-mila", email=member.email, email_verified=True)
    assert sign_in(Client(), oidc_issuer, "sub-mila").status_code == 302
    Membership.objects.filter(user=member).update(is_active=False)
    assert sign_in(Client(), oidc_issuer, "sub-mila").status_code == 403


# The second factor -----------------------------------------------------------------------------


@pytest.fixture
def second_factor_required(settings):
    settings.REQUIRE_SECOND_FACTOR = True


def password_login(client, user, password="geheim-wachtwoord-1"):
    user.set_password(password)
    user.save()
    return client.post(reverse("accounts:login"), {"username": user.email, "password": password})


def test_a_leader_without_second_factor_must_set_one_up(second_factor_required, leader, school, client):
    assert password_login(client, leader).status_code == 302
    response = client.get(reverse("core:home", args=[school.slug]))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    # Right after signing in the QR code comes at once: the login page has just asked for the password.
    activate = client.get(reverse("mfa_activate_totp"))
    assert activate.status_code == 200 and "svg" in activate.content.decode().lower()
    # Later (past the reauthentication timeout) allauth asks for the password once more first.
    from allauth.account import app_settings as account_settings

    session = client.session
    for entry in session["account_authentication_methods"]:
        entry["at"] -= account_settings.REAUTHENTICATION_TIMEOUT + 1
    session.save()
    later = client.get(reverse("mfa_activate_totp"), follow=True)
    assert later.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    again = client.post(later.redirect_chain[-1][0], {"password": "geheim-wachtwoord-1"}, follow=True)
    assert again.status_code == 200 and "svg" in again.content.decode().lower()


def test_a_member_needs_no_second_factor_but_may_have_one(second_factor_required, member, school, client):
    assert password_login(client, member).status_code == 302
    assert client.get(reverse("core:home", args=[school.slug])).status_code == 200
    assert client.get(reverse("mfa_activate_totp")).status_code == 200  # offered to everyone


def test_a_leader_with_totp_is_asked_for_the_code(second_factor_required, leader, school, client):
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    TOTP.activate(leader, secret)
    response = password_login(client, leader)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("core:home", args=[school.slug])).status_code == 302  # not logged in yet
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get(reverse("core:home", args=[school.slug])).status_code == 200


def test_a_board_admin_and_platform_admin_need_a_second_factor(board, django_user_model):
    from gespreid.accounts.signin import needs_second_factor
    from gespreid.core.models import BoardMembership

    admin = django_user_model.objects.create_user(email="b@test.test", name="B")
    assert not needs_second_factor(admin)
    BoardMembership.objects.create(user=admin, board=board, is_admin=True)
    assert needs_second_factor(admin)
    staff = django_user_model.objects.create_user(email="s@test.test", name="S", is_staff=True)
    assert needs_second_factor(staff)


# The board's own choice -------------------------------------------------------------------------


@pytest.fixture
def board_admin_client(board, django_user_model):
    from gespreid.core.models import BoardMembership

    admin = django_user_model.objects.create_user(email="beheer@school.test", name="Beheer")
    BoardMembership.objects.create(user=admin, board=board, is_admin=True)
    client = Client()
    client.force_login(admin)
    return client


def test_the_board_admin_turns_a_provider_on_and_off(board_admin_client, board, oidc_app):
    url = reverse("accounts:sign-in-methods", args=[board.slug])
    assert "Test-OP" in board_admin_client.get(url).content.decode()
    data = {"provider": "testop", "allowed_domains": "@School.test, linde.nl", "tenant_id": ""}
    assert board_admin_client.post(url, data).status_code == 302
    method = SignInMethod.objects.get(board=board)
    assert method.domains == ["school.test", "linde.nl"]
    bad = board_admin_client.post(url, {"provider": "testop", "allowed_domains": "geen domein", "tenant_id": "x"})
    assert bad.status_code == 400 and "geen domein" in bad.content.decode()
    assert board_admin_client.post(url, {"provider": "onbekend"}).status_code == 400
    delete = reverse("accounts:sign-in-method-delete", args=[board.slug, method.pk])
    assert board_admin_client.post(delete).status_code == 302 and not SignInMethod.objects.exists()


def test_only_the_board_admin_chooses(board_client, board_member, leader_client, board, board_accepts):
    from gespreid.core.models import BoardMembership

    BoardMembership.objects.filter(user=board_member).update(is_admin=False)
    url = reverse("accounts:sign-in-methods", args=[board.slug])
    assert board_client.get(url).status_code == 403  # a board member who is not its administrator
    assert leader_client.get(url).status_code == 404
    delete = reverse("accounts:sign-in-method-delete", args=[board.slug, board_accepts.pk])
    assert board_client.post(delete).status_code == 403 and SignInMethod.objects.exists()


# The Entree rules (affiliation and BRIN), on the claims as a SAML provider hands them over ----------


@pytest.fixture
def entree(board):
    return SignInMethod.objects.create(board=board, provider="entree")


def entree_claims(email, affiliation="employee", brin="11AA"):
    return {
        "urn:oid:0.9.2342.19200300.100.1.3": [email],
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.1": [affiliation],
        "nlEduPersonHomeOrganizationId": [brin],
    }


def test_entree_lets_staff_of_the_school_in(entree, member, school):
    from gespreid.accounts.signin import check

    user, _invitations = check("entree", member.email, entree_claims(member.email, "staff", "11aa"))
    assert user == member


@pytest.mark.parametrize(
    ("affiliation", "brin", "reason"),
    [("student", "11AA", "affiliation"), ("employee", "22BB", "brin"), ("", "11AA", "affiliation")],
)
def test_entree_refuses_pupils_and_other_schools(entree, member, school, affiliation, brin, reason):
    from gespreid.accounts.signin import Refused, check

    with pytest.raises(Refused) as refused:
        check("entree", member.email, entree_claims(member.email, affiliation, brin))
    assert refused.value.reason == reason


# The password login goes through allauth's public login form --------------------------------------


def test_a_password_login_is_recorded_as_allauth_records_it_and_lasts_the_session_age(member, client, settings):
    from allauth.account.authentication import get_authentication_records

    response = password_login(client, member)
    assert response.status_code == 302
    request = response.wsgi_request
    records = get_authentication_records(request, member)
    assert [r["method"] for r in records] == ["password"] and records[0]["email"] == member.email
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert not client.session.get_expire_at_browser_close()


def test_a_wrong_password_gets_the_dutch_error_and_no_login(member, client):
    member.set_password("geheim-wachtwoord-1")
    member.save()
    response = client.post(reverse("accounts:login"), {"username": member.email, "password": "fout"})
    page = response.content.decode()
    assert response.status_code == 200 and "horen niet bij elkaar" in page and 'name="username"' in page
    assert "_auth_user_id" not in client.session


# Microsoft Entra multi-tenant: the issuer names the tenant ------------------------------------------

TENANT = "11111111-2222-3333-4444-555555555555"
OTHER_TENANT = "99999999-0000-0000-0000-000000000000"


def entra_issuer(tid):
    return f"https://login.microsoftonline.com/{tid}/v2.0"


@pytest.fixture
def entra_app(db, oidc_issuer, board):
    """The mock provider set up as the platform's Microsoft app is (settings.py): its tokens carry Entra's
    issuer for the person's tenant, which is not the discovery document's issuer, just as with Entra."""
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="entra",
        name="Microsoft 365",
        client_id="gespreid",
        secret="geheim",
        settings={
            "server_url": oidc_issuer,
            "openid_configuration_overrides": {"issuer": None},
            "tenant_issuer": "https://login.microsoftonline.com/{tid}/v2.0",
        },
    )
    return SignInMethod.objects.create(board=board, provider="entra", allowed_domains="school.test", tenant_id=TENANT)


def entra_sign_in(issuer, sub):
    client = Client()
    start = client.post(reverse("openid_connect_login", args=["entra"]))
    assert start.status_code == 302 and start["Location"].startswith(issuer), start
    at_provider = requests.post(start["Location"], data={"sub": sub}, allow_redirects=False, timeout=5)
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_an_entra_account_of_the_boards_tenant_gets_in(oidc_issuer, entra_app, member, school):
    set_claims(oidc_issuer, "ms-mila", email=member.email, email_verified=True, tid=TENANT, iss=entra_issuer(TENANT))
    response = entra_sign_in(oidc_issuer, "ms-mila")
    assert response.status_code == 302 and response["Location"] == reverse("core:start")
    assert SocialAccount.objects.get(user=member).provider == "entra"


@pytest.mark.parametrize(
    "claims",
    [
        {"tid": OTHER_TENANT, "iss": entra_issuer(OTHER_TENANT)},  # another school's tenant
        {"tid": TENANT, "iss": entra_issuer(OTHER_TENANT)},  # a tid that is not the issuer's
        {"tid": TENANT, "iss": "https://evil.example/11111111-2222-3333-4444-555555555555/v2.0"},
        {"iss": entra_issuer(TENANT)},  # no tid at all
        {"tid": "organizations", "iss": entra_issuer("organizations")},  # not a tenant ID
    ],
)
def test_an_entra_token_of_another_tenant_or_issuer_is_refused(oidc_issuer, entra_app, member, claims):
    set_claims(oidc_issuer, "ms-mila", email=member.email, email_verified=True, **claims)
    response = entra_sign_in(oidc_issuer, "ms-mila")
    assert response.status_code == 403 and "niet toe" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_without_the_issuer_override_allauth_refuses_entra_tokens(oidc_issuer, entra_app, member):
    """Why settings.py overrides the issuer: allauth compares it exactly with the discovery document's."""
    SocialApp.objects.filter(provider_id="entra").update(settings={"server_url": oidc_issuer})
    set_claims(oidc_issuer, "ms-mila", email=member.email, email_verified=True, tid=TENANT, iss=entra_issuer(TENANT))
    response = entra_sign_in(oidc_issuer, "ms-mila")
    assert response.status_code != 302 and not SocialAccount.objects.exists()
