"""Browser: from a gap recorded as training to an adopted plan; a member gives preferences."""

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


def test_gap_to_training_then_plan_with_expertise_one_round_pmr_and_adopted(
    live_server, page, login, work_school, leader, teacher_leader, member
):
    """The whole flow of issue 12: a gap recorded as training, a plan solved with expertise respected, put
    to the team, put again after a change (one open round), the round closed early in the open, PMR
    consent, adopted."""
    from gespreid.expertise.models import ExpertiseEntry
    from gespreid.priorities.models import Priority, Requirement

    year = work_school.current_year()
    ict_area = work_school.expertise_areas.get(key="ict-digitale-geletterdheid")
    ExpertiseEntry.objects.create(school=work_school, school_year=year, user=teacher_leader, area=ict_area, level=3)
    ExpertiseEntry.objects.create(
        school=work_school, school_year=year, user=member, area=ict_area, level=1, wants_growth=True, target_level=3
    )
    ict = Task.objects.get(school=work_school, name="ICT-coördinator")
    ict.expertise_level = 3
    ict.save()
    member.work_preferences.create(school_year=year, task=ict, choice="graag")
    priority = Priority.objects.create(school=work_school, title="Digitale geletterdheid", first_year=year)
    need = Requirement.objects.create(priority=priority, area=ict_area, min_level=3, people_needed=2)
    login(leader)
    # The gap: recorded as training for the member who wants to grow.
    page.goto(f"{live_server.url}/{work_school.slug}/speerpunten/{priority.pk}/")
    expect(page.get_by_text("kwetsbaar: rust op één persoon", exact=True)).to_be_visible()
    page.get_by_role("link", name=re.compile("Route kiezen")).click()
    page.get_by_role("radio", name="Opleiden").check()
    page.get_by_label(re.compile("^Wie \\(opleiden")).select_option(str(member.pk))
    page.get_by_role("button", name="Route vastleggen").click()
    expect(page.get_by_text("in ontwikkeling", exact=True)).to_be_visible()
    assert need.route.person == member
    # The plan: ICT goes to the colleague at level 3, not to the member who would like it.
    page.goto(f"{live_server.url}/{work_school.slug}/taken/plan/")
    page.get_by_role("button", name="Maak een voorstel").click()
    expect(page.get_by_text("Nieuw voorstel gemaakt")).to_be_visible()
    row = page.locator(f"#taak-{ict.pk}")
    expect(row.get_by_text(teacher_leader.name)).to_be_visible()
    expect(row.get_by_text(member.name)).to_have_count(0)
    # An assignment's buttons submit the one form outside the kept body (form= and formaction=, no JavaScript).
    row.get_by_role("button", name="Vastzetten").click()
    expect(row.get_by_role("button", name="Losmaken")).to_be_visible()
    assert Plan.objects.get(school=work_school).assignments.get(task=ict).pinned
    row.get_by_role("button", name="Losmaken").click()
    expect(row.get_by_role("button", name="Vastzetten")).to_be_visible()
    assert not Plan.objects.get(school=work_school).assignments.get(task=ict).pinned
    # Put to the team, back to concept with a reason, put again: one open round.
    page.get_by_role("button", name="Voorleggen aan het team").click()
    expect(page.get_by_text("Het plan ligt voor aan het team.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("reageer in de instemmingsronde"))).to_be_visible()
    page.get_by_label("Waarom?").fill("De BHV-uren kloppen niet")
    page.get_by_role("button", name="Terug naar concept").click()
    expect(page.get_by_text("Het plan is weer een concept.")).to_be_visible()
    page.get_by_label("Waarom?").fill("BHV-uren aangepast")
    page.get_by_role("button", name="Voorleggen aan het team").click()
    expect(page.get_by_text("Het plan ligt voor aan het team.")).to_be_visible()
    plan = Plan.objects.get(school=work_school)
    rounds = list(plan.consultation.rounds.all())
    assert len(rounds) == 2 and sum(1 for r in rounds if r.is_open()) == 1
    # Close the round early, in the open: the confirmation shows who responded.
    page.get_by_role("link", name=re.compile("Teamraadpleging nu sluiten")).click()
    expect(page.get_by_text("0 van de 2 gevraagden hebben gereageerd.")).to_be_visible()
    page.get_by_role("button", name="Ja, nu sluiten").click()
    expect(page.get_by_text("De teamraadpleging is vroeg gesloten; de uitkomst zegt dat.")).to_be_visible()
    # PMR consent and adoption.
    page.get_by_role("button", name="PMR-instemming vastleggen").click()
    expect(page.get_by_text("De instemming van de PMR is vastgelegd.")).to_be_visible()
    page.get_by_role("button", name="Plan vaststellen").click()
    expect(page.get_by_text("Het werkverdelingsplan is vastgesteld.")).to_be_visible()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ADOPTED
    assert plan.assignments.filter(task=ict, user=teacher_leader).exists()
    assert not any(r.is_open() for r in plan.consultation.rounds.all())


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


def test_plan_and_hours_tables_fit_at_1280_px(live_server, page, login, work_school, leader, member):
    """Every column of the plan's and the hours page's tables is visible at 1,280 px (no sideways scroll),
    with an over-budget warning that names the person."""
    big = Task.objects.create(school=work_school, name="Groot project", hours_per_person=Decimal("200"), headcount=1)
    plan = Plan.objects.create(school=work_school, school_year=work_school.current_year())
    plan.assignments.create(task=big, user=member, hours=big.hours_per_person, pinned=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    login(leader)
    for path in ("taken/plan/", "taken/uren/"):
        page.goto(f"{live_server.url}/{work_school.slug}/{path}")
        overflow = page.evaluate(
            "() => [...document.querySelectorAll('.table-wrap')].filter(w => w.scrollWidth > w.clientWidth + 1).length"
        )
        assert overflow == 0, path
    page.goto(f"{live_server.url}/{work_school.slug}/taken/plan/")
    expect(page.get_by_text(re.compile(f"{member.name} zit 24.0 uur boven de uren"))).to_be_visible()
