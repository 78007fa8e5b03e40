"""Issue 12 in the database: expertise as a rule, hours per function, one consultation at a time,
budgets guarded, closing a round early in the open, a solve that is the same every time."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import Function, Notification
from gespreid.decisions import consent
from gespreid.decisions.models import Outcome, Response, Round
from gespreid.expertise.models import ExpertiseEntry
from gespreid.work import planning
from gespreid.work.models import Assignment, Budget, BudgetConfirmation, Plan, PlanStatus, Preference, Role, Task


def url(name, school, *args):
    return reverse(f"work:{name}", args=[school.slug, *args])


@pytest.fixture
def ict(school):
    return school.expertise_areas.get(key="ict-digitale-geletterdheid")


@pytest.fixture
def ict_school(school, year, leader, teacher_leader, member, budgets, ict):
    """Only an ICT task (level 3): the teacher leader has ICT level 3, the member none but says 'graag'."""
    Task.objects.filter(school=school).delete()
    task = Task.objects.create(
        school=school, name="ICT-coördinator", hours_per_person=Decimal("60"), headcount=1, expertise_level=3
    )
    task.areas.set([ict])
    ExpertiseEntry.objects.create(school=school, school_year=year, user=teacher_leader, area=ict, level=3)
    Preference.objects.create(school_year=year, user=member, task=task, choice="graag")
    Preference.objects.create(school_year=year, user=leader, task=task, choice="graag")
    Preference.objects.create(school_year=year, user=teacher_leader, task=task, choice="liever-niet")
    return task


# --- expertise as a rule ------------------------------------------------------------------------


def test_task_that_needs_expertise_goes_only_to_someone_at_its_level(school, year, leader, teacher_leader, ict_school):
    plan = planning.plan_for(school, year, create=True)
    planning.solve_plan(plan, leader, effort=0.2)
    assert list(plan.assignments.values_list("user_id", flat=True)) == [teacher_leader.pk]


def test_without_anyone_at_level_the_place_stays_open_with_the_reason(
    leader_client, school, year, leader, teacher_leader, ict_school
):
    ExpertiseEntry.objects.filter(user=teacher_leader).update(level=2)
    plan = planning.plan_for(school, year, create=True)
    planning.solve_plan(plan, leader, effort=0.2)
    assert not plan.assignments.exists()
    page = leader_client.get(url("plan-detail", school)).content.decode()
    assert "vraagt niveau 3 in ICT" in page and "leerplek" in page


def test_learning_place_takes_a_grower_and_names_the_supporter(
    leader_client, school, year, leader, teacher_leader, member, ict_school, ict
):
    ict_school.learning_place = True
    ict_school.save()
    ExpertiseEntry.objects.create(school=school, school_year=year, user=member, area=ict, level=1, wants_growth=True)
    plan = planning.plan_for(school, year, create=True)
    planning.solve_plan(plan, leader, effort=0.2)
    # The member's 'graag' and growth wish beat the teacher leader's 'liever niet' on a learning place.
    (a,) = plan.assignments.all()
    assert a.user == member
    page = leader_client.get(url("plan-detail", school)).content.decode()
    assert "met steun van Tim Trekker" in page


def test_the_same_plan_solved_twice_gives_the_same_distribution(school, year, leader, budgets):
    plan = planning.plan_for(school, year, create=True)
    planning.solve_plan(plan, leader, effort=0.3)
    first = sorted(plan.assignments.values_list("user_id", "task_id"))
    planning.solve_plan(plan, leader, effort=0.3)
    assert sorted(plan.assignments.values_list("user_id", "task_id")) == first and first


# --- hours per function -------------------------------------------------------------------------


def test_each_function_keeps_the_hours_of_its_core_work(school, year, make_member):
    assistant = make_member(school, "Olga Assistent", function=Function.ASSISTANT)
    ib = make_member(school, "Ida IB", function=Function.INTERNAL_SUPERVISOR, fte=Decimal("0.6"))
    rows = {r.user: r for r in planning.budget_rows(school, year, users=[assistant, ib])}
    # 1,659 − 40 (duurzame inzetbaarheid) − 83 (professionalisering) − 1,380 in the groups = 156.
    assert rows[assistant].split.core == Decimal("1380.0") and rows[assistant].split.tasks == Decimal("156.0")
    # 0.6 × (1,659 − 40 − 83 − 1,380) = 93.6
    assert rows[ib].split.tasks == Decimal("93.6")


def test_core_hours_per_person_need_a_reason(leader_client, school, year, make_member):
    assistant = make_member(school, "Olga Assistent", function=Function.ASSISTANT)
    page = leader_client.get(url("budget-edit", school, assistant.pk)).content.decode()
    assert 'name="core_hours"' in page and 'name="teaching_hours"' not in page  # no lesuren for an assistant
    data = {"fte": "1.00", "core_hours": "1200", "core_reason": "", "takes_tasks": "on"}
    response = leader_client.post(url("budget-edit", school, assistant.pk), data)
    assert response.status_code == 200 and "Geef een reden" in response.content.decode()
    data["core_reason"] = "Werkt twee middagen op kantoor"
    assert leader_client.post(url("budget-edit", school, assistant.pk), data).status_code == 302
    (row,) = planning.budget_rows(school, year, users=[assistant])
    assert row.split.core == Decimal("1200") and row.split.tasks == Decimal("336.0")


def test_directie_is_outside_the_distribution_unless_opted_in(client, school, year, leader):
    client.force_login(leader)
    page = client.get(url("preference-edit", school)).content.decode()
    assert "niet mee in de verdeling" in page
    (row,) = planning.budget_rows(school, year, users=[leader])
    assert not row.budget.takes_tasks and row.split.core == Decimal("1480.0")
    Budget.objects.create(school=school, school_year=year, user=leader, fte=1, takes_tasks=True)
    assert "niet mee in de verdeling" not in client.get(url("preference-edit", school)).content.decode()


# --- budgets guarded ----------------------------------------------------------------------------


def _role(school, holder, dagdelen, title="Rekenspecialist"):
    return Role(
        school=school, holder=holder, title=title, responsibilities="x", dagdelen=dagdelen, starts_on=date(2026, 8, 1)
    )


def test_role_over_budget_is_refused_with_person_cause_and_hours(leader_client, school, year, member, budgets):
    # The member has 176 task hours; 50 dagdelen × 4 h = 200 h is 24 h too many.
    data = {
        "title": "Rekenspecialist",
        "holder": member.pk,
        "kind": "formeel",
        "responsibilities": "Rekenen",
        "dagdelen": "50",
        "starts_on": year.starts_on.isoformat(),
    }
    page = leader_client.post(url("role-create", school), data).content.decode()
    assert "Mila Lid komt met de rol ‘Rekenspecialist’ 24.0 uur boven het budget" in page
    assert not Role.objects.filter(title="Rekenspecialist").exists()
    data["over_reason"] = "Tijdelijk, tot de nieuwe collega er is"
    assert leader_client.post(url("role-create", school), data).status_code == 302
    confirmation = BudgetConfirmation.objects.get(user=member)
    assert confirmation.hours_over == Decimal("24.0") and "Rekenspecialist" in confirmation.cause
    page = leader_client.get(url("plan-detail", school)).content.decode()
    assert "Tijdelijk, tot de nieuwe collega er is" in page and "bevestigd" in page


def test_the_over_budget_tag_names_its_cause_roles_or_tasks(leader_client, school, year, member, budgets):
    """Issue 20: a role that takes someone over the hours reads "te veel uren door rollen", not "te veel"."""
    _role(school, member, Decimal("50")).save()  # 200 h of role against 176 task hours
    plan_page = leader_client.get(url("plan-detail", school)).content.decode()
    hours_page = leader_client.get(url("budget-list", school)).content.decode()
    assert "te veel uren door rollen" in plan_page and "te veel uren door rollen (24,0 uur)" in hours_page
    assert "door taken" not in plan_page + hours_page
    Role.objects.all().delete()
    plan = planning.plan_for(school, year, create=True)
    big = Task.objects.create(school=school, name="Groot", hours_per_person=Decimal("200"), headcount=1)
    Assignment.objects.create(plan=plan, task=big, user=member, hours=big.hours_per_person, pinned=True)
    assert "te veel uren door taken" in leader_client.get(url("plan-detail", school)).content.decode()
    _role(school, member, Decimal("2")).save()
    assert "te veel uren door taken en rollen" in leader_client.get(url("budget-list", school)).content.decode()


def test_plan_cannot_go_to_the_team_while_someone_is_over_budget_unconfirmed(
    leader_client, school, year, member, budgets
):
    plan = planning.plan_for(school, year, create=True)
    big = Task.objects.create(school=school, name="Groot", hours_per_person=Decimal("200"), headcount=1)
    Assignment.objects.create(plan=plan, task=big, user=member, hours=big.hours_per_person, pinned=True)
    page = leader_client.post(url("plan-consult", school), follow=True).content.decode()
    assert "kan nog niet naar het team" in page and "Mila Lid (24.0 uur)" in page
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CONCEPT
    leader_client.post(url("plan-confirm-over", school), {"user": member.pk, "reason": "Afgesproken met Mila"})
    leader_client.post(url("plan-consult", school))
    assert Plan.objects.get(pk=plan.pk).status == PlanStatus.CONSULTATION


def test_confirm_over_needs_someone_over(leader_client, school, year, member, budgets):
    leader_client.post(url("plan-confirm-over", school), {"user": member.pk, "reason": "x"})
    assert not BudgetConfirmation.objects.exists()


def test_outsider_and_member_cannot_confirm_or_close(outsider_client, member_client, school, year, member):
    for name in ("plan-confirm-over", "plan-close-round", "plan-share", "plan-pmr"):
        assert outsider_client.post(url(name, school), {"user": member.pk, "reason": "x"}).status_code == 404
        assert member_client.post(url(name, school), {"user": member.pk, "reason": "x"}).status_code == 403


# --- one consultation at a time -----------------------------------------------------------------


def _ready_plan(school, year, leader, member):
    plan = planning.plan_for(school, year, create=True)
    task = Task.objects.create(school=school, name="BHV", hours_per_person=Decimal("16"), headcount=1)
    Assignment.objects.create(plan=plan, task=task, user=member, hours=16)
    return plan


def test_a_new_version_closes_the_earlier_round_and_tells_the_team_why(
    leader_client, school, year, leader, member, budgets
):
    plan = _ready_plan(school, year, leader, member)
    leader_client.post(url("plan-consult", school))
    plan.refresh_from_db()
    first = plan.consultation.rounds.get()
    leader_client.post(url("plan-reopen", school), {"why": "De BHV-uren kloppen niet"})
    leader_client.post(url("plan-consult", school), {"why": "BHV-uren aangepast"})
    plan.refresh_from_db()
    rounds = list(plan.consultation.rounds.order_by("opened_at"))
    assert [r.pk for r in rounds][0] == first.pk and len(rounds) == 2
    assert sum(1 for r in rounds if r.is_open()) == 1 and rounds[1].is_open()
    outcome = Outcome.objects.get(round=first)
    assert outcome.result == Outcome.NOT_DECIDED and "De BHV-uren kloppen niet" in outcome.decision_text
    assert plan.consultation.versions.count() == 2
    assert Notification.objects.filter(user=member, message__contains="Uitkomst").exists()
    # Everyone is asked once per version, not three times at once.
    assert Round.objects.filter(proposal__school=school, closed_at__isnull=True).count() == 1


def test_pmr_follows_a_closed_team_round(school, year, leader, member, budgets):
    plan = _ready_plan(school, year, leader, member)
    planning.start_consultation(plan, leader)
    with pytest.raises(planning.WorkflowError):
        planning.record_pmr_consent(plan, leader)
    round_ = plan.consultation.rounds.get()
    consent.close_round(round_.pk, None, now=round_.closes_at + timedelta(minutes=1))
    planning.record_pmr_consent(plan, leader)
    planning.adopt(plan, leader)
    assert plan.status == PlanStatus.ADOPTED


# --- closing early, in the open -----------------------------------------------------------------


def test_closing_early_shows_the_counts_and_the_outcome_says_so(
    leader_client, school, year, leader, teacher_leader, member, budgets
):
    plan = _ready_plan(school, year, leader, member)
    planning.start_consultation(plan, leader)
    round_ = plan.consultation.rounds.get()
    consent.respond(round_.pk, teacher_leader, kind=Response.CONSENT)
    page = leader_client.get(url("plan-close-round", school)).content.decode()
    assert "1 van de 2 gevraagden hebben gereageerd" in page and "Mila Lid" in page
    assert round_.__class__.objects.get(pk=round_.pk).closed_at is None  # GET changes nothing
    leader_client.post(url("plan-close-round", school))
    round_.refresh_from_db()
    outcome = Outcome.objects.get(round=round_)
    assert round_.closed_by == leader and round_.closed_at < round_.closes_at
    text = outcome.decision_text
    assert "Vroeg gesloten" in text and "Lea Leider" in text and "1 van de 2" in text
    assert "Niet gereageerd" in text and "Mila Lid" in text and "Tim Trekker" not in text.split("Niet gereageerd")[1]


def test_no_round_no_close_page(leader_client, school, year):
    response = leader_client.get(url("plan-close-round", school), follow=True)
    assert "Er loopt geen teamraadpleging" in response.content.decode()


def test_reopen_without_a_round_and_at_concept(school, year, leader):
    plan = planning.plan_for(school, year, create=True)
    with pytest.raises(planning.WorkflowError):
        planning.reopen(plan, leader)
    plan.status = PlanStatus.PMR
    plan.save()
    planning.reopen(plan, leader, "")
    assert plan.status == PlanStatus.CONCEPT and timezone.now()


def test_pinning_a_task_over_budget_is_refused_unless_confirmed(leader_client, school, year, member, budgets):
    big = Task.objects.create(school=school, name="Groot", hours_per_person=Decimal("200"), headcount=1)
    page = leader_client.post(url("assignment-add", school), {"task": big.pk, "user": member.pk}, follow=True)
    assert "Mila Lid komt met de taak ‘Groot’ 24.0 uur boven het budget" in page.content.decode()
    assert not Assignment.objects.filter(task=big).exists()
    leader_client.post(url("assignment-add", school), {"task": big.pk, "user": member.pk, "over_reason": "Afspraak"})
    assert Assignment.objects.filter(task=big, user=member, pinned=True).exists()
    assert BudgetConfirmation.objects.get(user=member).reason == "Afspraak"
    # The confirmed hours are room for the solver: the pin does not block solving.
    plan = Plan.objects.get(school_year=year)
    planning.solve_plan(plan, member, effort=0.2)
    plan.refresh_from_db()
    assert plan.solver_status in ("OPTIMAL", "FEASIBLE")
