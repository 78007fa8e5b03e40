import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gespreid.core.models import AuditEntry, Notification
from gespreid.decisions.models import Proposal
from gespreid.work import planning
from gespreid.work.models import Assignment, Budget, Exclusion, Plan, PlanStatus, Preference, Role, Task


def url(name, school, *args):
    return reverse(f"work:{name}", args=[school.slug, *args])


@pytest.fixture
def tasks(school):
    a = Task.objects.create(school=school, name="BHV", hours_per_person=Decimal("16"), headcount=2)
    b = Task.objects.create(school=school, name="ICT-coördinator", hours_per_person=Decimal("60"), headcount=1)
    return [a, b]


# --- pages every member sees ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["overview", "task-list", "preference-edit", "role-list", "plan-detail"])
def test_member_pages(member_client, school, year, name, budgets, tasks):
    response = member_client.get(url(name, school))
    assert response.status_code == 200


def test_overview_shows_own_budget(member_client, school, budgets):
    response = member_client.get(url("overview", school))
    assert "176,0" in response.content.decode()  # 0.8 fte, 752 teaching hours


def test_new_school_gets_default_tasks(school):
    names = set(school.work_tasks.values_list("name", flat=True))
    assert {"ICT-coördinator", "BHV", "Opleider in de school", "Cultuurcoördinator"} <= names
    ict = school.work_tasks.get(name="ICT-coördinator")
    assert ict.areas.filter(key="ict-digitale-geletterdheid").exists()


@pytest.mark.parametrize("name", ["budget-list", "settings-edit", "task-create"])
def test_leader_only_pages(leader_client, member_client, tl_client, school, year, name):
    assert leader_client.get(url(name, school)).status_code == 200
    assert member_client.get(url(name, school)).status_code == 403
    assert tl_client.get(url(name, school)).status_code == 403


def test_budget_list_query_count_is_constant(leader_client, school, year, make_member, django_assert_max_num_queries):
    for i in range(30):
        user = make_member(school, f"Extra {i}")
        Budget.objects.create(
            school=school, school_year=year, user=user, fte=Decimal("1"), teaching_hours=Decimal("900")
        )
        Role.objects.create(
            school=school, holder=user, title="r", responsibilities="x", dagdelen=2, starts_on=year.starts_on
        )
    with django_assert_max_num_queries(17):  # +2: planned dagdelen and groups (facilitation.py), constant
        assert leader_client.get(url("budget-list", school)).status_code == 200


def test_budget_list_filters_by_bouw_and_shows_group_and_bouw(leader_client, school, year, make_member):
    onder = make_member(school, "Olga Onder", class_group="1/2", bouw="onderbouw")
    boven = make_member(school, "Bram Boven", class_group="7", bouw="bovenbouw")
    for user in (onder, boven):
        Budget.objects.create(
            school=school, school_year=year, user=user, fte=Decimal("1"), teaching_hours=Decimal("900")
        )
    everyone = leader_client.get(url("budget-list", school)).content.decode()
    assert "Olga Onder" in everyone and "Bram Boven" in everyone and "groep 1/2 · Onderbouw" in everyone
    onderbouw = leader_client.get(url("budget-list", school) + "?bouw=onderbouw").content.decode()
    assert "Olga Onder" in onderbouw and "Bram Boven" not in onderbouw
    assert '<option value="onderbouw" selected>' in onderbouw
    # A bouw that does not exist shows everyone, never an error.
    odd = leader_client.get(url("budget-list", school) + "?bouw=%00kleuter")
    assert odd.status_code == 200 and "Bram Boven" in odd.content.decode()


def test_leader_sets_teaching_hours(leader_client, school, year, member):
    response = leader_client.post(
        url("budget-edit", school, member.pk), {"fte": "0.80", "teaching_hours": "752", "note": ""}
    )
    assert response.status_code == 302
    budget = Budget.objects.get(user=member, school_year=year)
    assert budget.teaching_hours == Decimal("752")
    assert AuditEntry.objects.filter(action="work.budget_saved").exists()


def test_budget_bad_input_is_a_form_error(leader_client, school, year, member):
    response = leader_client.post(url("budget-edit", school, member.pk), {"fte": "3", "teaching_hours": "-5"})
    assert response.status_code == 200 and b"error" in response.content
    assert not Budget.objects.exists()


def test_teaching_above_max_warns(leader_client, school, year, member):
    leader_client.post(url("budget-edit", school, member.pk), {"fte": "0.50", "teaching_hours": "480"})
    response = leader_client.get(url("budget-list", school))
    assert "boven maximum lesuren" in response.content.decode()


def test_budget_edit_of_outsider_person_is_404(leader_client, school, year, outsider):
    assert leader_client.get(url("budget-edit", school, outsider.pk)).status_code == 404


def test_settings_school_and_board(leader_client, school, leader):
    school.memberships.filter(user=leader).update(is_admin=True)
    response = leader_client.post(
        url("settings-edit", school),
        {
            "school-preparation_percent": "35",
            "school-hours_per_dagdeel": "4",
            "cao-annual_per_fte": "1659",
            "cao-max_teaching_per_fte": "940",
            "cao-employability_per_fte": "40",
            "cao-senior_extra_per_fte": "130",
            "cao-starter_extra_per_fte": "40",
            "cao-development_per_fte": "80",
            "cao-assistant_core_per_fte": "1300",
            "cao-ib_core_per_fte": "1380",
            "cao-specialist_core_per_fte": "1300",
            "cao-director_core_per_fte": "1480",
            "cao-support_core_per_fte": "1450",
        },
    )
    assert response.status_code == 302
    assert school.work_settings.preparation_percent == Decimal("35")
    assert school.board.cao_settings.development_per_fte == Decimal("80")
    assert school.board.cao_settings.rules().core_for("onderwijsassistent", 1) == Decimal("1300")


# --- tasks --------------------------------------------------------------------------------------


def test_leader_adds_and_retires_a_task_keeping_history(leader_client, school, year, plan, member):
    response = leader_client.post(
        url("task-create", school),
        {"name": "Schooltuin", "hours_per_person": "10", "headcount": "2", "expertise_level": "2"},
    )
    assert response.status_code == 302
    task = Task.objects.get(name="Schooltuin")
    old = Plan.objects.create(
        school=school,
        school_year=year.previous()
        or year.__class__.objects.create(
            school=school,
            starts_on=year.starts_on.replace(year=year.starts_on.year - 1),
            ends_on=year.ends_on.replace(year=year.ends_on.year - 1),
        ),
        status=PlanStatus.ADOPTED,
    )
    Assignment.objects.create(plan=old, task=task, user=member, hours=10)
    Assignment.objects.create(plan=plan, task=task, user=member, hours=10)
    response = leader_client.post(url("task-retire", school, task.pk), {"reason": "Dient geen speerpunt meer"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.retired_at and Task.objects.filter(pk=task.pk).exists()
    assert old.assignments.filter(task=task).exists()  # history kept
    assert not plan.assignments.filter(task=task).exists()  # concept dropped it
    page = leader_client.get(url("task-list", school)).content.decode()
    assert "Opgeruimde taken" in page and "Dient geen speerpunt meer" in page
    leader_client.post(url("task-restore", school, task.pk))
    task.refresh_from_db()
    assert task.retired_at is None


def test_member_cannot_change_tasks(member_client, school, tasks):
    assert (
        member_client.post(
            url("task-edit", school, tasks[0].pk), {"name": "x", "hours_per_person": "1", "headcount": "1"}
        ).status_code
        == 403
    )
    assert member_client.post(url("task-retire", school, tasks[0].pk)).status_code == 403


def test_task_bad_input(leader_client, school):
    response = leader_client.post(
        url("task-create", school), {"name": "x" * 200, "hours_per_person": "abc", "headcount": "0"}
    )
    assert response.status_code == 200
    assert not Task.objects.filter(name__startswith="xxx").exists()


def test_task_of_other_school_is_404(leader_client, school, other_school):
    foreign = other_school.work_tasks.first()
    assert leader_client.get(url("task-edit", school, foreign.pk)).status_code == 404
    assert leader_client.post(url("task-retire", school, foreign.pk)).status_code == 404


def test_task_list_query_count_is_constant(member_client, school, django_assert_max_num_queries):
    for i in range(40):
        Task.objects.create(school=school, name=f"Extra {i}", hours_per_person=5, headcount=1)
    with django_assert_max_num_queries(12):
        assert member_client.get(url("task-list", school)).status_code == 200


# --- preferences ---------------------------------------------------------------------------------


def test_member_saves_own_preferences(member_client, member, school, year, tasks):
    response = member_client.post(
        url("preference-edit", school), {f"t{tasks[0].pk}": "graag", f"t{tasks[1].pk}": "liever-niet"}
    )
    assert response.status_code == 302
    assert dict(Preference.objects.filter(user=member).values_list("task_id", "choice")) == {
        tasks[0].pk: "graag",
        tasks[1].pk: "liever-niet",
    }
    member_client.post(url("preference-edit", school), {f"t{tasks[0].pk}": ""})
    assert not Preference.objects.filter(user=member, task=tasks[0]).exists()


def test_preferences_cannot_be_set_for_someone_else(member_client, member, leader, school, year, tasks):
    member_client.post(url("preference-edit", school), {f"t{tasks[0].pk}": "graag", "user": leader.pk})
    assert not Preference.objects.filter(user=leader).exists()


def test_preference_bad_choice_is_rejected(member_client, school, year, tasks):
    response = member_client.post(url("preference-edit", school), {f"t{tasks[0].pk}": "altijd"})
    assert response.status_code == 200 and not Preference.objects.exists()


# --- roles --------------------------------------------------------------------------------------


def role_data(holder, **extra):
    return {
        "title": "Rekencoördinator",
        "holder": holder.pk,
        "kind": "formeel",
        "responsibilities": "Bewaakt de rekenlijn",
        "authorities": "Kiest de rekenmethode",
        "when_to_ask": "Vragen over rekenen",
        "dagdelen": "10",
        "starts_on": "2020-08-01",
        "salary_scale": "L11",
        **extra,
    }


def test_leader_creates_role_shown_on_wie_doet_wat(leader_client, member_client, school, year, teacher_leader):
    data = role_data(teacher_leader, starts_on=year.starts_on.isoformat())
    assert leader_client.post(url("role-create", school), data).status_code == 302
    role = Role.objects.get(responsibilities="Bewaakt de rekenlijn")
    assert role.hours(Decimal("4")) == Decimal("40.0")
    assert Notification.objects.filter(user=teacher_leader).exists()
    page = member_client.get(url("role-list", school)).content.decode()
    assert "Rekencoördinator" in page and "Kiest de rekenmethode" in page and "L11" in page and "40,0" in page


def test_role_counts_against_budget(school, year, teacher_leader, budgets):
    Role.objects.create(
        school=school,
        holder=teacher_leader,
        title="Leescoördinator",
        responsibilities="x",
        dagdelen=5,
        starts_on=year.starts_on,
    )
    row = planning.budget_rows(school, year, users=[teacher_leader])[0]
    assert row.role_hours == Decimal("20.0") and row.left == Decimal("200.0")


def test_role_dates_and_holder_validated(leader_client, school, year, outsider, teacher_leader):
    created = Role.objects.filter(responsibilities="Bewaakt de rekenlijn")
    response = leader_client.post(url("role-create", school), role_data(outsider))
    assert response.status_code == 200 and not created.exists()
    response = leader_client.post(url("role-create", school), role_data(teacher_leader, ends_on="2019-01-01"))
    assert response.status_code == 200 and not created.exists()


def test_member_cannot_create_or_delete_roles(member_client, school, teacher_leader, year):
    role = Role.objects.create(
        school=school, holder=teacher_leader, title="x", responsibilities="x", starts_on=year.starts_on
    )
    assert member_client.post(url("role-create", school), role_data(teacher_leader)).status_code == 403
    assert member_client.post(url("role-delete", school, role.pk)).status_code == 403
    assert Role.objects.filter(pk=role.pk).exists()


def test_role_of_other_school_is_404(leader_client, school, other_school, outsider):
    from datetime import date

    role = Role.objects.create(
        school=other_school, holder=outsider, title="x", responsibilities="x", starts_on=date(2020, 1, 1)
    )
    assert leader_client.get(url("role-edit", school, role.pk)).status_code == 404


# --- allocation and plan --------------------------------------------------------------------------


def only(tasks_to_keep, school):
    school.work_tasks.exclude(pk__in=[t.pk for t in tasks_to_keep]).update(retired_at="2020-01-01T00:00Z")


def test_leader_runs_allocation_pins_and_resolves(leader_client, school, year, budgets, tasks, member):
    only(tasks, school)
    assert leader_client.post(url("plan-solve", school)).status_code == 302
    plan = Plan.objects.get(school_year=year)
    assert plan.solver_status == "OPTIMAL"
    assert plan.assignments.count() == 3
    page = leader_client.get(url("plan-detail", school)).content.decode()
    assert "bewezen de beste verdeling" in page
    # The leader puts the member on ICT; that pin survives a re-solve.
    ict = tasks[1]
    leader_client.post(url("assignment-add", school), {"task": ict.pk, "user": member.pk})
    leader_client.post(url("plan-solve", school))
    assert plan.assignments.filter(task=ict, user=member, pinned=True).exists()
    assert plan.assignments.filter(task=ict).count() == 1
    # Exclude someone from BHV: the solver does not bring them back.
    bhv = plan.assignments.filter(task=tasks[0]).first()
    leader_client.post(url("assignment-remove", school, bhv.pk), {"exclude": "1"})
    leader_client.post(url("plan-solve", school))
    assert not plan.assignments.filter(task=tasks[0], user=bhv.user).exists()
    assert Exclusion.objects.filter(plan=plan, user=bhv.user).exists()


def test_infeasible_input_is_explained_not_crashing(leader_client, school, year, budgets, member):
    only([], school)
    huge = Task.objects.create(school=school, name="Enorm", hours_per_person=Decimal("500"), headcount=3)
    response = leader_client.post(url("plan-solve", school), follow=True)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enorm" in page and "te weinig" in page
    # A pin above someone's budget blocks solving, with the reason.
    plan = Plan.objects.get(school_year=year)
    Assignment.objects.create(plan=plan, task=huge, user=member, hours=huge.hours_per_person, pinned=True)
    page = leader_client.post(url("plan-solve", school), follow=True).content.decode()
    assert "te veel" in page and Plan.objects.get(pk=plan.pk).solver_status == "INFEASIBLE"


def test_member_sees_proposal_only_after_sharing(member_client, leader_client, school, year, budgets, tasks, member):
    only(tasks, school)
    leader_client.post(url("plan-solve", school))
    assert "nog aan het voorstel" in member_client.get(url("plan-detail", school)).content.decode()
    leader_client.post(url("plan-share", school))
    page = member_client.get(url("plan-detail", school)).content.decode()
    assert "BHV" in page and "Dit is een concept" in page
    assert Notification.objects.filter(user=member).exists()


def test_member_may_not_allocate_or_change_the_plan(member_client, school, year, budgets, tasks, plan, member):
    a = Assignment.objects.create(plan=plan, task=tasks[0], user=member, hours=16)
    for name, args, data in [
        ("plan-solve", [], {}),
        ("assignment-add", [], {"task": tasks[0].pk, "user": member.pk}),
        ("assignment-pin", [a.pk], {"pinned": "1"}),
        ("assignment-remove", [a.pk], {}),
        ("plan-adopt", [], {}),
        ("plan-consult", [], {}),
        ("plan-reopen", [], {}),
        ("plan-confirm-over", [], {"user": member.pk, "reason": "x"}),
        ("plan-text", [], {"funds_text": "x"}),
    ]:
        assert member_client.post(url(name, school, *args), data).status_code == 403, name
    a.refresh_from_db()
    assert not a.pinned and plan.status == PlanStatus.CONCEPT


def test_workflow_to_adopted_with_consultation_proposal(leader_client, school, year, budgets, tasks, leader):
    only(tasks, school)
    leader_client.post(url("plan-solve", school))
    leader_client.post(
        url("plan-text", school),
        {"funds_text": "Extra onderwijsassistent", "breaks_text": "Pauze 12.00-12.30", "other_text": ""},
    )
    # Skipping steps is refused.
    leader_client.post(url("plan-adopt", school))
    plan = Plan.objects.get(school_year=year)
    assert plan.status == PlanStatus.CONCEPT
    leader_client.post(url("plan-consult", school))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION and plan.consultation.author == leader
    assert Proposal.objects.filter(school=school, title__startswith="Werkverdelingsplan").count() == 1
    # Changes are locked outside concept.
    leader_client.post(url("plan-solve", school))
    # The PMR consents to the version the team saw: not while the team's round is still open.
    leader_client.post(url("plan-pmr", school), {"on": "2026-06-01"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION
    page = leader_client.get(url("plan-close-round", school)).content.decode()
    assert "0 van de" in page and "niet gereageerd" in page
    leader_client.post(url("plan-close-round", school))
    leader_client.post(url("plan-pmr", school), {"on": "2026-06-01"})
    leader_client.post(url("plan-adopt", school), {"on": "2026-06-15"})
    plan.refresh_from_db()
    assert (
        plan.status == PlanStatus.ADOPTED
        and str(plan.pmr_consent_on) == "2026-06-01"
        and str(plan.adopted_on) == "2026-06-15"
    )
    assert AuditEntry.objects.filter(action="work.plan_adopted").exists()


def test_consultation_opens_a_consent_round_for_the_whole_team(
    leader_client, member_client, school, year, budgets, tasks, leader, teacher_leader, member
):
    from gespreid.core.models import Membership
    from gespreid.decisions import consent
    from gespreid.decisions.models import Response, Round

    only(tasks, school)
    leader_client.post(url("plan-solve", school))
    leader_client.post(url("plan-consult", school))
    plan = Plan.objects.get(school_year=year)
    assert plan.status == PlanStatus.CONSULTATION
    rounds = list(plan.consultation.rounds.all())
    assert len(rounds) == 1
    round_ = rounds[0]
    assert round_.kind == Round.CONSENT and round_.audience == Round.TEAM and round_.is_open()
    # Everyone in the team is asked at once; the leader proposes, so is not asked in their own round.
    team = set(Membership.objects.filter(school=school, is_active=True).values_list("user_id", flat=True))
    asked = set(round_.invitations.values_list("user_id", flat=True))
    assert asked == team - {leader.pk} and {member.pk, teacher_leader.pk} <= asked
    assert Notification.objects.filter(user=member, url__contains=f"/{plan.consultation_id}/").exists()
    # The plan page links to the round; a member can respond straight away.
    page = member_client.get(url("plan-detail", school)).content.decode()
    assert f"/{plan.consultation_id}/#reageren" in page
    consent.respond(round_.pk, member, kind=Response.CONSENT)
    assert round_.responses.filter(user=member, kind=Response.CONSENT).exists()


def test_consultation_without_anyone_to_ask_changes_nothing(school, year, leader):
    from gespreid.core.models import Membership

    Membership.objects.filter(school=school).exclude(user=leader).update(is_active=False)
    plan = planning.plan_for(school, year, create=True)
    task = Task.objects.create(school=school, name="X", hours_per_person=Decimal("5"), headcount=1)
    Assignment.objects.create(plan=plan, task=task, user=leader, hours=5)
    with pytest.raises(planning.WorkflowError):
        planning.start_consultation(plan, leader)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONCEPT and plan.consultation is None
    assert not Proposal.objects.filter(school=school).exists()


def test_plan_step_bad_input(leader_client, school, year):
    response = leader_client.post(url("plan-pmr", school), {"on": "gisteren"}, follow=True)
    assert response.status_code == 200 and "klopt niet" in response.content.decode()


def test_export_and_print(leader_client, school, year, budgets, tasks):
    only(tasks, school)
    leader_client.post(url("plan-solve", school))
    leader_client.post(
        url("plan-text", school), {"funds_text": "Onderwijsassistent groep 3", "breaks_text": "", "other_text": ""}
    )
    response = leader_client.get(url("plan-export", school))
    assert response.status_code == 200
    from io import BytesIO

    wb = load_workbook(BytesIO(response.content))
    assert wb.worksheets[0]["A2"].value == "BHV"
    assert wb.worksheets[2]["B3"].value == "Onderwijsassistent groep 3"
    assert "BHV" in leader_client.get(url("plan-print", school)).content.decode()


def test_export_hidden_from_members_before_sharing(member_client, leader_client, school, year, budgets, tasks):
    only(tasks, school)
    leader_client.post(url("plan-solve", school))
    assert member_client.get(url("plan-export", school)).status_code == 404


def test_assignment_of_other_school_is_404(leader_client, school, other_school, outsider, year):
    other_plan = Plan.objects.create(school=other_school, school_year=other_school.current_year())
    a = Assignment.objects.create(plan=other_plan, task=other_school.work_tasks.first(), user=outsider, hours=1)
    assert leader_client.post(url("assignment-pin", school, a.pk), {"pinned": "1"}).status_code == 404


def test_plan_detail_query_count_is_constant(
    leader_client, school, year, make_member, plan, django_assert_max_num_queries
):
    task = school.work_tasks.first()
    for i in range(25):
        user = make_member(school, f"Extra {i}")
        Assignment.objects.create(
            plan=plan, task=task, user=user, hours=1, parts=[["affinity", 8, {"choice": "graag"}]]
        )
    # Cold: +1 planned dagdelen and groups in the budget (facilitation.py); +3 the header's school year, unread
    # count and school count (core.school_cache, cold after the writes above); -1 the plan's school year. Constant.
    with django_assert_max_num_queries(24):
        assert leader_client.get(url("plan-detail", school)).status_code == 200
    with django_assert_max_num_queries(3):  # warm (test_plan_cache.py): session, user, membership
        assert leader_client.get(url("plan-detail", school)).status_code == 200


def test_home_cards(leader_client, member_client, school, year, budgets):
    page = leader_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Mijn taken en uren" in page and "Werkverdelingsplan" in page
    page = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Mijn taken en uren" in page and "Nog geen werkverdelingsplan" not in page


def test_reasons_are_private_to_the_person_and_the_leader(
    member_client, tl_client, leader_client, school, year, plan, member, teacher_leader
):
    task = school.work_tasks.get(name="BHV")
    Assignment.objects.create(
        plan=plan, task=task, user=member, hours=16, parts=[["affinity", -10, {"choice": "liever-niet"}]]
    )
    plan.shared_at = "2026-01-01T00:00Z"
    plan.save()
    assert "liever niet" in member_client.get(url("plan-detail", school)).content.decode()
    assert "liever niet" in leader_client.get(url("plan-detail", school)).content.decode()
    page = tl_client.get(url("plan-detail", school)).content.decode()
    assert member.name in page and "liever niet" not in page


def test_people_outside_the_pool_get_no_tasks_but_can_be_pinned(
    leader_client, school, year, budgets, tasks, leader, member
):
    only(tasks, school)
    Budget.objects.filter(user=leader).update(takes_tasks=False)
    leader_client.post(url("plan-solve", school))
    plan = Plan.objects.get(school_year=year)
    assert plan.assignments.count() == 3 and not plan.assignments.filter(user=leader).exists()
    # The directie's core work leaves 56 h; the 60 h ICT task needs the leader's reason.
    leader_client.post(url("assignment-add", school), {"task": tasks[1].pk, "user": leader.pk})
    assert not plan.assignments.filter(user=leader).exists()
    leader_client.post(
        url("assignment-add", school), {"task": tasks[1].pk, "user": leader.pk, "over_reason": "Dit jaar nog"}
    )
    leader_client.post(url("plan-solve", school))
    assert plan.assignments.filter(user=leader, task=tasks[1], pinned=True).exists()
    assert plan.assignments.filter(task=tasks[1]).count() == 1


def test_director_without_budget_is_outside_the_pool(school, year, leader):
    row = next(r for r in planning.budget_rows(school, year) if r.user == leader)
    assert row.budget.takes_tasks is False


def test_role_list_query_count_is_constant(
    member_client, school, year, make_member, plan, django_assert_max_num_queries
):
    task = school.work_tasks.first()
    for i in range(25):
        user = make_member(school, f"Rol {i}")
        Role.objects.create(
            school=school, holder=user, title=f"Rol {i}", responsibilities="x", dagdelen=1, starts_on=year.starts_on
        )
        Assignment.objects.create(plan=plan, task=task, user=user, hours=1)
    plan.shared_at = "2026-01-01T00:00Z"
    plan.save()
    with django_assert_max_num_queries(12):
        page = member_client.get(url("role-list", school)).content.decode()
    assert "Rol 24" in page


def test_export_writes_names_and_texts_that_look_like_formulas_as_text(
    leader_client, school, year, budgets, tasks, member
):
    """Issue 13.9: a task, a person or a plan text starting with = runs for nobody who opens the file."""
    from gespreid.core.tests.test_exports import EVIL, formula_cells

    only(tasks, school)
    tasks[0].name = EVIL[0]
    tasks[0].save()
    type(member).objects.filter(pk=member.pk).update(name="=1+1")
    leader_client.post(url("plan-solve", school))
    leader_client.post(url("plan-text", school), {"funds_text": "@SUM(A1)", "breaks_text": "-2", "other_text": "+3"})
    response = leader_client.get(url("plan-export", school))
    assert response.status_code == 200
    assert formula_cells(response.content) == []
    wb = load_workbook(BytesIO(response.content))
    assert wb.worksheets[0]["A2"].value == EVIL[0]
    assert wb.worksheets[2]["B3"].value == "@SUM(A1)"


# --- the plan folds on a phone ----------------------------------------------------------------------


def test_the_plan_folds_into_sections_and_the_print_page_does_not(
    leader_client, member_client, school, year, budgets, tasks, plan
):
    page = leader_client.get(url("plan-detail", school)).content.decode()
    folds = re.findall(r'<details class="fold[^"]*"( open)?>\s*<summary><h2[^>]*>(.*?)</h2></summary>', page)
    titles = [title for _open, title in folds]
    assert titles[:3] == ["Verdelen", "Taken en wie ze doet", "Uren per persoon"]
    assert {"Werkdrukmiddelen", "Pauzes", "Teksten van het plan", "Volgende stap"} <= set(titles)
    assert not any(is_open for is_open, _title in folds)  # nothing needs attention: all folded on a phone
    # A member of the team, once the plan is shared, gets the same sections (without the leader's own).
    plan.shared_at = timezone.now()
    plan.save(update_fields=["shared_at"])
    member_page = member_client.get(url("plan-detail", school)).content.decode()
    member_titles = re.findall(r'<details class="fold[^"]*">\s*<summary><h2[^>]*>(.*?)</h2></summary>', member_page)
    assert member_titles[:2] == ["Taken en wie ze doet", "Uren per persoon"] and "Verdelen" not in member_titles
    printed = leader_client.get(url("plan-print", school)).content.decode()
    assert "Taken en wie ze doet" in printed and 'class="fold' not in printed


def test_the_plan_keeps_what_does_not_fit_open(leader_client, school, year, budgets, member, plan):
    big = Task.objects.create(school=school, name="Groot project", hours_per_person=Decimal("200"), headcount=1)
    plan.assignments.create(task=big, user=member, hours=big.hours_per_person, pinned=True)
    page = leader_client.get(url("plan-detail", school)).content.decode()
    assert re.search(r'<details class="fold no-print" open>\s*<summary><h2 id="verdelen">', page)
    assert "uur boven de uren" in page


# --- the new-task form: the two lists of areas are searchable choices, still plain checkboxes -------


def test_new_task_form_lists_the_areas_as_checkboxes_with_a_search_box(leader_client, school):
    from lxml import html as lxml_html

    page = lxml_html.fromstring(leader_client.get(url("task-create", school)).content)
    areas = school.expertise_areas.filter(retired_at__isnull=True).count()
    assert areas > 8  # a list long enough to need the search
    for name in ("areas", "growth_areas"):
        (fieldset,) = page.xpath(f'//fieldset[@data-choice-list][.//input[@name="{name}"]]')
        assert len(fieldset.xpath(f'.//input[@type="checkbox"][@name="{name}"]')) == areas
        (search,) = fieldset.xpath(".//input[@data-choice-filter]")
        # The search box has its own label and is hidden until forms.js shows it: without JavaScript
        # the form is the full list of checkboxes, and the search box sends nothing (it has no name).
        assert search.get("name") is None and search.getparent().get("hidden") is not None
        assert page.xpath(f'//label[@for="{search.get("id")}"]')
        assert fieldset.xpath("./legend")


def test_new_task_with_areas_ticked_from_both_lists(leader_client, school):
    first, second = school.expertise_areas.filter(retired_at__isnull=True)[:2]
    response = leader_client.post(
        url("task-create", school),
        {
            "name": "Leesmonitor",
            "hours_per_person": "10",
            "headcount": "1",
            "expertise_level": "2",
            "areas": [first.pk],
            "growth_areas": [second.pk],
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(name="Leesmonitor")
    assert list(task.areas.all()) == [first] and list(task.growth_areas.all()) == [second]
