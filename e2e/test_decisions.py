"""Browser: an author opens a consent round, a colleague objects, the author makes a new version
that answers the objection, the objector confirms, the author closes and the decision is in the log."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gespreid.decisions import consent

pytestmark = pytest.mark.django_db(transaction=True)


def switch(page, login, user):
    page.context.clear_cookies()
    login(user)


def test_consent_round_with_objection_to_decision_log(live_server, page, login, school, leader, teacher_leader, member):
    proposal = consent.create_proposal(
        school,
        teacher_leader,
        title="Dagelijks rekenen",
        problem="Kinderen oefenen te weinig.",
        body="We oefenen elke dag twintig minuten.",
    )
    base = f"{live_server.url}/{school.slug}/besluiten/{proposal.pk}/"

    # 1. The author opens a consent round for the whole team.
    login(teacher_leader)
    page.goto(base)
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_text("Geen reactie = geen bezwaar").first).to_be_visible()
    page.get_by_label("Instemmingsronde").check()
    page.get_by_label("Het hele team").check()
    closes = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Sluit op").fill(closes)
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_text("De ronde is geopend")).to_be_visible()

    # 2. A colleague objects, with a reason, visible only to the author.
    switch(page, login, member)
    page.goto(base)
    expect(page.get_by_text("Regel voor stilte:").first).to_be_visible()
    page.get_by_label("Bezwaar — het voorstel schaadt").check()
    page.get_by_role("button", name="Reactie opslaan").click()  # no reason: refused with a clear message
    expect(page.get_by_text("Een bezwaar heeft een reden nodig").first).to_be_visible()
    page.get_by_label("Toelichting").fill("Twintig minuten past niet in het rooster van groep 3.")
    page.get_by_label("Voorstel voor verbetering (mag)").fill("Maak het tien minuten.")
    page.get_by_label("Alleen de indiener").check()
    page.get_by_role("button", name="Reactie opslaan").click()
    expect(page.get_by_text("Je reactie is opgeslagen")).to_be_visible()

    # 3. The author makes a new version that answers the objection.
    switch(page, login, teacher_leader)
    page.goto(base)
    expect(page.get_by_text("Twintig minuten past niet")).to_be_visible()
    page.get_by_role("button", name="Nieuwe versie maken").click()
    page.locator("#id_body").fill("We oefenen elke dag tien minuten.")
    page.get_by_label("Wat is er veranderd?").fill("Tien minuten, na bezwaar groep 3")
    page.get_by_label(f"{member.name}: Twintig minuten").check()
    page.get_by_label("Ik bevestig: het voorstel lost het oorspronkelijke probleem nog steeds op.").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Versie 2 is opgeslagen")).to_be_visible()

    # 4. The objector sees the difference and confirms the objection no longer applies.
    switch(page, login, member)
    page.goto(base + "versies/2/")
    expect(page.locator("ins", has_text="tien")).to_be_visible()
    expect(page.locator("del", has_text="twintig")).to_be_visible()
    page.goto(base)
    page.get_by_role("link", name=member.name).click()
    page.get_by_role("button", name="Ik bevestig: mijn bezwaar geldt niet meer").click()
    expect(page.get_by_text("Opgelost").first).to_be_visible()

    # 5. The author closes the round as a decision; it appears in the decision log.
    switch(page, login, teacher_leader)
    page.goto(base)
    page.get_by_role("button", name="Ronde sluiten").click()
    page.get_by_label("Besluit (of samenvatting van het advies)").fill("We oefenen elke dag tien minuten rekenen.")
    # Before its announced time: closing early is confirmed knowingly.
    page.get_by_label(re.compile("vóór de aangekondigde tijd")).check()
    page.get_by_role("button", name="Sluiten en uitkomst publiceren").click()
    expect(page.get_by_text("De ronde is gesloten")).to_be_visible()
    page.goto(f"{live_server.url}/{school.slug}/besluiten/besluitenlijst/")
    entry = page.locator("article.log-entry", has_text="Dagelijks rekenen")
    expect(entry).to_be_visible()
    expect(entry.get_by_text("Besloten", exact=True)).to_be_visible()
    expect(entry.get_by_text("We oefenen elke dag tien minuten rekenen.")).to_be_visible()
    expect(entry.get_by_text("Bezwaar opgelost (versie 2)")).to_be_visible()
