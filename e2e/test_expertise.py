"""Browser test: a teacher fills two areas and a growth wish; the leader sees them in the matrix and
the gap analysis, and a search finds the teacher."""

import pytest
from playwright.sync_api import expect

from gespreid.expertise.models import ExpertiseEntry
from gespreid.priorities.models import Priority, Requirement


@pytest.fixture
def lezen_priority(school, leader, year):
    priority = Priority.objects.create(school=school, title="Rekenen op maat", owner=leader, first_year=year)
    Requirement.objects.create(
        priority=priority, area=school.expertise_areas.get(key="rekenen-wiskunde"), min_level=3, people_needed=2
    )
    Requirement.objects.create(
        priority=priority, area=school.expertise_areas.get(key="coaching"), min_level=3, people_needed=1
    )
    return priority


def test_teacher_fills_profile_leader_sees_matrix_gaps_and_search(
    live_server, page, login, school, leader, member, year, lezen_priority
):
    base = f"{live_server.url}/{school.slug}"
    login(member)
    page.goto(f"{base}/expertise/profiel/")
    rekenen = page.locator(f"#vak-{school.expertise_areas.get(key='rekenen-wiskunde').id}")
    rekenen.get_by_label("Niveau voor Rekenen en wiskunde", exact=True).select_option("3")
    rekenen.get_by_label("Verworven via, voor Rekenen en wiskunde").select_option("cursus")
    rekenen.get_by_role("button", name="Opslaan Rekenen en wiskunde").click()
    expect(page.locator(f"#vak-{school.expertise_areas.get(key='rekenen-wiskunde').id} .saved")).to_have_text(
        "Opgeslagen"
    )

    # Second area with the keyboard only: choose a level, then Enter in the note field saves the row.
    engels_id = school.expertise_areas.get(key="engels").id
    page.get_by_label("Niveau voor Engels", exact=True).select_option("2")
    page.get_by_label("Toelichting bij Engels").fill("Half jaar in Londen")
    page.get_by_label("Toelichting bij Engels").press("Enter")
    expect(page.locator(f"#vak-{engels_id} .saved")).to_have_text("Opgeslagen")

    # A growth wish.
    coaching_id = school.expertise_areas.get(key="coaching").id
    page.get_by_label("Wil me ontwikkelen in Coachen").check()
    page.get_by_label("Gewenst niveau voor Coachen").select_option("3")
    page.get_by_role("button", name="Opslaan Coachen").click()
    expect(page.locator(f"#vak-{coaching_id} .saved")).to_have_text("Opgeslagen")
    assert page.url.endswith("/expertise/profiel/")  # htmx: no page load

    entries = {e.area.key: e for e in ExpertiseEntry.objects.filter(user=member).select_related("area")}
    assert entries["rekenen-wiskunde"].level == 3 and entries["engels"].acquired_note == "Half jaar in Londen"
    assert entries["coaching"].wants_growth and entries["coaching"].target_level == 3

    page.get_by_role("button", name="Uitloggen").click()
    login(leader)
    page.goto(f"{base}/expertise/")
    row = page.locator("table.matrix tr", has_text="Mila Lid")
    expect(row.locator("td.l3")).to_have_text("3")
    expect(row.locator("td.grow")).to_have_count(1)

    page.goto(f"{base}/speerpunten/{lezen_priority.id}/")
    rekenen_row = page.locator("table.gaps tr", has_text="Rekenen en wiskunde")
    expect(rekenen_row).to_contain_text("Mila Lid")
    expect(rekenen_row).to_contain_text("kwetsbaar")
    coaching_row = page.locator("table.gaps tr", has_text="Coachen")
    expect(coaching_row).to_contain_text("ontbreekt")
    expect(coaching_row).to_contain_text("opleiden")

    page.goto(f"{base}/expertise/zoeken/")
    page.get_by_label("Zoek op onderwerp").fill("wiskunde")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("section[aria-labelledby=resultaten] table")).to_contain_text("Mila Lid")


def test_profile_row_saves_without_javascript(live_server, browser, school, member, year):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(member.email)
    page.get_by_label("Wachtwoord").fill("een-goed-wachtwoord-42")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/{school.slug}/expertise/profiel/")
    page.get_by_label("Niveau voor Visie ontwikkelen", exact=True).select_option("4")
    page.get_by_role("button", name="Opslaan Visie ontwikkelen").click()
    expect(page.locator(".messages")).to_contain_text("Opgeslagen: Visie ontwikkelen.")
    assert ExpertiseEntry.objects.get(user=member, area__key="visie").level == 4
    context.close()
