"""The inventory round: start, notify everyone, one reminder near the date, progress, close."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import Notification
from gespreid.core.registry import jobs
from gespreid.expertise import rounds
from gespreid.expertise.models import InventoryRound


def start(client, school, days=10, message="Voor de studiedag"):
    deadline = timezone.localdate() + timedelta(days=days)
    return client.post(
        reverse("expertise:round-start", args=[school.slug]), {"deadline": deadline.isoformat(), "message": message}
    )


def test_leader_starts_a_round_and_everyone_is_notified(
    leader_client, school, leader, member, teacher_leader, outsider, year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert start(leader_client, school).status_code == 302
    inventory = InventoryRound.objects.get(school=school)
    told = set(
        Notification.objects.filter(message__startswith="Breng je expertise in beeld").values_list("user_id", flat=True)
    )
    assert told == {leader.id, member.id, teacher_leader.id}
    assert len(mail.outbox) == 3
    assert inventory.is_open and inventory.started_by == leader


def test_reminder_goes_once_near_the_date_to_those_who_did_not_update(
    leader_client, member_client, school, leader, member, teacher_leader, year
):
    start(leader_client, school, days=10)
    inventory = InventoryRound.objects.get()
    member_client.post(reverse("expertise:profile-confirm", args=[school.slug]))
    assert rounds.send_reminders() == 0  # too early
    near = inventory.deadline - timedelta(days=2)
    assert rounds.send_reminders(today=near) == 2  # leader and teacher leader, not member
    reminded = set(Notification.objects.filter(message__startswith="Herinnering").values_list("user_id", flat=True))
    assert reminded == {leader.id, teacher_leader.id}
    assert rounds.send_reminders(today=near) == 0  # never twice
    assert rounds.send_reminders(today=near + timedelta(days=1)) == 0
    assert Notification.objects.filter(message__startswith="Herinnering").count() == 2


def test_jobs_are_registered_and_run_from_the_command(leader_client, school, leader, year):
    assert {"expertise.inventory_reminders", "expertise.close_inventory_rounds"} <= set(jobs())
    start(leader_client, school, days=1)
    call_command("run_scheduled")
    call_command("run_scheduled")
    assert Notification.objects.filter(message__startswith="Herinnering").count() == 1


def test_rounds_close_after_the_deadline(leader_client, school, leader, year):
    start(leader_client, school, days=3)
    inventory = InventoryRound.objects.get()
    assert rounds.close_due_rounds(today=inventory.deadline) == 0
    assert rounds.close_due_rounds(today=inventory.deadline + timedelta(days=1)) == 1
    inventory.refresh_from_db()
    assert not inventory.is_open


def test_progress_is_shown_to_the_team_as_counts(
    leader_client, member_client, school, leader, member, teacher_leader, year
):
    start(leader_client, school)
    member_client.post(reverse("expertise:profile-confirm", args=[school.slug]))
    html = member_client.get(reverse("expertise:round-detail", args=[school.slug])).content.decode()
    assert "1 van de 3 profielen zijn bijgewerkt." in html and "Jouw profiel is bijgewerkt" in html
    home = leader_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "1 van de 3 profielen bijgewerkt." in home and "Werk mijn profiel bij" in home


def test_after_closing_the_team_sees_the_new_picture(leader_client, member_client, school, leader, member, year):
    start(leader_client, school)
    inventory = InventoryRound.objects.get()
    leader_client.post(reverse("expertise:round-close", args=[school.slug, inventory.id]))
    html = member_client.get(reverse("expertise:round-detail", args=[school.slug])).content.decode()
    assert "Dit is het nieuwe beeld" in html and "Bekwaamheidsdomeinen" in html


def test_round_bad_input_and_roles(leader_client, member_client, school, leader, member, year):
    response = start(leader_client, school, days=0)
    assert response.status_code == 400 and "Kies een datum na vandaag." in response.content.decode()
    response = leader_client.post(reverse("expertise:round-start", args=[school.slug]), {"deadline": "morgen"})
    assert response.status_code == 400 and "Vul een datum in" in response.content.decode()
    assert start(leader_client, school, days=400).status_code == 400
    assert start(member_client, school).status_code == 403
    assert not InventoryRound.objects.exists()
    start(leader_client, school)
    start(leader_client, school)  # a second open round is refused
    assert InventoryRound.objects.count() == 1
    inventory = InventoryRound.objects.get()
    assert member_client.post(reverse("expertise:round-close", args=[school.slug, inventory.id])).status_code == 403


def test_a_double_submit_does_not_break(leader_client, school, leader, year, monkeypatch):
    from django.db import IntegrityError

    def boom(*args, **kwargs):
        raise IntegrityError("one_open_round_per_school")

    monkeypatch.setattr(rounds, "start_round", boom)
    response = start(leader_client, school)
    assert response.status_code == 302
    assert "Er loopt al een ronde" in leader_client.get(response["Location"]).content.decode()
