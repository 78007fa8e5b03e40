"""Domain rules: versions, rounds, responses, closing, silence rule, reminders, late state."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from gespreid.core.models import AuditEntry, Notification
from gespreid.decisions import consent
from gespreid.decisions.models import DecisionSettings, Objection, Outcome, Proposal, ProposalVersion, Response, Round


def _notes(user, text):
    return Notification.objects.filter(user=user, message__icontains=text).count()


# --- versions ------------------------------------------------------------------------------


def test_draft_edits_change_the_draft_in_place(proposal, teacher_leader):
    consent.edit_proposal(proposal, teacher_leader, title="Rekenen", problem="p", body="nieuw")
    assert proposal.versions.count() == 1
    assert proposal.versions.get().body == "nieuw"


def test_every_edit_after_a_round_opened_is_a_new_version(proposal, consent_round, teacher_leader):
    v2 = consent.edit_proposal(proposal, teacher_leader, title="Rekenen", problem="p", body="tweede", note="korter")
    v3 = consent.edit_proposal(proposal, teacher_leader, title="Rekenen", problem="p", body="derde")
    assert [v2.number, v3.number] == [2, 3]
    assert ProposalVersion.objects.get(proposal=proposal, number=1).body == "We oefenen elke dag tien minuten."
    proposal.refresh_from_db()
    assert proposal.title == "Rekenen"


def test_proposal_made_elsewhere_without_versions_gets_its_first_version_on_round_open(school, teacher_leader, member):
    p = Proposal.objects.create(
        school=school, title="Werkverdelingsplan 2026", problem="Graag jullie reactie.", author=teacher_leader
    )
    r = consent.open_round(
        p, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=2)
    )
    assert r.opened_version.number == 1 and r.opened_version.body == "Graag jullie reactie."


def test_responses_name_their_version(proposal, consent_round, teacher_leader, member, leader):
    consent.respond(consent_round.pk, member, kind="instemming")
    consent.edit_proposal(proposal, teacher_leader, title=proposal.title, problem=proposal.problem, body="v2")
    consent.respond(consent_round.pk, leader, kind="zorg", text="Let op de kleuters.")
    assert Response.objects.get(user=member).version.number == 1
    assert Response.objects.get(user=leader).version.number == 2


def test_new_version_tells_those_who_responded(proposal, consent_round, teacher_leader, member):
    consent.respond(consent_round.pk, member, kind="instemming")
    consent.edit_proposal(proposal, teacher_leader, title=proposal.title, problem=proposal.problem, body="v2")
    assert _notes(member, "Nieuwe versie") == 1


# --- opening -------------------------------------------------------------------------------


def test_open_round_asks_the_team_except_the_author(
    proposal, teacher_leader, leader, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        consent_round = consent.open_round(
            proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
        )
    invited = set(consent_round.invitations.values_list("user_id", flat=True))
    assert invited == {leader.pk, member.pk}
    assert _notes(member, "reageer vóór") == 1
    assert any("je mening gevraagd" in m.subject for m in mail.outbox)
    assert AuditEntry.objects.filter(action="decisions.round_opened").count() == 1


def test_open_round_for_chosen_people(proposal, teacher_leader, member, leader):
    r = consent.open_round(
        proposal,
        teacher_leader,
        kind="advies",
        audience="personen",
        people=[member],
        closes_at=timezone.now() + timedelta(days=1),
    )
    assert list(r.invitations.values_list("user_id", flat=True)) == [member.pk]


def test_open_round_with_closing_date_in_the_past_is_refused(proposal, teacher_leader, member):
    with pytest.raises(consent.DecisionError, match="verleden"):
        consent.open_round(
            proposal,
            teacher_leader,
            kind="instemming",
            audience="team",
            closes_at=timezone.now() - timedelta(minutes=1),
        )
    assert not Round.objects.exists()


def test_only_one_open_round_at_a_time(proposal, consent_round, teacher_leader):
    with pytest.raises(consent.DecisionError, match="loopt al"):
        consent.open_round(
            proposal, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=1)
        )


def test_silence_rule_is_stored_from_the_school_setting(school, proposal, teacher_leader, member):
    DecisionSettings.objects.create(school=school, silence_rule=DecisionSettings.SILENCE_QUORUM)
    r = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    assert r.silence_rule == DecisionSettings.SILENCE_QUORUM
    assert "helft" in consent.silence_text(r.kind, r.silence_rule)


def test_default_silence_rule_is_no_response_means_no_objection(consent_round):
    assert consent_round.silence_rule == DecisionSettings.SILENCE_NO_OBJECTION
    assert consent.silence_text("instemming", consent_round.silence_rule).startswith("Geen reactie = geen bezwaar")


# --- responding ----------------------------------------------------------------------------


def test_response_can_change_until_close(consent_round, member):
    consent.respond(consent_round.pk, member, kind="instemming")
    consent.respond(consent_round.pk, member, kind="zorg", text="Tijd.")
    assert Response.objects.get(user=member).kind == "zorg"
    assert Response.objects.count() == 1


def test_objection_needs_a_reason(consent_round, member):
    with pytest.raises(consent.DecisionError, match="reden"):
        consent.respond(consent_round.pk, member, kind="bezwaar", text="  ")
    assert not Response.objects.exists() and not Objection.objects.exists()


def test_objection_becomes_a_tracked_item_and_tells_the_author(consent_round, member, teacher_leader):
    consent.respond(
        consent_round.pk,
        member,
        kind="bezwaar",
        text="Geen tijd in groep 3.",
        suggestion="Start na de herfst.",
        name_visible=False,
    )
    o = Objection.objects.get()
    assert o.status == Objection.RAISED and o.harm == "Geen tijd in groep 3." and not o.name_visible
    assert _notes(teacher_leader, "Nieuw bezwaar") == 1


def test_changing_an_objection_to_consent_withdraws_it(consent_round, member):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Reden.")
    consent.respond(consent_round.pk, member, kind="instemming")
    assert Objection.objects.get().status == Objection.WITHDRAWN


def test_only_those_asked_may_respond(proposal, teacher_leader, member, leader):
    r = consent.open_round(
        proposal,
        teacher_leader,
        kind="instemming",
        audience="personen",
        people=[member],
        closes_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(consent.DecisionError, match="niet gevraagd"):
        consent.respond(r.pk, leader, kind="instemming")


def test_advice_round_takes_advice_only(proposal, teacher_leader, member):
    r = consent.open_round(
        proposal, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    with pytest.raises(consent.DecisionError):
        consent.respond(r.pk, member, kind="bezwaar", text="x")
    consent.respond(r.pk, member, kind="advies", text="Begin klein.")
    assert Response.objects.get().kind == "advies"


def test_responding_after_the_closing_time_is_refused_even_before_the_job_ran(consent_round, member):
    later = consent_round.closes_at + timedelta(seconds=1)
    with pytest.raises(consent.DecisionError, match="gesloten"):
        consent.respond(consent_round.pk, member, kind="instemming", now=later)
    assert not Response.objects.exists()


# --- objections in a round -----------------------------------------------------------------


def _membership(user, school):
    return user.memberships.get(school=school)


def test_objection_resolved_by_new_version_and_both_confirmations(
    school, proposal, consent_round, member, teacher_leader
):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    o = Objection.objects.get()
    v2 = consent.edit_proposal(
        proposal,
        teacher_leader,
        title=proposal.title,
        problem=proposal.problem,
        body="Vijf minuten.",
        note="korter",
        answers=[o],
        author_confirms=True,
    )
    o.refresh_from_db()
    assert o.status == Objection.WORKING and o.answered_in == v2 and o.author_confirmed
    consent.objection_event(o, _membership(member, school), "objector_confirm")
    o.refresh_from_db()
    assert o.status == Objection.RESOLVED
    assert Response.objects.get(user=member).kind == "instemming"


def test_other_colleague_cannot_act_on_an_objection(school, consent_round, member, leader, make_member):
    other = make_member(school, "Olaf Ander")
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    with pytest.raises(consent.DecisionError):
        consent.objection_event(Objection.objects.get(), _membership(other, school), "withdraw")


def test_school_leader_acts_for_the_author(school, consent_round, member, leader):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    o = consent.objection_event(
        Objection.objects.get(), _membership(leader, school), "not_adopt", explanation="Wettelijk verplicht."
    )
    assert o.status == Objection.NOT_ADOPTED


def test_objection_in_a_closed_round_is_immutable(school, consent_round, member, teacher_leader):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    consent.close_round(consent_round.pk, teacher_leader, adopt=False)
    with pytest.raises(consent.DecisionError, match="gesloten"):
        consent.objection_event(Objection.objects.get(), _membership(member, school), "withdraw")
    assert Objection.objects.get().status == Objection.RAISED


# --- closing -------------------------------------------------------------------------------


def test_consent_round_cannot_be_adopted_by_hand_with_open_objections(consent_round, member, teacher_leader):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    with pytest.raises(consent.DecisionError, match="open bezwaar"):
        consent.close_round(consent_round.pk, teacher_leader, adopt=True)
    consent_round.refresh_from_db()
    assert consent_round.closed_at is None and not Outcome.objects.exists()


def test_closing_with_open_objections_as_not_decided(consent_round, member, teacher_leader, proposal):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    outcome = consent.close_round(consent_round.pk, teacher_leader, adopt=False)
    assert outcome.result == Outcome.NOT_DECIDED and outcome.review_on is None
    assert "nog open" in outcome.changes
    proposal.refresh_from_db()
    assert proposal.decided_at is None


def test_adopted_outcome_records_version_changes_and_review_date(
    consent_round, proposal, member, leader, teacher_leader, school
):
    consent.respond(consent_round.pk, leader, kind="zorg", text="Let op de kleuters.")
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    o = Objection.objects.get()
    consent.edit_proposal(
        proposal,
        teacher_leader,
        title=proposal.title,
        problem=proposal.problem,
        body="v2",
        note="korter",
        answers=[o],
        author_confirms=True,
    )
    consent.objection_event(o, _membership(member, school), "objector_confirm")
    outcome = consent.close_round(consent_round.pk, teacher_leader, decision_text="We doen het.")
    assert outcome.result == Outcome.ADOPTED and outcome.version.number == 2
    assert "Bezwaar opgelost (versie 2)" in outcome.changes and "Zorg genoteerd: Let op de kleuters." in outcome.changes
    assert outcome.review_on > timezone.localdate()
    proposal.refresh_from_db()
    assert proposal.decided_at is not None
    assert _notes(member, "Uitkomst") == 1 and _notes(teacher_leader, "Uitkomst") == 1


def test_decided_proposal_cannot_be_edited_or_get_a_new_round(consent_round, proposal, teacher_leader):
    consent.close_round(consent_round.pk, teacher_leader)
    with pytest.raises(consent.DecisionError, match="besloten"):
        consent.edit_proposal(proposal, teacher_leader, title="x", problem="y", body="z")
    with pytest.raises(consent.DecisionError, match="besloten"):
        consent.open_round(
            proposal, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=1)
        )


def test_closed_round_cannot_be_closed_again_or_changed(consent_round, teacher_leader, member):
    consent.close_round(consent_round.pk, teacher_leader)
    with pytest.raises(consent.DecisionError):
        consent.close_round(consent_round.pk, teacher_leader)
    with pytest.raises(consent.DecisionError, match="gesloten"):
        consent.change_closing(consent_round, teacher_leader, timezone.now() + timedelta(days=9))
    with pytest.raises(consent.DecisionError, match="gesloten"):
        consent.respond(consent_round.pk, member, kind="instemming")


def test_silence_counts_as_no_objection(consent_round):
    # Nobody responded; with the default rule the round is adopted when it closes on time.
    consent.close_due_rounds(now=consent_round.closes_at + timedelta(minutes=1))
    assert Outcome.objects.get().result == Outcome.ADOPTED


def test_quorum_rule_needs_half_of_those_asked(school, proposal, teacher_leader, member, leader, make_member):
    make_member(school)
    make_member(school)
    DecisionSettings.objects.create(school=school, silence_rule=DecisionSettings.SILENCE_QUORUM)
    r = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    consent.respond(r.pk, member, kind="instemming")
    ok, why = consent.can_adopt(r)
    assert not ok and "Te weinig reacties" in why
    consent.respond(r.pk, leader, kind="instemming")
    assert consent.can_adopt(r)[0]


def test_quorum_not_met_closes_as_not_decided_on_time(school, proposal, teacher_leader, member):
    DecisionSettings.objects.create(school=school, silence_rule=DecisionSettings.SILENCE_QUORUM)
    r = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    consent.close_due_rounds(now=r.closes_at + timedelta(minutes=1))
    assert Outcome.objects.get().result == Outcome.NOT_DECIDED


def test_job_closes_due_rounds_once_and_with_open_objection_as_not_decided(consent_round, member):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Te veel.")
    later = consent_round.closes_at + timedelta(minutes=1)
    assert consent.close_due_rounds(now=later) == 1
    assert consent.close_due_rounds(now=later) == 0
    assert Outcome.objects.get().result == Outcome.NOT_DECIDED


def test_job_leaves_rounds_that_are_not_due(consent_round):
    assert consent.close_due_rounds(now=consent_round.closes_at - timedelta(minutes=1)) == 0
    consent_round.refresh_from_db()
    assert consent_round.is_open()


def test_state_is_correct_when_computed_late(consent_round):
    later = consent_round.closes_at + timedelta(hours=5)
    assert consent_round.closed_at is None
    assert not consent_round.is_open(later)
    assert consent_round.is_open(consent_round.closes_at - timedelta(seconds=1))


def test_advice_round_closes_as_advice(proposal, teacher_leader, member):
    r = consent.open_round(
        proposal, teacher_leader, kind="advies", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    consent.respond(r.pk, member, kind="advies", text="Begin klein.")
    outcome = consent.close_round(r.pk, teacher_leader)
    assert outcome.result == Outcome.ADVICE
    proposal.refresh_from_db()
    assert proposal.decided_at is None
    v2 = consent.edit_proposal(
        proposal, teacher_leader, title=proposal.title, problem=proposal.problem, body="verbeterd"
    )
    assert v2.number == 2


# --- reminders -----------------------------------------------------------------------------


def test_one_reminder_only_to_those_who_did_not_respond(
    consent_round, member, leader, django_capture_on_commit_callbacks
):
    consent.respond(consent_round.pk, leader, kind="instemming")
    mail.outbox.clear()
    soon = consent_round.closes_at - timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert consent.send_reminders(now=soon) == 1
    assert _notes(member, "Herinnering") == 1
    assert _notes(leader, "Herinnering") == 0
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert consent.send_reminders(now=soon + timedelta(minutes=30)) == 0
    assert _notes(member, "Herinnering") == 1


def test_no_reminder_too_early(consent_round, member):
    assert consent.send_reminders(now=consent_round.closes_at - timedelta(hours=30)) == 0
    assert _notes(member, "Herinnering") == 0


def test_no_reminder_when_everyone_responded(consent_round, member, leader):
    consent.respond(consent_round.pk, leader, kind="instemming")
    consent.respond(consent_round.pk, member, kind="instemming")
    assert consent.send_reminders(now=consent_round.closes_at - timedelta(hours=1)) == 0
    assert Notification.objects.filter(message__icontains="Herinnering").count() == 0


def test_no_reminder_for_a_closed_round(consent_round, member, teacher_leader):
    consent.close_round(consent_round.pk, teacher_leader)
    assert consent.send_reminders(now=consent_round.closes_at - timedelta(hours=1)) == 0


def test_jobs_are_registered_for_run_scheduled(consent_round, member):
    from django.core.management import call_command

    from gespreid.core.registry import jobs

    assert {"decisions.close_due_rounds", "decisions.send_reminders"} <= set(jobs())
    Round.objects.filter(pk=consent_round.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    call_command("run_scheduled")
    assert Outcome.objects.filter(round=consent_round).exists()


def test_open_round_for_a_working_group_asks_its_members_and_lead(
    school, year, proposal, teacher_leader, member, leader, make_member
):
    from gespreid.groups.models import Group, GroupMember

    lead = make_member(school, "Gea Trekker")
    group = Group.objects.create(school=school, school_year=year, name="Werkgroep lezen", lead=lead)
    GroupMember.objects.create(group=group, user=member)
    r = consent.open_round(
        proposal,
        teacher_leader,
        kind="advies",
        audience="groep",
        group=group,
        closes_at=timezone.now() + timedelta(days=1),
    )
    assert set(r.invitations.values_list("user_id", flat=True)) == {member.pk, lead.pk}
