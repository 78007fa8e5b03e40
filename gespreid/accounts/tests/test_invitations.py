"""Invitations: invite by e-mail, accept once via the link, resend, cancel; bad links change nothing."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gespreid.accounts.invitations import accept_invitation, create_invitation
from gespreid.accounts.models import Invitation, hash_token
from gespreid.core.models import AuditEntry, Membership


@pytest.fixture
def invite_url(school):
    return reverse("accounts:invite-list", args=[school.slug])


def _token_from_mail(message) -> str:
    return re.search(r"/uitnodiging/([^/\s]+)/", message.body).group(1)


def _invite(leader_client, invite_url, capture, **extra):
    data = {"name": "Nadia Nieuw", "email": "Nadia@Linde.test", "function": "ib", "fte": "0,7", **extra}
    with capture(execute=True):
        return leader_client.post(invite_url, data)


def test_leader_invites_and_the_mail_holds_a_single_use_link(
    leader_client, invite_url, school, leader, django_capture_on_commit_callbacks
):
    response = _invite(leader_client, invite_url, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nadia@linde.test" and invitation.fte == Decimal("0.70") and invitation.function == "ib"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nadia@linde.test"]
    token = _token_from_mail(mail.outbox[0])
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash  # only the hash is stored
    assert AuditEntry.objects.filter(action="accounts.invite", actor=leader).exists()
    assert "nadia@linde.test" in leader_client.get(invite_url).content.decode()


def test_new_person_sets_a_password_and_lands_on_the_school_home(
    leader_client, invite_url, school, django_capture_on_commit_callbacks, django_user_model
):
    _invite(
        leader_client,
        invite_url,
        django_capture_on_commit_callbacks,
        is_leader="on",
        class_group="groep 5-6",
        bouw="middenbouw",
    )
    token = _token_from_mail(mail.outbox[0])
    anon = Client()
    url = reverse("accounts:invitation-accept", args=[token])
    assert "Welkom bij De Linde" in anon.get(url).content.decode()
    response = anon.post(url, {"password1": "Rode-tulpen-bloeien-9", "password2": "Rode-tulpen-bloeien-9"})
    assert response.status_code == 302 and response["Location"] == reverse("core:home", args=[school.slug])
    user = django_user_model.objects.get(email="nadia@linde.test")
    assert user.check_password("Rode-tulpen-bloeien-9") and user.name == "Nadia Nieuw"
    m = Membership.objects.get(user=user, school=school)
    assert m.is_leader and m.fte == Decimal("0.70") and m.function == "ib"
    assert (m.class_group, m.bouw) == ("5/6", "middenbouw")  # the group and bouw set on the invitation
    assert anon.get(response["Location"]).status_code == 200  # logged in
    # Single use: the second time the link says so, and nothing changes.
    again = Client().get(url)
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()
    assert Membership.objects.filter(user=user).count() == 1


@pytest.mark.parametrize(
    "p1, p2, message",
    [
        ("kort", "kort", "Dit wachtwoord is te kort"),
        ("12345678901234", "12345678901234", "bevat alleen cijfers"),
        ("Rode-tulpen-bloeien-9", "iets-anders-dan-dit", "niet gelijk"),
        ("nadia.linde1", "nadia.linde1", "lijkt te veel op"),
        ("", "", "Dit veld is verplicht"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused(
    leader_client, invite_url, school, django_capture_on_commit_callbacks, p1, p2, message, django_user_model
):
    _invite(leader_client, invite_url, django_capture_on_commit_callbacks)
    url = reverse("accounts:invitation-accept", args=[_token_from_mail(mail.outbox[0])])
    response = Client().post(url, {"password1": p1, "password2": p2})
    assert response.status_code == 400 and message in response.content.decode()
    assert not django_user_model.objects.filter(email="nadia@linde.test").exists()
    assert Invitation.objects.get().accepted_at is None


def test_expired_link_explains_and_changes_nothing(school, leader, django_user_model):
    invitation, token = create_invitation(leader, school, email="oud@linde.test", name="Oud", send=False)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    url = reverse("accounts:invitation-accept", args=[token])
    for response in (
        Client().get(url),
        Client().post(url, {"password1": "Rode-tulpen-bloeien-9", "password2": "Rode-tulpen-bloeien-9"}),
    ):
        assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert not django_user_model.objects.filter(email="oud@linde.test").exists()


@pytest.mark.parametrize("token", ["x", "onbekend-maar-lang-genoeg-token-1234567890", "a" * 500, "%00%27"])
def test_unknown_links_get_a_clear_dutch_page(db, token):
    response = Client().get(f"/uitnodiging/{token}/")
    assert response.status_code == 410 and "kennen we niet" in response.content.decode()


def test_resend_makes_the_old_link_useless(leader_client, invite_url, school, django_capture_on_commit_callbacks):
    _invite(leader_client, invite_url, django_capture_on_commit_callbacks)
    old = _token_from_mail(mail.outbox[0])
    invitation = Invitation.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            leader_client.post(reverse("accounts:invite-resend", args=[school.slug, invitation.pk])).status_code == 302
        )
    new = _token_from_mail(mail.outbox[1])
    assert new != old
    assert Client().get(reverse("accounts:invitation-accept", args=[old])).status_code == 410
    assert Client().get(reverse("accounts:invitation-accept", args=[new])).status_code == 200


def test_cancel_stops_the_link(leader_client, school, leader):
    invitation, token = create_invitation(leader, school, email="weg@linde.test", name="Weg", send=False)
    assert leader_client.post(reverse("accounts:invite-cancel", args=[school.slug, invitation.pk])).status_code == 302
    response = Client().get(reverse("accounts:invitation-accept", args=[token]))
    assert response.status_code == 410 and "ingetrokken" in response.content.decode()
    # Cancelling twice or resending a cancelled invitation: a message, no error.
    again = leader_client.post(reverse("accounts:invite-cancel", args=[school.slug, invitation.pk]), follow=True)
    assert "al gebruikt of ingetrokken" in again.content.decode()
    assert AuditEntry.objects.filter(action="accounts.invite_cancel").count() == 1


def test_existing_user_accepting_gets_a_second_school(school, other_school, outsider, leader):
    invitation, token = create_invitation(leader, school, email=outsider.email, name=outsider.name, send=False)
    url = reverse("accounts:invitation-accept", args=[token])
    anon = Client()
    response = anon.get(url)
    assert "Log in" in response.content.decode() and "?next=" in response.content.decode()
    client = Client()
    client.force_login(outsider)
    assert "Uitnodiging aannemen" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("core:home", args=[school.slug])
    assert set(Membership.objects.filter(user=outsider).values_list("school__slug", flat=True)) == {
        "de-linde",
        "het-anker",
    }


def test_logged_in_as_someone_else_changes_nothing(school, leader, member_client, member):
    invitation, token = create_invitation(leader, school, email="iemand@elders.test", name="Iemand", send=False)
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user(email="iemand@elders.test", name="Iemand", password="een-goed-wachtwoord-42")
    response = member_client.post(reverse("accounts:invitation-accept", args=[token]))
    assert response.status_code == 403 and "ander account" in response.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None


def test_inviting_a_team_member_or_twice_is_refused(
    leader_client, invite_url, school, member, django_capture_on_commit_callbacks
):
    response = _invite(leader_client, invite_url, django_capture_on_commit_callbacks, email=member.email)
    assert response.status_code == 400 and "hoort al bij het team" in response.content.decode()
    _invite(leader_client, invite_url, django_capture_on_commit_callbacks)
    response = _invite(leader_client, invite_url, django_capture_on_commit_callbacks)
    assert response.status_code == 400 and "staat al een uitnodiging open" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "geen-adres"}, "geldig e-mailadres"),
        ({"fte": "2"}, "tussen 0 en 1,2"),
        ({"name": ""}, "verplicht"),
        ({"function": "kok"}, "geldige keuze"),
        ({"class_group": "groep 9"}, "groep"),
        ({"bouw": "kleuterbouw"}, "geldige keuze"),
    ],
)
def test_bad_invite_input(leader_client, invite_url, school, django_capture_on_commit_callbacks, data, message):
    response = _invite(leader_client, invite_url, django_capture_on_commit_callbacks, **data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Invitation.objects.exists()


def test_members_may_not_invite(member_client, school, leader):
    url = reverse("accounts:invite-list", args=[school.slug])
    assert member_client.get(url).status_code == 403
    assert (
        member_client.post(url, {"name": "X", "email": "x@x.test", "function": "leerkracht", "fte": "1"}).status_code
        == 403
    )
    invitation, _ = create_invitation(leader, school, email="a@b.test", name="A", send=False)
    assert member_client.post(reverse("accounts:invite-cancel", args=[school.slug, invitation.pk])).status_code == 403
    assert Invitation.objects.get().cancelled_at is None


def test_invitation_of_school_a_through_school_b_is_404(school, other_school, leader, make_member):
    other_leader = make_member(other_school, "Olga Leider", is_leader=True)
    invitation, _ = create_invitation(leader, school, email="a@b.test", name="A", send=False)
    client = Client()
    client.force_login(other_leader)
    assert client.post(reverse("accounts:invite-cancel", args=[other_school.slug, invitation.pk])).status_code == 404
    assert client.post(reverse("accounts:invite-resend", args=[other_school.slug, invitation.pk])).status_code == 404
    assert Invitation.objects.get().cancelled_at is None


def test_accepting_twice_in_code_is_refused(school, leader):
    invitation, _ = create_invitation(leader, school, email="twee@linde.test", name="Twee", send=False)
    accept_invitation(invitation, password="Rode-tulpen-bloeien-9")
    from gespreid.accounts.invitations import InvitationError

    with pytest.raises(InvitationError):
        accept_invitation(invitation, password="Rode-tulpen-bloeien-9")


def test_new_person_on_a_computer_where_someone_else_is_logged_in(school, leader, member_client, django_user_model):
    invitation, token = create_invitation(leader, school, email="vers@linde.test", name="Vera Vers", send=False)
    url = reverse("accounts:invitation-accept", args=[token])
    response = member_client.post(url, {"password1": "Rode-tulpen-bloeien-9", "password2": "Rode-tulpen-bloeien-9"})
    assert response.status_code == 302
    assert int(member_client.session["_auth_user_id"]) == django_user_model.objects.get(email="vers@linde.test").pk
    assert member_client.get(response["Location"]).status_code == 200


def test_password_forgotten_sends_a_working_link(member, client, django_user_model):
    response = client.post(reverse("accounts:password-forgot"), {"email": member.email})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-forgot-sent")
    assert len(mail.outbox) == 1 and "Nieuw wachtwoord" in mail.outbox[0].subject
    path = re.search(r"(/accounts/wachtwoord/[^\s]+/)", mail.outbox[0].body).group(1)
    page = client.get(path, follow=True)
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": "Paarse-krokus-lente-5", "new_password2": "Paarse-krokus-lente-5"})
    assert done.status_code == 302
    assert django_user_model.objects.get(pk=member.pk).check_password("Paarse-krokus-lente-5")
    # The link works once.
    again = client.get(path, follow=True)
    assert "verlopen of al gebruikt" in again.content.decode()


def test_password_forgotten_gives_the_same_answer_for_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password-forgot"), {"email": "niemand@nergens.test"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:password-forgot-sent")
    assert mail.outbox == []
    bad = client.post(reverse("accounts:password-forgot"), {"email": "geen-adres"})
    assert bad.status_code == 200 and "geldig e-mailadres" in bad.content.decode()
