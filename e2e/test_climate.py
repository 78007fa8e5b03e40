"""Browser: colleagues answer the trust pulse on a phone; after two rounds the leader sees the trend."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from gespreid.climate import pulse
from gespreid.climate.models import Answer, Kind, Round
from gespreid.core.models import Membership

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "nl-NL"}


def _login(page, live_server, user, password="een-goed-wachtwoord-42"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def _round(school, leader, title):
    today = timezone.localdate()
    return pulse.create_round(
        leader,
        school,
        kind=Kind.PULSE,
        title=title,
        opens_on=today,
        closes_on=today + timedelta(days=7),
        statements=school.climate_statements.filter(kind=Kind.PULSE),
    )


def test_answer_on_a_phone_then_trend_after_two_rounds(live_server, browser, page, login, school, leader, make_member):
    colleagues = [make_member(school, f"Collega {n}") for n in ["Anna", "Bart", "Cem", "Dirk", "Eef"]]
    first = _round(school, leader, "Teampuls voorjaar")
    for person in colleagues:
        membership = Membership.objects.get(user=person, school=school)
        pulse.answer(first.pk, membership, {s.pk: (2, "") for s in first.statements.all()})
    pulse.close_round(leader, first)
    today = timezone.localdate()
    Round.objects.filter(pk=first.pk).update(opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=80))

    second = _round(school, leader, "Teampuls najaar")
    statements = list(second.statements.all())
    for person in colleagues:
        context = browser.new_context(**PHONE)
        phone = context.new_page()
        _login(phone, live_server, person)
        phone.goto(f"{live_server.url}/{school.slug}/")
        card = phone.locator("article.card", has_text="Hoe is het klimaat?")
        card.get_by_role("link", name="Teampuls najaar").tap()
        expect(phone.get_by_role("heading", name="Teampuls najaar")).to_be_visible()
        # Nothing sticks out sideways on a phone.
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        for s in statements:
            phone.locator(f"#id_score_{s.pk}_3").tap()  # 4 · mee eens
        phone.get_by_label("Toelichting (mag leeg blijven)").first.fill(f"Fijn team, zegt {person.name.split()[-1]}")
        phone.get_by_role("button", name="Anoniem versturen").tap()
        expect(phone.get_by_text("Je antwoord is anoniem opgeslagen")).to_be_visible()
        # While the round is open nobody sees any result, remarks included.
        expect(phone.get_by_text("Fijn team")).to_have_count(0)
        context.close()

    assert Answer.objects.filter(round=second).count() == 5 * len(statements)
    login(leader)
    page.goto(f"{live_server.url}/{school.slug}/klimaat/rondes/{second.pk}/")
    expect(page.get_by_text("5 van 6 collega's hebben meegedaan.")).to_be_visible()
    page.get_by_role("button", name="Ronde sluiten en uitkomst tonen").click()
    expect(page.get_by_role("heading", name="Uitkomst per stelling")).to_be_visible()
    expect(page.locator("svg.spread").first).to_be_visible()
    expect(page.get_by_text("Fijn team, zegt Anna", exact=False).first).to_be_attached()

    page.goto(f"{live_server.url}/{school.slug}/klimaat/")
    chart = page.locator("svg.trend")
    expect(chart).to_be_visible()
    assert chart.locator("polyline").count() == len(statements)
    expect(page.get_by_text(re.compile(r"hoger: van 2[,.]0 naar 4[,.]0")).first).to_be_visible()
