"""A person's rights: their data as a download, a leaver erased on the school's request, retention terms."""

import io
import json
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from bench import country
from gespreid.core.models import AuditEntry, Membership, Notification, School
from gespreid.decisions.models import Response
from gespreid.expertise.models import ExpertiseEntry, Profile
from gespreid.highlights.models import Post, PostMedia
from gespreid.innovations.models import CheckInAnswer
from gespreid.privacy import personal_data
from gespreid.privacy.models import RetentionSetting

User = get_user_model()


@pytest.fixture
def land(db, settings, tmp_path):
    """Two generated schools with a year of activity in every capability (profiles, rounds, posts with files)."""
    settings.MEDIA_ROOT = str(tmp_path)
    country.generate(schools=2, boards=1, staff=24, seed=5, log=None)
    school = School.objects.get(slug="land-00000")
    leader = school.memberships.get(is_leader=True).user
    return school, leader


def someone_with_a_post(school):
    post = Post.objects.filter(school=school).order_by("id").first()
    return school.memberships.get(user=post.author)


def test_my_data_page_lists_what_we_hold_and_the_download_holds_it_all(land, client_for):
    school, _leader = land
    person = someone_with_a_post(school).user
    client = client_for(person)
    page = client.get(reverse("privacy:my-data"))
    assert page.status_code == 200
    assert "Download mijn gegevens" in page.content.decode()

    response = client.post(reverse("privacy:my-data"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("gegevens.json"))
    assert data["persoon"]["e-mailadres"] == person.email
    entries = data["gegevens"]["expertise.expertiseentry"]["rijen"]
    assert len(entries) == ExpertiseEntry.objects.filter(user=person).count() > 0
    assert "core.membership" in data["gegevens"] and "highlights.post" in data["gegevens"]
    assert "password" not in json.dumps(data)
    names = archive.namelist()
    assert "index.html" in names and person.name in archive.read("index.html").decode()
    own_files = [m.file for m in PostMedia.objects.filter(post__author=person)]
    assert own_files and all(f"bestanden/{name}" in names for name in own_files)
    assert AuditEntry.objects.filter(action="privacy.export", actor=person, school=school).exists()


def test_the_download_holds_nobody_elses_data(land, client_for):
    school, leader = land
    person = school.memberships.exclude(user=leader).order_by("id").last().user
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(client_for(person).post(reverse("privacy:my-data")).content)).read("gegevens.json")
    )
    users = {row.get("user") for entry in data["gegevens"].values() for row in entry["rijen"] if "user" in row}
    assert users <= {person.pk}


def test_my_data_needs_a_login(client):
    response = client.get(reverse("privacy:my-data"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def erase(client, school, membership, confirm=True):
    url = reverse("privacy:member-erase", args=[school.slug, membership.pk])
    return client.post(url, {"confirm": "on"} if confirm else {})


def test_erasing_a_leaver_removes_their_data_and_keeps_the_schools_records_anonymous(
    land, client_for, tmp_path, django_capture_on_commit_callbacks
):
    school, leader = land
    leaver = someone_with_a_post(school)
    user = leaver.user
    name = user.name
    files = [Path(tmp_path) / m.file for m in PostMedia.objects.filter(post__author=user)]
    responses = Response.objects.filter(user=user).count()
    answers = CheckInAnswer.objects.count()
    Notification.objects.create(school=school, user=leader, message=f"{name} heeft gereageerd")
    AuditEntry.objects.create(school=school, actor=leader, action="core.member_update", summary=f"{name}: fte 0,8")
    Membership.objects.filter(pk=leaver.pk).update(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client_for(leader), school, leaver)
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.name == "Voormalig teamlid" and "@gespreid.invalid" in user.email
    assert not user.is_active and not user.has_usable_password()
    assert not Profile.objects.filter(user=user).exists() and not ExpertiseEntry.objects.filter(user=user).exists()
    assert not Post.objects.filter(author=user).exists() and files and not any(f.exists() for f in files)
    assert not Notification.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    assert Response.objects.filter(user=user).count() == responses > 0  # the decisions stay readable
    assert CheckInAnswer.objects.count() == answers  # anonymous answers stay as they are
    assert not Notification.objects.filter(message__contains=name).exists()
    assert not AuditEntry.objects.filter(school=school, summary__contains=name).exists()
    assert AuditEntry.objects.filter(school=school, action="privacy.erase", actor=leader).exists()
    assert name not in client_for(leader).get(reverse("core:team", args=[school.slug])).content.decode()


def test_someone_in_another_school_keeps_their_account_and_that_schools_data(land, client_for):
    school, leader = land
    other = School.objects.get(slug="land-00001")
    leaver = someone_with_a_post(school)
    user = leaver.user
    Membership.objects.create(user=user, school=other)
    Profile.objects.create(school=other, school_year=other.current_year(), user=user, qualities="Hier blijf ik")
    Membership.objects.filter(pk=leaver.pk).update(is_active=False)
    responses_here = Response.objects.filter(user=user, round__proposal__school=school).count()

    assert erase(client_for(leader), school, leaver).status_code == 302

    user.refresh_from_db()
    assert user.is_active and user.email.endswith("@land.test")
    assert Profile.objects.filter(user=user, school=other).exists()
    assert not Profile.objects.filter(user=user, school=school).exists()
    assert not Response.objects.filter(user=user, round__proposal__school=school).exists()
    moved = Response.objects.filter(round__proposal__school=school, user__name="Voormalig teamlid")
    assert moved.count() == responses_here > 0


def test_erasing_is_refused_for_someone_still_in_the_team_or_without_confirmation(land, client_for):
    school, leader = land
    member = school.memberships.exclude(user=leader).first()
    client = client_for(leader)
    response = erase(client, school, member)
    assert response.status_code == 302
    assert "Haal" in [str(m) for m in response.wsgi_request._messages][0]
    Membership.objects.filter(pk=member.pk).update(is_active=False)
    erase(client, school, member, confirm=False)
    assert Profile.objects.filter(user=member.user).exists()  # nothing written


def test_only_the_schools_leader_may_erase(land, client_for, outsider_client):
    school, leader = land
    member = school.memberships.exclude(user=leader).first()
    Membership.objects.filter(pk=member.pk).update(is_active=False)
    colleague = school.memberships.exclude(user__in=[leader, member.user]).first().user
    assert erase(client_for(colleague), school, member).status_code == 403
    assert erase(outsider_client, school, member).status_code == 404
    assert Profile.objects.filter(user=member.user).exists()


def test_leavers_are_listed_for_the_leader_with_a_way_to_erase(land, client_for, django_assert_max_num_queries):
    school, leader = land
    url = reverse("privacy:former-members", args=[school.slug])
    client = client_for(leader)
    assert "Niemand" in client.get(url).content.decode()
    leavers = list(school.memberships.exclude(user=leader).order_by("id")[:5])
    Membership.objects.filter(pk__in=[m.pk for m in leavers]).update(is_active=False)
    with django_assert_max_num_queries(8):
        page = client.get(url).content.decode()
    assert all(m.user.name in page for m in leavers)
    assert reverse("privacy:member-erase", args=[school.slug, leavers[0].pk]) in page


def test_a_team_member_does_not_see_the_leavers(land, client_for):
    school, leader = land
    member = school.memberships.exclude(user=leader).first().user
    assert client_for(member).get(reverse("privacy:former-members", args=[school.slug])).status_code == 403


def test_retention_deletes_what_is_older_than_the_schools_term(land):
    school, leader = land
    other = School.objects.get(slug="land-00001")
    now = timezone.now()
    old = Notification.objects.create(school=school, user=leader, message="oud")
    Notification.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=400))
    recent = Notification.objects.create(school=school, user=leader, message="recent")
    Notification.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=200))
    other_old = Notification.objects.create(school=other, user=other.memberships.first().user, message="oud")
    Notification.objects.filter(pk=other_old.pk).update(created_at=now - timedelta(days=200))
    RetentionSetting.objects.create(school=other, key="notifications", months=3)

    personal_data.apply_retention(now)

    assert not Notification.objects.filter(pk=old.pk).exists()
    assert Notification.objects.filter(pk=recent.pk).exists()  # the default is 12 months
    assert not Notification.objects.filter(pk=other_old.pk).exists()  # that school chose 3


def test_retention_removes_old_removed_posts_with_their_files(land, tmp_path, django_capture_on_commit_callbacks):
    school, _leader = land
    post = Post.objects.filter(school=school).first()
    files = [Path(tmp_path) / m.file for m in post.media.all()]
    Post.objects.filter(pk=post.pk).update(status="offline", created_at=timezone.now() - timedelta(days=500))
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.apply_retention()
    assert not Post.objects.filter(pk=post.pk).exists()
    assert files and not any(f.exists() for f in files)


def test_the_leader_sets_terms_and_bad_input_saves_nothing(land, client_for):
    school, leader = land
    url = reverse("privacy:retention-edit", args=[school.slug])
    client = client_for(leader)
    page = client.get(url)
    assert page.status_code == 200 and "Meldingen" in page.content.decode()
    data = {row["rule"].key: row["months"] for row in personal_data.terms(school)}
    response = client.post(url, {**data, "notifications": "nul"})
    assert response.status_code == 400 and "Vul een aantal maanden in" in response.content.decode()
    assert not RetentionSetting.objects.filter(school=school).exists()
    assert client.post(url, {**data, "notifications": "6"}).status_code == 302
    assert RetentionSetting.objects.get(school=school, key="notifications").months == 6
    assert AuditEntry.objects.filter(school=school, action="privacy.retention").exists()


def test_a_team_member_may_not_set_terms(land, client_for):
    school, leader = land
    member = school.memberships.exclude(user=leader).first().user
    url = reverse("privacy:retention-edit", args=[school.slug])
    assert client_for(member).get(url).status_code == 403
    assert client_for(member).post(url, {"notifications": "1"}).status_code == 403
