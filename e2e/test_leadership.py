"""Browser: the leader gives a role, announces it; the holder agrees; the team sees it; a planned dagdeel
shows in the holder's hours."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from gespreid.work.models import Budget, Dagdeel, Role


@pytest.fixture
def lead_school(transactional_db, school, leader, teacher_leader, member):
    year = school.current_year()
    Budget.objects.create(
        school=school, school_year=year, user=teacher_leader, fte=Decimal("1.00"), teaching_hours=Decimal("900")
    )
    return school


def _login_in_new_context(page, live_server, user):
    context = page.context.browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    other = context.new_page()
    other.goto(f"{live_server.url}/accounts/login/")
    other.get_by_label("E-mailadres").fill(user.email)
    other.get_by_label("Wachtwoord").fill("een-goed-wachtwoord-42")
    other.get_by_role("button", name="Inloggen").click()
    other.wait_for_load_state()
    return context, other


def test_from_giving_a_role_to_its_announcement_and_a_dagdeel_in_the_hours(
    live_server, page, login, lead_school, leader, teacher_leader, member
):
    school = lead_school
    year = school.current_year()
    base = f"{live_server.url}/{school.slug}"
    # The leader gives Tim a role.
    login(leader)
    page.goto(f"{base}/taken/rollen/nieuw/")
    page.get_by_label(re.compile("^Rol")).fill("Leescoördinator")
    page.get_by_label("Wie").select_option(str(teacher_leader.pk))
    page.get_by_label("Wat doet deze rol?").fill("Bewaakt de doorgaande lijn lezen.")
    page.get_by_label("Wat mag deze rol beslissen?").fill("Kiest de aanpak met de werkgroep.")
    page.get_by_label("Gefaciliteerde dagdelen per jaar").fill("0")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Rol ‘Leescoördinator’ is opgeslagen.")).to_be_visible()
    role = Role.objects.get(title="Leescoördinator")
    # ...and writes the announcement for the team.
    page.locator(f"#rol-{role.pk}").get_by_role("link", name="Aankondigen aan het team").click()
    expect(page.get_by_label("Wat doet deze collega?")).to_have_value("Bewaakt de doorgaande lijn lezen.")
    page.get_by_label("Wanneer ga je naar deze collega?").fill("Je een vraag hebt over lezen.")
    page.get_by_role("button", name="Voorleggen en aankondigen").click()
    expect(page.get_by_text("leest de aankondiging eerst")).to_be_visible()

    # Tim reads it on his home page and agrees.
    tim_context, tim = _login_in_new_context(page, live_server, teacher_leader)
    tim.goto(f"{base}/")
    tim.get_by_role("link", name=re.compile("Lees de aankondiging van je rol")).first.click()
    expect(tim.get_by_text("Bewaakt de doorgaande lijn lezen.")).to_be_visible()
    tim.get_by_role("button", name="Akkoord, stuur naar het team").click()
    expect(tim.get_by_text("het team krijgt de aankondiging")).to_be_visible()

    # Mila, in the team, gets a notification and sees the card on her home page; the team page shows the role.
    mila_context, mila = _login_in_new_context(page, live_server, member)
    mila.goto(f"{base}/")
    expect(mila.get_by_text("Je een vraag hebt over lezen.")).to_be_visible()
    mila.goto(f"{base}/team/")
    expect(mila.locator("table.team-table")).to_contain_text("Leescoördinator")
    mila_context.close()

    # The leader plans a dagdeel for the role.
    page.goto(f"{base}/taken/rollen/")
    page.locator(f"#rol-{role.pk}").get_by_role("link", name="Dagdelen plannen").click()
    day = year.starts_on + timedelta(weeks=3)
    day -= timedelta(days=day.weekday())
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label(re.compile("^Dagdeel")).select_option("ochtend")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("Het dagdeel is gepland.")).to_be_visible()
    assert Dagdeel.objects.filter(user=teacher_leader, role=role).count() == 1
    # A second dagdeel in the same half-day: a clear Dutch error.
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label(re.compile("^Dagdeel")).select_option("ochtend")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("al een dagdeel")).to_be_visible()

    # Tim sees the dagdeel in his hours.
    tim.goto(f"{base}/taken/")
    row = tim.locator("table.split tr", has_text="Gebruikt voor rollen")
    expect(row).to_contain_text("4,0")
    tim.goto(f"{base}/taken/dagdelen/mijn/")
    expect(tim.get_by_text("Je rollen en werkgroepen tellen 4,0 uur in je taakbudget.")).to_be_visible()
    tim_context.close()
