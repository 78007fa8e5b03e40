"""Demo data: a closed consent round whose objection improved the proposal, and an open round."""

from datetime import timedelta

from django.test.utils import override_settings
from django.utils import timezone

from . import consent
from .models import Invitation, Objection, Outcome, Proposal, ProposalVersion, Response, Round

CLOSED_TITLE = "Elke ochtend tien minuten automatiseren"
OPEN_TITLE = "Samen één aanpak voor begrijpend lezen"
# The concerns colleagues raised in the closed round, by position in the team: different people, different worries.
CONCERNS = {
    2: "Zorg dat de kaarten ook voor de kinderen met een eigen leerlijn werken.",
    7: "Plan het kwartaaloverleg niet in de toetsweken, dan schuift het steeds door.",
}


def seed(demo):
    # The demo goes through the real domain functions; keep their e-mails out of the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _seed(demo)


def _seed(demo):
    school = demo.school
    author = demo.user("tl@demo.test")
    staff = [u for u in demo.staff[school.id] if u.pk != author.pk]
    if not school.proposals.filter(title=CLOSED_TITLE).exists():
        _closed(school, author, staff, demo)
    if not school.proposals.filter(title=OPEN_TITLE).exists():
        _open(school, author, staff, demo)


def _closed(school, author, staff, demo):
    # Built at today's date through the real domain functions, then moved 30 days back in time.
    start = timezone.now()
    proposal = consent.create_proposal(
        school,
        author,
        title=CLOSED_TITLE,
        problem="De basisvaardigheden rekenen zakken weg: in de M-toetsen van groep 5 tot en met 8 scoren minder kinderen voldoende op tafels en bewerkingen.",
        body="Alle groepen 3 tot en met 8 beginnen elke ochtend met twintig minuten automatiseren, met dezelfde oefenkaarten.\n\nDe rekencoördinator maakt de kaarten en kijkt elk kwartaal met de groepsleerkrachten naar de resultaten.",
        priority=school.priorities.filter(title__icontains="rekenen").first(),  # when the priorities demo ran
    )
    round_ = consent.open_round(
        proposal, author, kind=Round.CONSENT, audience=Round.TEAM, closes_at=start + timedelta(days=10), now=start
    )
    objector = staff[4]
    responders = staff[:12]
    for i, person in enumerate(responders):
        at = start + timedelta(minutes=i)
        if person.pk == objector.pk:
            consent.respond(
                round_.pk,
                person,
                kind="bezwaar",
                text="In groep 3 past twintig minuten niet naast het aanvankelijk lezen: dan gaat het ten koste van de leestijd, en lezen is ook een speerpunt.",
                suggestion="Maak het tien minuten, en laat groep 3 pas na de herfstvakantie beginnen.",
                name_visible=True,
                now=at,
            )
        elif i in CONCERNS:  # each concern once: the outcome lists every one ("Zorg genoteerd: ...")
            consent.respond(round_.pk, person, kind="zorg", text=CONCERNS[i], now=at)
        else:
            consent.respond(round_.pk, person, kind="instemming", now=at)
    objection = Objection.objects.get(round=round_, raised_by=objector)
    v1 = proposal.versions.get(number=1)
    v2 = consent.edit_proposal(
        proposal,
        author,
        title=CLOSED_TITLE,
        problem=proposal.problem,
        body="Alle groepen 4 tot en met 8 beginnen elke ochtend met tien minuten automatiseren, met dezelfde oefenkaarten. Groep 3 begint na de herfstvakantie.\n\nDe rekencoördinator maakt de kaarten, ook in een versie voor kinderen met een eigen leerlijn, en kijkt elk kwartaal met de groepsleerkrachten naar de resultaten.",
        note="Tien minuten; groep 3 na de herfstvakantie (bezwaar over leestijd)",
        answers=[objection],
        author_confirms=True,
    )
    membership = objector.memberships.get(school=school)
    consent.objection_event(objection, membership, "objector_confirm")
    consent.close_round(
        round_.pk,
        author,
        decision_text="Vanaf de eerstvolgende maandag beginnen de groepen 4 tot en met 8 elke ochtend met tien minuten automatiseren met de gezamenlijke oefenkaarten; groep 3 sluit na de herfstvakantie aan.",
        review_on=timezone.localdate() + timedelta(days=20),
    )
    back = timedelta(days=30)
    ProposalVersion.objects.filter(pk=v1.pk).update(created_at=start - back)
    ProposalVersion.objects.filter(pk=v2.pk).update(created_at=start - back + timedelta(days=4))
    Round.objects.filter(pk=round_.pk).update(
        opened_at=start - back, closes_at=start - back + timedelta(days=10), closed_at=start - back + timedelta(days=9)
    )
    Outcome.objects.filter(round=round_).update(published_at=start - back + timedelta(days=9))
    Proposal.objects.filter(pk=proposal.pk).update(decided_at=start - back + timedelta(days=9))
    for response in Response.objects.filter(round=round_):
        Response.objects.filter(pk=response.pk).update(
            created_at=response.created_at - back + timedelta(days=1),
            updated_at=response.updated_at - back + timedelta(days=1),
        )
    Objection.objects.filter(round=round_).update(
        created_at=start - back + timedelta(days=1), updated_at=start - back + timedelta(days=5)
    )


def _open(school, author, staff, demo):
    # The reading proposal belongs with the reading priority and the group working on it (when those demos ran).
    priority = school.priorities.filter(title__icontains="begrijpend lezen").first()
    group = school.work_groups.filter(priority=priority).first() if priority else None
    owner = author
    proposal = consent.create_proposal(
        school,
        owner,
        title=OPEN_TITLE,
        problem="Elke groep leert begrijpend lezen op een eigen manier. Kinderen moeten elk jaar wennen en we kunnen resultaten niet vergelijken.",
        body="We gebruiken in groep 4 tot en met 8 dezelfde vijf leesstrategieën, met dezelfde pictogrammen in elke klas.\n\nDe werkgroep maakt een kijkwijzer en bezoekt in het voorjaar elkaars lessen.",
        group=group,
        priority=priority,
    )
    now = timezone.now()
    round_ = consent.open_round(
        proposal, owner, kind=Round.CONSENT, audience=Round.TEAM, closes_at=now + timedelta(days=5)
    )
    Round.objects.filter(pk=round_.pk).update(opened_at=now - timedelta(days=2))
    proposal.versions.update(created_at=now - timedelta(days=3))
    for i, person in enumerate(staff[6:14]):
        if person.email == "lid@demo.test":
            continue
        kind = "zorg" if i == 3 else "instemming"
        consent.respond(
            round_.pk, person, kind=kind, text="Graag ook aandacht voor nieuwkomers." if kind == "zorg" else ""
        )
    assert Invitation.objects.filter(round=round_).exists() and Response.objects.filter(round=round_).exists()
