"""Issue 13.4: user text in a mail subject, sent with the real SMTP backend to a local SMTP server."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from gespreid.decisions import consent
from gespreid.decisions.models import Round

EVIL = "Rekenen\r\nBcc: iedereen@buiten.test\nin groep 5"


def _proposal(school, author, title=EVIL):
    return consent.create_proposal(school, author, title=title, problem="Te weinig oefenen.", body="Elke dag.")


def test_a_line_break_in_a_title_reaches_no_header(local_smtp, school, teacher_leader, member):
    proposal = _proposal(school, teacher_leader)
    consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
    )
    assert local_smtp.messages, "the round's invitations were mailed"
    for message in local_smtp.messages:
        assert "\n" not in message["Subject"] and "\r" not in message["Subject"]
        assert message["Bcc"] is None
        assert "Rekenen Bcc: iedereen@buiten.test in groep 5" in message["Subject"]


def test_closing_a_round_with_such_a_title_works_and_other_schools_go_on(
    local_smtp, school, other_school, teacher_leader, member, make_member
):
    """Edited into an open round's title, the close still works, for this school and the next one."""
    proposal = _proposal(school, teacher_leader, title="Netjes")
    round_a = consent.open_round(
        proposal, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=3)
    )
    consent.edit_proposal(proposal, teacher_leader, title=EVIL, problem="p", body="b")
    other_lead = make_member(other_school, "Olga")
    make_member(other_school, "Otto")
    round_b = consent.open_round(
        _proposal(other_school, other_lead, title="Ander"),
        other_lead,
        kind="advies",
        audience="team",
        closes_at=timezone.now() + timedelta(days=3),
    )
    Round.objects.filter(pk__in=[round_a.pk, round_b.pk]).update(closes_at=timezone.now() - timedelta(minutes=1))
    call_command("run_scheduled", only="decisions.close_due_rounds")
    assert Round.objects.filter(pk__in=[round_a.pk, round_b.pk], closed_at__isnull=False).count() == 2
    assert all("\n" not in m["Subject"] for m in local_smtp.messages)
