from django.urls import reverse

from gespreid.decisions import consent


def test_pages_render(consent_round, proposal, member, member_client, tl_client, leader_client, school):
    consent.respond(consent_round.pk, member, kind="bezwaar", text="Dit kost mijn groep te veel tijd.")
    for client in (member_client, tl_client, leader_client):
        for url in [
            reverse("decisions:proposal-list", args=[school.slug]),
            reverse("decisions:proposal-detail", args=[school.slug, proposal.pk]),
            reverse("decisions:decision-log", args=[school.slug]),
            reverse("decisions:version-detail", args=[school.slug, proposal.pk, 1]),
            reverse("decisions:objection-detail", args=[school.slug, proposal.pk, consent_round.objections.get().pk]),
            reverse("core:home", args=[school.slug]),
        ]:
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code)
