"""The work plan's kept parts (core.school_cache): every change shows at once, keys never mix, and a warm
page does a handful of queries however many rows the plan has."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import Function
from gespreid.work import facilitation, planning
from gespreid.work.models import Assignment, Budget, Plan, PlanStatus, Task

TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # a masked CSRF token (a new one on every render)


def url(name, school, *args):
    return reverse(f"work:{name}", args=[school.slug, *args])


def page(client, school) -> str:
    response = client.get(url("plan-detail", school))
    assert response.status_code == 200
    return response.content.decode()


def fresh(client, school) -> str:
    """The page rendered with nothing kept: what the kept page must equal (its CSRF tokens aside)."""
    cache.clear()
    return TOKEN.sub("", page(client, school))


def assert_as_fresh(client, school) -> str:
    kept = TOKEN.sub("", page(client, school))
    assert kept == fresh(client, school)
    return kept


@pytest.fixture
def bhv(school):
    school.work_tasks.update(retired_at="2020-01-01T00:00Z")  # only the tasks of these tests
    return Task.objects.create(school=school, name="BHV-ploeg", hours_per_person=Decimal("16"), headcount=2)


@pytest.fixture
def shared_plan(school, year, bhv, member, teacher_leader, budgets):
    plan = Plan.objects.create(school=school, school_year=year, shared_at=timezone.now())
    Assignment.objects.create(plan=plan, task=bhv, user=member, hours=16, parts=[["affinity", 8, {"choice": "graag"}]])
    Assignment.objects.create(
        plan=plan, task=bhv, user=teacher_leader, hours=16, parts=[["affinity", 2, {"choice": "kan"}]]
    )
    return plan


# --- a change shows at once -----------------------------------------------------------------------


def test_leader_changes_show_at_once(leader_client, school, year, bhv, member, teacher_leader, budgets):
    before = page(leader_client, school)
    assert "BHV-ploeg" in before and "2 plaatsen open" in before
    leader_client.post(url("assignment-add", school), {"task": bhv.pk, "user": member.pk})
    after = page(leader_client, school)
    assert "1 plaats open" in after and "2 plaatsen open" not in after and "Losmaken" in after
    a = Assignment.objects.get(task=bhv, user=member)
    leader_client.post(url("assignment-pin", school, a.pk), {"pinned": "0"})
    assert "Losmaken" not in page(leader_client, school)
    leader_client.post(url("assignment-remove", school, a.pk), {"exclude": "1"})
    after = page(leader_client, school)
    assert "2 plaatsen open" in after and "Uitgesloten:" in after
    leader_client.post(url("plan-text", school), {"funds_text": "Extra handen in groep 3", "breaks_text": ""})
    assert "Extra handen in groep 3" in page(leader_client, school)
    assert_as_fresh(leader_client, school)


def test_a_budget_edit_shows_in_the_hours_table(leader_client, school, year, member, budgets):
    Plan.objects.create(school=school, school_year=year)
    assert "176,0" in page(leader_client, school)  # 0.8 fte, 752 lesuren: 176 h for tasks
    budget = budgets[member.pk]
    budget.teaching_hours = Decimal("700")
    budget.save()
    after = page(leader_client, school)
    assert "176,0" not in after and "248,8" in after  # 700 lesuren
    Budget.objects.filter(pk=budget.pk).delete()
    assert "248,8" not in page(leader_client, school)


def test_a_solve_in_the_worker_shows_at_once(leader_client, school, year, bhv, leader, member, budgets):
    """The worker runs outside a request and stores the proposal with bulk_create (no signal)."""
    plan = planning.plan_for(school, year, create=True)
    assert "2 plaatsen open" in page(leader_client, school)
    result = planning.solve_plan(plan, leader)
    assert result.status == "OPTIMAL"
    after = page(leader_client, school)
    assert "2 plaatsen open" not in after and "bewezen de beste verdeling" in after
    assert_as_fresh(leader_client, school)


def test_group_dagdelen_outside_a_request_show_at_once(leader_client, school, year, leader, group, budgets):
    """plan_group_dagdelen writes with bulk_create and update (no signal), e.g. from the demo command."""
    Plan.objects.create(school=school, school_year=year)
    before = page(leader_client, school)
    day = year.starts_on + timedelta(weeks=3)
    facilitation.plan_group_dagdelen(leader, group, day=day - timedelta(days=day.weekday()), part="middag")
    after = page(leader_client, school)
    assert after != before
    assert_as_fresh(leader_client, school)


def test_the_workflow_follows_the_round_and_the_clock(
    leader_client, member_client, school, year, leader, member, bhv, budgets, monkeypatch
):
    plan = planning.plan_for(school, year, create=True)
    Assignment.objects.create(plan=plan, task=bhv, user=member, hours=16)
    assert "reageer in de instemmingsronde" not in page(member_client, school)  # a concept, not shared
    leader_client.post(url("plan-consult", school))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION
    round_ = plan.consultation_round
    round_.closes_at = timezone.now() + timedelta(minutes=5)
    round_.save()
    assert "reageer in de instemmingsronde" in page(member_client, school)
    assert "Teamraadpleging nu sluiten" in page(leader_client, school)
    # Five minutes on, no write in between: the round is closed on the page (the job has not run yet).
    later = timezone.now() + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    member_page = page(member_client, school)
    assert "reageer in de instemmingsronde" not in member_page and "naar het voorstel" in member_page
    leader_page = page(leader_client, school)
    assert "Teamraadpleging nu sluiten" not in leader_page and "PMR-instemming vastleggen" in leader_page


def test_the_solve_job_shows_live_while_it_runs(leader_client, school, year, leader, plan):
    """A finished job is kept; a running one is read on every request (the worker writes its progress with
    update(), which sends no signal)."""
    from gespreid.core.models import BackgroundJob

    assert "Bezig…" not in page(leader_client, school)  # no solve yet (kept: none)
    job = BackgroundJob.objects.create(school=school, kind="work.solve", target_id=plan.pk, status="running")
    assert 'value="0"' in page(leader_client, school)
    BackgroundJob.objects.filter(pk=job.pk).update(progress=40, message="Zoekt verder")
    html = page(leader_client, school)
    assert 'value="40"' in html and "Zoekt verder" in html
    BackgroundJob.objects.filter(pk=job.pk).update(status="done", progress=100, message="Voorstel klaar")
    html = page(leader_client, school)
    assert "Klaar." in html and "Voorstel klaar" in html and "Bezig…" not in html
    BackgroundJob.objects.create(school=school, kind="work.solve", target_id=plan.pk, message="In de wachtrij")
    html = page(leader_client, school)
    assert "In de wachtrij" in html and "Voorstel klaar" not in html


def _assign_form(html) -> str:
    found = re.search(
        r'<form method="post" action="[^"]*/plan/toewijzen/" class="assign-form">(.*?)</form>', html, re.S
    )
    assert found, "no assign form"
    return found.group(1)


def test_the_leader_forms_keep_their_tokens_and_show_changes_at_once(
    leader_client, school, year, bhv, plan, make_member
):
    form = _assign_form(page(leader_client, school))
    assert "csrfmiddlewaretoken" in form and "BHV-ploeg" in form and "Schooltuin" not in form
    response = leader_client.post(
        url("task-create", school),
        {"name": "Schooltuin", "hours_per_person": "10", "headcount": "1", "expertise_level": "2"},
    )
    assert response.status_code == 302
    newcomer = make_member(school, "Nina Nieuw")
    form = _assign_form(page(leader_client, school))
    assert "Schooltuin" in form and "Nina Nieuw" in form
    leader_client.post(url("task-retire", school, Task.objects.get(name="Schooltuin").pk), {"reason": "Klaar"})
    membership = newcomer.memberships.get(school=school)
    membership.is_active = False
    membership.save()
    form = _assign_form(page(leader_client, school))
    assert "Schooltuin" not in form and "Nina Nieuw" not in form
    # Every form of the leader's sections still has its own token, fresh on every request.
    html = page(leader_client, school)
    forms = re.findall(r'<form method="post"[^>]*>(.*?)</form>', html, re.S)
    assert len(forms) >= 4 and all("csrfmiddlewaretoken" in f for f in forms)
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert tokens.isdisjoint(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page(leader_client, school)))
    assert "Extra handen" not in html
    leader_client.post(url("plan-text", school), {"funds_text": "Extra handen", "breaks_text": ""})
    assert "Extra handen</textarea>" in page(leader_client, school)


# --- keys never mix -------------------------------------------------------------------------------


def test_each_person_sees_only_their_own_reasons(
    leader_client, member_client, tl_client, school, shared_plan, member, teacher_leader
):
    mine, theirs = "Voorkeur ‘graag’", "Voorkeur ‘kan’"  # the member's reason, the teacher leader's
    leader_page = page(leader_client, school)
    assert mine in leader_page and theirs in leader_page and "Vastzetten" in leader_page
    member_page = page(member_client, school)
    assert mine in member_page and theirs not in member_page
    tl_page = page(tl_client, school)
    assert theirs in tl_page and mine not in tl_page
    for other_page in (member_page, tl_page):
        assert "Vastzetten" not in other_page and "Dit is een concept" in other_page
        assert 'form="plan-row-actions"' not in other_page and 'id="plan-row-actions"' not in other_page
    assert "Dit is een concept" not in leader_page
    # And back: the leader's page is still the leader's, the member's the member's.
    assert theirs in page(leader_client, school) and theirs not in page(member_client, school)


def test_schools_never_mix(leader_client, client_for, school, other_school, make_member, shared_plan):
    other_leader = make_member(other_school, "Olga Leider", function=Function.DIRECTOR, is_leader=True)
    other_year = other_school.current_year()
    Task.objects.create(school=other_school, name="Schoolreis", hours_per_person=Decimal("8"), headcount=1)
    Plan.objects.create(school=other_school, school_year=other_year)
    here = page(leader_client, school)
    there = page(client_for(other_leader), other_school)
    assert "BHV-ploeg" in here and "Schoolreis" not in here
    assert "Schoolreis" in there and "BHV-ploeg" not in there and "Mila Lid" not in there


# --- the buttons on each assignment, and queries ---------------------------------------------------


def test_assignment_buttons_submit_the_one_form_with_a_token(leader_client, school, shared_plan, member):
    html = page(leader_client, school)
    form = re.search(r'<form id="plan-row-actions" method="post" hidden>(.*?)</form>', html, re.S)
    assert form and "csrfmiddlewaretoken" in form.group(1)
    a = Assignment.objects.get(plan=shared_plan, user=member)
    pin = f'form="plan-row-actions" formaction="{url("assignment-pin", school, a.pk)}" name="pinned" value="1"'
    assert pin in html
    # What the browser sends for that button: the form's token and the button's name and value.
    leader_client.post(url("assignment-pin", school, a.pk), {"pinned": "1"})
    assert Assignment.objects.get(pk=a.pk).pinned
    assert "Losmaken" in page(leader_client, school)


@pytest.mark.parametrize("extra", [0, 25])
def test_warm_plan_page_queries_are_few_and_constant(
    leader_client, school, year, make_member, plan, bhv, extra, django_assert_num_queries, django_assert_max_num_queries
):
    for i in range(extra):
        Assignment.objects.create(plan=plan, task=bhv, user=make_member(school, f"Extra {i}"), hours=1)
    with django_assert_max_num_queries(24) as cold:
        page(leader_client, school)
    # session, user, membership (the finished or missing solve job is kept too)
    with django_assert_num_queries(3):
        page(leader_client, school)
    assert len(cold.captured_queries) > 3


def test_member_warm_page_queries(member_client, school, shared_plan, django_assert_num_queries):
    page(member_client, school)
    with django_assert_num_queries(3):  # session, user, membership
        page(member_client, school)
