"""Browser: a lead opens a readiness check-in, five colleagues answer privately, the grid appears."""

import re

import pytest
from playwright.sync_api import expect

from gespreid.groups.models import Group, GroupMember
from gespreid.innovations.models import CheckInAnswer, Trajectory


@pytest.fixture
def trajectory(school, year, teacher_leader):
    group = Group.objects.create(school=school, school_year=year, name="PLG Rekenen", kind="plg", lead=teacher_leader)
    GroupMember.objects.create(group=group, user=teacher_leader)
    return Trajectory.objects.create(
        school=school, title="Rekenmuur", group=group, lead=teacher_leader, phase="uitproberen"
    )


def test_lead_opens_check_in_five_answer_grid_appears(
    live_server, page, login, school, teacher_leader, trajectory, make_member
):
    colleagues = [make_member(school, f"Collega {n}") for n in ["Anna", "Bart", "Cem", "Dirk", "Eef"]]

    login(teacher_leader)
    page.goto(f"{live_server.url}/{school.slug}/innovaties/{trajectory.pk}/")
    page.get_by_role("button", name="Check-in openen").click()  # a link styled as a button
    page.get_by_label("Waar gaat de check-in over?").fill("Hoe staan we ervoor met de rekenmuur?")
    page.get_by_role("button", name="Check-in openen").click()
    expect(page.get_by_role("heading", name="Hoe staan we ervoor met de rekenmuur?")).to_be_visible()
    detail_url = page.url

    scores = [(5, 4), (4, 2), (4, 2), (2, 3), (3, 5)]
    for person, (willing, able) in zip(colleagues, scores, strict=True):
        page.context.clear_cookies()
        login(person)
        page.goto(f"{live_server.url}/{school.slug}/")
        card = page.locator("article.card", has_text="Check-in: hoe sta jij erin?")
        card.get_by_role("link", name="Hoe staan we ervoor met de rekenmuur?").click()
        page.locator(f"#id_willing_{willing - 1}").check()
        page.locator(f"#id_able_{able - 1}").check()
        page.get_by_label("Samen doen").check()
        page.get_by_label("Opmerking (mag leeg)").fill(f"Opmerking van {person.name.split()[-1]}")
        page.get_by_role("button", name="Versturen").click()
        expect(page.get_by_text("Dank je wel!")).to_be_visible()
        # Before the check-in closes nobody sees any totals.
        expect(page.locator("table.readiness-grid")).to_have_count(0)

    assert CheckInAnswer.objects.count() == 5
    page.context.clear_cookies()
    login(teacher_leader)
    page.goto(detail_url)
    expect(page.get_by_text(re.compile(r"5 van \d+ teamleden hebben geantwoord"))).to_be_visible()
    page.get_by_role("button", name="Check-in sluiten en uitkomst tonen").click()
    grid = page.locator("table.readiness-grid")
    expect(grid).to_be_visible()
    counts = [int(t) for t in grid.locator("td.cell").all_inner_texts() if t.strip()]
    assert sum(counts) == 5 and sorted(counts) == [1, 1, 1, 2]  # (4,2) twice
    expect(page.get_by_text("Samen doen")).to_be_visible()
    # Remarks without names, alphabetically.
    remarks = page.locator("ul.remarks li").all_inner_texts()
    assert remarks == sorted(remarks, key=str.casefold) and len(remarks) == 5
    for person in colleagues:
        expect(page.get_by_text(person.name, exact=True)).to_have_count(0)
