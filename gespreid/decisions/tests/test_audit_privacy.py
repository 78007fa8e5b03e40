"""Issue 13.6: the audit log keeps every privacy choice made elsewhere, and shows labels, not raw keys."""

from django.urls import reverse

from gespreid.core.models import AuditEntry
from gespreid.decisions import consent
from gespreid.decisions.models import Objection


def _log(client, school):
    return client.get(reverse("core:audit-log", args=[school.slug])).content.decode()


def test_an_objector_named_only_to_the_author_is_not_named_in_the_log(leader_client, school, consent_round, member):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Het raakt mijn groep.", name_visible=False)
    html = _log(leader_client, school)
    assert "Gereageerd in een ronde" in html and "naam afgeschermd" in html
    assert member.name not in html
    assert "decisions.responded" not in html
    entry = AuditEntry.objects.get(action="decisions.responded")
    assert entry.actor is None and entry.actor_hidden


def test_the_objectors_own_later_steps_stay_unnamed(leader_client, school, consent_round, member):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Het raakt mijn groep.", name_visible=False)
    objection = Objection.objects.get(raised_by=member)
    membership = member.memberships.get(school=school)
    consent.objection_event(objection, membership, "withdraw")
    assert member.name not in _log(leader_client, school)
    assert not AuditEntry.objects.filter(actor=member).exists()


def test_a_named_response_is_named(leader_client, school, consent_round, member):
    """The test above can fail: with the name visible, the log names the person."""
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Het raakt mijn groep.", name_visible=True)
    assert member.name in _log(leader_client, school)
