"""Browser: the leader makes a proposal, pins one change, solves again and adopts the plan."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from gespreid.work.models import Budget, Plan, PlanStatus, Task


@pytest.fixture
def work_school(transactional_db, school, leader, teacher_leader, member):
    year = school.current_year()
    for user, fte, teaching in ((leader, "1.00", "0"), (teacher_leader, "1.00", "940"), (member, "0.80", "752")):
        Budget.objects.create(
            school=school, school_year=year, user=user, fte=Decimal(fte), teaching_hours=Decimal(teaching)
        )
    keep = {"BHV", "ICT-coördinator"}
    school.work_tasks.exclude(name__in=keep).update(retired_at="2020-01-01T00:00Z")
    return school


def test_leader_allocates_pins_resolves_and_adopts(live_server, page, login, work_school, leader, member):
    login(leader)
    page.goto(f"{live_server.url}/{work_school.slug}/taken/plan/")
    page.get_by_role("button", name="Maak een voorstel").click()
    expect(page.get_by_text("Nieuw voorstel gemaakt")).to_be_visible()
    expect(page.get_by_text("bewezen de beste verdeling")).to_be_visible()
    # Pin one change: put the member on the ICT task.
    ict = Task.objects.get(school=work_school, name="ICT-coördinator")
    page.get_by_label("Taak").select_option(str(ict.pk))
    page.get_by_label("Wie").select_option(str(member.pk))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Toegevoegd en vastgezet.")).to_be_visible()
    page.get_by_role("button", name="Opnieuw verdelen").click()
    expect(page.get_by_text("Nieuw voorstel gemaakt")).to_be_visible()
    row = page.locator(f"#taak-{ict.pk}")
    expect(row.get_by_text(member.name)).to_be_visible()
    expect(row.get_by_text("vastgezet", exact=True)).to_be_visible()
    # Workflow: team consultation → PMR consent → adopted.
    page.get_by_role("button", name="Voorleggen aan het team").click()
    expect(page.get_by_text("Het plan ligt voor aan het team.")).to_be_visible()
    # The team's consent round is open at once; the plan links to it.
    expect(page.get_by_role("link", name=re.compile("reageer in de instemmingsronde"))).to_be_visible()
    page.get_by_role("button", name="PMR-instemming vastleggen").click()
    expect(page.get_by_text("De instemming van de PMR is vastgelegd.")).to_be_visible()
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_text("Het werkverdelingsplan is vastgesteld.")).to_be_visible()
    plan = Plan.objects.get(school=work_school)
    assert plan.status == PlanStatus.ADOPTED
    assert plan.assignments.filter(task=ict, user=member, pinned=True).exists()
    assert plan.consultation is not None
    round_ = plan.consultation.rounds.get()
    assert round_.is_open() and round_.invitations.filter(user=member).exists()


def test_member_gives_preferences_and_sees_own_budget(live_server, page, login, work_school, member):
    login(member)
    page.goto(f"{live_server.url}/{work_school.slug}/taken/")
    expect(page.get_by_text("176,0").first).to_be_visible()  # 0.8 fte, 752 teaching hours → 176 h for tasks
    page.get_by_role("link", name="Mijn voorkeuren").first.click()
    bhv = Task.objects.get(school=work_school, name="BHV")
    page.locator(f"input[name='t{bhv.pk}'][value='graag']").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je voorkeuren zijn opgeslagen.")).to_be_visible()
    assert member.work_preferences.get(task=bhv).choice == "graag"
    # The plan is not shared yet: the member sees that it is still being made.
    page.goto(f"{live_server.url}/{work_school.slug}/taken/plan/")
    expect(page.get_by_text("De schoolleider werkt nog aan het voorstel.")).to_be_visible()
