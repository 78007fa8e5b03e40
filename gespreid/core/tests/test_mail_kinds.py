"""Each app's messages have their own kind, so a person's choice per kind (at once, digest, app only) works."""

import ast
import importlib
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from gespreid.core import outbox
from gespreid.core.models import MailMode, MailPreference, OutboxMail, OutboxStatus
from gespreid.core.notify import notify

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(path.parent.name for path in ROOT.glob("*/apps.py") if "MAIL_KIND" in path.read_text(encoding="utf-8"))


def _notify_calls():
    """Every notify(...) call outside the tests: (file, line, its kind= expression or None)."""
    for path in sorted(ROOT.glob("*/**/*.py")):
        if "tests" in path.parts or path.name == "notify.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "notify" or (isinstance(func, ast.Attribute) and getattr(func.value, "id", "") != "notify"):
                continue
            kind = next((k.value for k in node.keywords if k.arg == "kind"), None)
            yield path.relative_to(ROOT), node.lineno, kind


def test_every_notification_names_the_kind_of_its_own_app():
    calls = list(_notify_calls())
    assert len(calls) > 50  # the scan finds the apps' calls
    for path, line, kind in calls:
        assert isinstance(kind, ast.Name) and kind.id == "MAIL_KIND", f"{path}:{line} passes no kind=MAIL_KIND"
        module_source = (ROOT / path).read_text(encoding="utf-8")
        assert "from .apps import MAIL_KIND" in module_source, f"{path} must use its own app's kind"
    assert {path.parts[0] for path, _line, _kind in calls} <= set(APPS)


def test_every_apps_kind_is_offered_on_the_mail_settings_page(member_client):
    page = member_client.get(reverse("core:mail-settings")).content.decode()
    for app in APPS:
        kind = importlib.import_module(f"gespreid.{app}.apps").MAIL_KIND
        assert kind in outbox.KINDS and f'name="{kind}"' in page, app


@pytest.mark.parametrize("app", APPS)
def test_a_digest_choice_for_one_apps_kind_holds_its_mail_for_the_digest(app, school, member, settings):
    kind = importlib.import_module(f"gespreid.{app}.apps").MAIL_KIND
    MailPreference.objects.create(user=member, kind=kind, mode=MailMode.DIGEST)
    notify(school, [member], "Bericht", email_subject=f"Onderwerp {app}", kind=kind)
    notify(school, [member], "Ander", email_subject="Iets anders", kind="general")
    assert [m.subject for m in mail.outbox] == ["Iets anders"]  # not at once; other kinds still are
    assert OutboxMail.objects.get(user=member, kind=kind).status == OutboxStatus.HELD
    settings.DIGEST_HOUR = 0
    assert outbox.send_digests() == 1
    assert f"Onderwerp {app}" in mail.outbox[-1].body


def test_a_leader_who_chose_the_digest_for_decisions_gets_a_round_in_it(
    school, leader, teacher_leader, member, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from gespreid.decisions import consent

    MailPreference.objects.create(user=leader, kind="decisions", mode=MailMode.DIGEST)
    proposal = consent.create_proposal(school, teacher_leader, title="Pauze", problem="Te kort.", body="Langer.")
    with django_capture_on_commit_callbacks(execute=True):
        consent.open_round(
            proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
        )
    assert member.email in [m.to[0] for m in mail.outbox] and leader.email not in [m.to[0] for m in mail.outbox]
    held = OutboxMail.objects.get(user=leader, status=OutboxStatus.HELD)
    assert held.kind == "decisions" and "Pauze" in held.subject
    settings.DIGEST_HOUR = 0
    mail.outbox.clear()
    assert outbox.send_digests() == 1 and mail.outbox[0].to == [leader.email] and "Pauze" in mail.outbox[0].body


def test_choosing_for_one_kind_keeps_the_choices_for_the_others(member, member_client):
    MailPreference.objects.create(user=member, kind="decisions", mode=MailMode.APP)
    url = reverse("core:mail-settings")
    assert member_client.post(url, {"highlights": "digest"}).status_code == 302
    chosen = dict(MailPreference.objects.filter(user=member).values_list("kind", "mode"))
    assert chosen == {"decisions": MailMode.APP, "highlights": MailMode.DIGEST}
