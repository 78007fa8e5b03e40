"""Development plans, self-assessments, coaching and feedback: each view and each privacy rule."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import AuditEntry, Notification
from gespreid.development import plans, skills
from gespreid.development.models import (
    Activity,
    AgendaItem,
    Agreement,
    CoachingMeeting,
    CoachingSeries,
    FeedbackRequest,
    Goal,
    PrivateNote,
    SelfAssessment,
)
from gespreid.work.models import Role


def url(name, school, *args):
    return reverse(f"development:{name}", args=[school.slug, *args])


# --- POP: owned by the person -------------------------------------------------------------------


def test_member_builds_a_pop(member_client, school, year, member):
    assert member_client.get(url("home", school)).status_code == 200
    response = member_client.post(url("goal-create", school), {"title": "Beter lezen met groep 3"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert goal.plan.user == member and goal.plan.school_year == year and not goal.shared
    response = member_client.post(
        url("activity-create", school),
        {"title": "Training leesmotivatie", "kind": "training", "goal": goal.pk, "hours": "12", "cost": "300"},
    )
    assert response.status_code == 302
    page = member_client.get(url("home", school)).content.decode()
    assert "Training leesmotivatie" in page and "66,4" in page  # 0.8 fte x 83 h CAO hours


def test_negative_hours_or_cost_are_dutch_errors(member_client, school, year):
    response = member_client.post(
        url("activity-create", school), {"title": "x", "kind": "training", "hours": "-1", "cost": "-5"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Uren kunnen niet negatief zijn." in body
    assert "Kosten kunnen niet negatief zijn." in body and not Activity.objects.exists()


def test_goal_starts_from_growth_wishes(member_client, school, year, member):
    from gespreid.expertise.models import ExpertiseEntry

    area = school.expertise_areas.first()
    ExpertiseEntry.objects.create(school=school, school_year=year, user=member, area=area, wants_growth=True)
    assert f"★ {area.name}" in member_client.get(url("goal-create", school)).content.decode()


def test_pop_items_of_someone_else_are_404(member_client, leader_client, school, tl_pop):
    goal, activity = tl_pop["private_goal"], tl_pop["requested"]
    for client in (member_client, leader_client):
        assert client.get(url("goal-edit", school, goal.pk)).status_code == 404
        assert client.post(url("goal-delete", school, goal.pk)).status_code == 404
        assert client.get(url("activity-edit", school, activity.pk)).status_code == 404
        assert client.post(url("activity-delete", school, activity.pk)).status_code == 404
        assert client.post(url("activity-request", school, activity.pk)).status_code == 404
        assert client.post(url("activity-done", school, activity.pk)).status_code == 404
    assert Goal.objects.count() == 2


def test_a_self_assessment_is_shared_only_by_its_owner(member_client, leader_client, school, teacher_leader):
    assessment = SelfAssessment.objects.create(school=school, user=teacher_leader, scores={})
    for client in (member_client, leader_client):
        assert client.post(url("assessment-share", school, assessment.pk)).status_code == 404
    assert not SelfAssessment.objects.get(pk=assessment.pk).shared


def test_the_leader_sees_no_shared_plan_of_someone_outside_the_school(leader_client, school, other_school, outsider):
    assert leader_client.get(url("plan-shared", school, outsider.pk)).status_code == 404


def test_leader_sees_only_what_is_shared(leader_client, school, teacher_leader, tl_pop):
    page = leader_client.get(url("plan-shared", school, teacher_leader.pk)).content.decode()
    assert "Coachen van collega" in page and "Cursus coachend leidinggeven" in page
    assert "Geheim doel" not in page and "Boek over slapen" not in page
    team = leader_client.get(url("team", school)).content.decode()
    assert "Tim Trekker" in team and "Geheim" not in team


def test_only_leaders_see_the_team_pages(member_client, tl_client, school, teacher_leader, tl_pop):
    assert member_client.get(url("team", school)).status_code == 403
    assert member_client.get(url("plan-shared", school, teacher_leader.pk)).status_code == 403
    assert member_client.get(url("budget-edit", school)).status_code == 403
    assert tl_client.post(url("activity-decide", school, tl_pop["requested"].pk), {"accept": "1"}).status_code == 403


def test_request_accept_and_totals(leader_client, tl_client, school, year, leader, teacher_leader, tl_pop):
    idea = Activity.objects.get(title="Boek over slapen")
    assert tl_client.post(url("activity-request", school, idea.pk)).status_code == 302
    idea.refresh_from_db()
    assert idea.status == "aangevraagd" and idea.shared
    assert Notification.objects.filter(user=leader, message__contains="Boek over slapen").exists()
    requested = tl_pop["requested"]
    assert leader_client.post(url("activity-decide", school, requested.pk), {"accept": "1"}).status_code == 302
    requested.refresh_from_db()
    assert requested.status == "toegekend" and requested.decided_by == leader
    assert Notification.objects.filter(user=teacher_leader, message__contains="toegekend").exists()
    assert AuditEntry.objects.filter(action="development.activity_accepted").exists()
    leader_client.post(url("budget-edit", school), {"amount": "5000"})
    totals = plans.school_totals(school, year)
    assert (
        totals.hours == Decimal("24.0") and totals.cost == Decimal("650.00") and totals.budget_left == Decimal("4350")
    )
    assert leader_client.post(url("budget-edit", school), {"amount": "-1"}).status_code == 200


def test_leader_cannot_decide_an_unshared_activity(leader_client, school, tl_pop):
    private = Activity.objects.get(title="Boek over slapen")
    assert leader_client.post(url("activity-decide", school, private.pk), {"accept": "1"}).status_code == 404
    assert Activity.objects.get(pk=private.pk).status == "idee"


def test_private_writes_stay_out_of_the_audit_log(member_client, school, year):
    member_client.post(url("goal-create", school), {"title": "Iets persoonlijks"})
    assert not AuditEntry.objects.filter(summary__contains="persoonlijks").exists()


def test_board_sees_only_school_totals(board_member, school, year, tl_pop, leader):
    from django.test import Client

    plans.decide_activity(leader, tl_pop["requested"], accept=True)
    client = Client()
    client.force_login(board_member)
    page = client.get(reverse("development-board:totals", args=[school.board.slug])).content.decode()
    assert "De Linde" in page and "650" in page
    assert "Cursus coachend" not in page and "Tim Trekker" not in page and "Geheim" not in page


def test_board_page_is_404_for_others(member_client, school):
    assert member_client.get(reverse("development-board:totals", args=[school.board.slug])).status_code == 404


# --- Self-assessment -------------------------------------------------------------------------------


def _scores(value):
    return {f"skill_{key}": str(value) for key in skills.SKILL_KEYS}


def test_self_assessment_is_private_by_default(tl_client, leader_client, school, teacher_leader):
    assert tl_client.get(url("assessment-create", school)).status_code == 200
    assert tl_client.post(url("assessment-create", school), {**_scores(2), "note": "Eerste keer"}).status_code == 302
    assert tl_client.post(url("assessment-create", school), _scores(4)).status_code == 302
    page = tl_client.get(url("home", school)).content.decode()
    assert "<svg" in page and "Omgaan met weerstand" in page and "<line" in page  # the previous as a tick
    assessment = SelfAssessment.objects.filter(user=teacher_leader).first()
    assert not assessment.shared
    assert "<svg" not in leader_client.get(url("plan-shared", school, teacher_leader.pk)).content.decode()
    assert leader_client.post(url("assessment-share", school, assessment.pk)).status_code == 404
    assert tl_client.post(url("assessment-share", school, assessment.pk)).status_code == 302
    assert "<svg" in leader_client.get(url("plan-shared", school, teacher_leader.pk)).content.decode()


def test_self_assessment_bad_score_is_a_form_error(tl_client, school):
    response = tl_client.post(url("assessment-create", school), _scores(9))
    assert response.status_code == 200 and not SelfAssessment.objects.exists()


def test_chart_draws_every_skill():
    class A:
        def __init__(self, scores):
            self.scores = scores

    drawing = skills.chart([A({"luisteren": 2}), A({"luisteren": 4, "visie": 5})])
    bars = {b.label: b for b in drawing["bars"]}
    assert len(bars) == 15 and bars["Luisteren"].width == 160 and bars["Luisteren"].previous_x == 210 + 80
    assert bars["Visie"].previous_x is None and skills.chart([]) == {}


# --- Coaching --------------------------------------------------------------------------------------


@pytest.fixture
def series(school, leader, teacher_leader):
    return CoachingSeries.objects.create(
        school=school, coach=leader, coachee=teacher_leader, title="Groeien als trekker"
    )


def test_leader_starts_a_series_with_a_teacher_leader(leader_client, school, teacher_leader):
    assert leader_client.get(url("series-create", school)).status_code == 200
    response = leader_client.post(url("series-create", school), {"coachee": teacher_leader.pk, "title": "Trekker"})
    assert response.status_code == 302
    assert CoachingSeries.objects.get().coachee == teacher_leader
    assert Notification.objects.filter(user=teacher_leader, message__contains="coachingsreeks").exists()


def test_teacher_leader_coaches_a_colleague_but_a_member_without_role_may_not(
    tl_client, member_client, school, year, teacher_leader, member
):
    assert member_client.get(url("series-create", school)).status_code == 403
    assert (
        member_client.post(url("series-create", school), {"coachee": teacher_leader.pk, "title": "x"}).status_code
        == 403
    )
    assert Role.objects.filter(holder=teacher_leader).exists()  # the fixture's teacher leader holds a role
    assert tl_client.get(url("series-create", school)).status_code == 200
    response = tl_client.post(url("series-create", school), {"coachee": member.pk, "title": "Lezen"})
    assert response.status_code == 302 and CoachingSeries.objects.get().coach == teacher_leader
    # The development page links to a new series only for who may start one.
    assert url("series-create", school) in tl_client.get(url("home", school)).content.decode()
    assert url("series-create", school) not in member_client.get(url("home", school)).content.decode()


def test_shared_agenda_agreements_and_private_notes(leader_client, tl_client, member_client, school, series, leader):
    assert (
        tl_client.post(url("agenda-add", school, series.pk), {"text": "Hoe betrek ik de bovenbouw?"}).status_code == 302
    )
    assert leader_client.post(url("agenda-add", school, series.pk), {"text": "Terugblik studiedag"}).status_code == 302
    follow = (timezone.localdate() + timedelta(days=7)).isoformat()
    leader_client.post(
        url("agreement-add", school, series.pk), {"text": "Tim bereidt teamvergadering voor", "follow_up_on": follow}
    )
    leader_client.post(url("note-add", school, series.pk), {"text": "Lea's eigen gedachte"})
    tl_client.post(url("note-add", school, series.pk), {"text": "Tims eigen gedachte"})
    assert AgendaItem.objects.count() == 2 and Agreement.objects.count() == 1 and PrivateNote.objects.count() == 2
    tim = tl_client.get(url("series-detail", school, series.pk)).content.decode()
    lea = leader_client.get(url("series-detail", school, series.pk)).content.decode()
    for page in (tim, lea):
        assert "Hoe betrek ik" in page and "Terugblik studiedag" in page and "teamvergadering" in page
    assert "Tims eigen gedachte" in tim and "Lea&#x27;s eigen gedachte" not in tim
    assert "Lea&#x27;s eigen gedachte" in lea and "Tims eigen gedachte" not in lea
    assert "teamvergadering" in tl_client.get(reverse("core:home", args=[school.slug])).content.decode()  # home card
    agreement = Agreement.objects.get()
    assert tl_client.post(url("agreement-done", school, agreement.pk)).status_code == 302
    assert Agreement.objects.get().done


def test_series_is_only_for_its_two_people(member_client, school, series):
    assert member_client.get(url("series-detail", school, series.pk)).status_code == 404
    assert member_client.post(url("agenda-add", school, series.pk), {"text": "x"}).status_code == 404
    assert member_client.post(url("note-add", school, series.pk), {"text": "x"}).status_code == 404
    assert member_client.post(url("agreement-add", school, series.pk), {"text": "x"}).status_code == 404
    when = (timezone.localtime() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    assert member_client.post(url("meeting-add", school, series.pk), {"starts_at": when}).status_code == 404
    agreement = Agreement.objects.create(series=series, author=series.coach, text="x")
    meeting = CoachingMeeting.objects.create(series=series, starts_at=timezone.now())
    assert member_client.post(url("agreement-done", school, agreement.pk)).status_code == 404
    assert Agreement.objects.count() == 1 and CoachingMeeting.objects.count() == 1
    assert member_client.get(url("meeting-ics", school, meeting.pk)).status_code == 404
    assert not AgendaItem.objects.exists()


def test_meeting_invitation_as_ics(leader_client, tl_client, school, series, teacher_leader):
    when = (timezone.localtime() + timedelta(days=3)).replace(hour=15, minute=0).strftime("%Y-%m-%dT%H:%M")
    response = leader_client.post(
        url("meeting-add", school, series.pk), {"starts_at": when, "minutes": "45", "place": "Kamer 2"}
    )
    assert response.status_code == 302
    meeting = CoachingMeeting.objects.get()
    assert Notification.objects.filter(user=teacher_leader, message__contains="coachingsgesprek").exists()
    response = tl_client.get(url("meeting-ics", school, meeting.pk))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar") and "BEGIN:VEVENT" in body
    assert "Kamer 2" in body and teacher_leader.email in body
    past = (timezone.localtime() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = leader_client.post(url("meeting-add", school, series.pk), {"starts_at": past, "minutes": "45"})
    assert response.status_code == 200 and "niet in het verleden" in response.content.decode()


# --- Feedback ----------------------------------------------------------------------------------------


def test_teacher_leader_asks_the_leader_for_feedback(
    tl_client, leader_client, member_client, school, leader, teacher_leader
):
    assert tl_client.get(url("feedback-create", school)).status_code == 200
    response = tl_client.post(url("feedback-create", school), {"leader": leader.pk, "question": "Hoe leid ik de PLG?"})
    assert response.status_code == 302
    feedback = FeedbackRequest.objects.get()
    assert Notification.objects.filter(user=leader, message__contains="feedback").exists()
    assert member_client.get(url("feedback-detail", school, feedback.pk)).status_code == 404
    assert tl_client.post(url("feedback-detail", school, feedback.pk), {"answer": "zelf"}).status_code == 403
    assert (
        leader_client.post(url("feedback-detail", school, feedback.pk), {"answer": "Je vat goed samen."}).status_code
        == 302
    )
    feedback.refresh_from_db()
    assert (
        feedback.answered_at
        and "Je vat goed samen." in tl_client.get(url("feedback-detail", school, feedback.pk)).content.decode()
    )


def test_feedback_only_to_a_leader(tl_client, school, member):
    response = tl_client.post(url("feedback-create", school), {"leader": member.pk, "question": "x"})
    assert response.status_code == 200 and not FeedbackRequest.objects.exists()


def test_home_query_count_is_constant(tl_client, school, year, tl_pop, leader, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            Goal.objects.create(plan=tl_pop["plan"], title=f"Doel {i}", area=school.expertise_areas.first())
            Activity.objects.create(plan=tl_pop["plan"], title=f"Act {i}", goal=tl_pop["shared_goal"], hours=1)
            s = CoachingSeries.objects.create(school=school, coach=leader, coachee=tl_pop["plan"].user, title=f"R{i}")
            FeedbackRequest.objects.create(school=school, asker=s.coachee, leader=leader, question="?")

    add(1)
    with django_assert_max_num_queries(25) as few:
        assert tl_client.get(url("home", school)).status_code == 200
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert tl_client.get(url("home", school)).status_code == 200


def _coaching_cell(page):
    """The status cell of the coaching row on a speerpunt's gap table."""
    row = page.split('<th scope="row">Coachen</th>')[1].split("</tr>")[0]
    return row.split("<td>")[2].split("</td>")[0]


def test_accepted_training_turns_ontbreekt_into_in_ontwikkeling(
    leader_client, member_client, school, year, priority, leader, tl_pop
):
    coaching = school.expertise_areas.get(key="coaching")
    tl_pop["shared_goal"].area = coaching
    tl_pop["shared_goal"].save()
    detail = reverse("priorities:priority-detail", args=[school.slug, priority.pk])
    cell = _coaching_cell(leader_client.get(detail).content.decode())
    assert "ontbreekt" in cell and "in ontwikkeling" not in cell  # requested, not accepted yet
    listing_url = reverse("priorities:priority-list", args=[school.slug])
    assert "2 ontbreken" in member_client.get(listing_url).content.decode()
    plans.decide_activity(leader, tl_pop["requested"], accept=True)
    # The leader: goal and activity are shared, so the name is there.
    cell = _coaching_cell(leader_client.get(detail).content.decode())
    assert "in ontwikkeling" in cell and "ontbreekt" not in cell and "in scholing: Tim Trekker" in cell
    # The team: the status and a count, never the name.
    cell = _coaching_cell(member_client.get(detail).content.decode())
    assert "in ontwikkeling" in cell and "1 collega in scholing" in cell and "Tim" not in cell
    # The priorities list counts it as in development, not as missing.
    listing = member_client.get(listing_url).content.decode()
    assert "1 in ontwikkeling" in listing and "1 ontbreekt" in listing  # begrijpend lezen still is
    # The gap's route page reads the same.
    requirement = priority.requirements.get(area=coaching)
    route_page = leader_client.get(reverse("priorities:gap-route", args=[school.slug, requirement.pk]))
    assert "in ontwikkeling" in route_page.content.decode()


def test_training_on_a_private_goal_is_only_a_count_even_for_the_leader(
    leader_client, school, year, priority, leader, tl_pop
):
    coaching = school.expertise_areas.get(key="coaching")
    goal = tl_pop["private_goal"]  # not shared: the leader does not know what the training is for
    goal.area = coaching
    goal.save()
    activity = Activity.objects.create(
        plan=tl_pop["plan"], goal=goal, title="Cursus", kind="cursus", hours=8, status="aangevraagd", shared=True
    )
    plans.decide_activity(leader, activity, accept=True)
    detail = reverse("priorities:priority-detail", args=[school.slug, priority.pk])
    cell = _coaching_cell(leader_client.get(detail).content.decode())
    assert "in ontwikkeling" in cell and "1 collega in scholing" in cell and "Tim" not in cell


def test_only_training_kinds_count_as_in_development(leader_client, school, year, priority, leader, tl_pop):
    coaching = school.expertise_areas.get(key="coaching")
    goal = tl_pop["shared_goal"]
    goal.area = coaching
    goal.save()
    Activity.objects.create(
        plan=tl_pop["plan"], goal=goal, title="Boek over coachen", kind="literatuur", hours=4, status="toegekend",
        shared=True,
    )  # fmt: skip
    detail = reverse("priorities:priority-detail", args=[school.slug, priority.pk])
    assert "ontbreekt" in _coaching_cell(leader_client.get(detail).content.decode())
    assert plans.areas_in_development(school, year) == {}
    Activity.objects.create(
        plan=tl_pop["plan"], goal=goal, title="Master", kind="master", hours=40, status="afgerond", shared=True
    )
    assert plans.areas_in_development(school, year) == {coaching.pk: [(tl_pop["plan"].user_id, "Tim Trekker", True)]}


def test_gap_pages_keep_their_query_count_with_more_trainees(
    leader_client, school, year, priority, leader, make_member, django_assert_max_num_queries
):
    from gespreid.development.models import DevelopmentPlan

    coaching = school.expertise_areas.get(key="coaching")
    detail = reverse("priorities:priority-detail", args=[school.slug, priority.pk])
    listing = reverse("priorities:priority-list", args=[school.slug])

    def add(n, start):
        for i in range(start, start + n):
            person = make_member(school, f"Cursist {i}")
            plan = DevelopmentPlan.objects.create(school=school, school_year=year, user=person)
            goal = Goal.objects.create(plan=plan, title="Coachen", area=coaching, shared=True)
            Activity.objects.create(
                plan=plan, goal=goal, title="Cursus", kind="cursus", status="toegekend", shared=True
            )

    add(1, 0)
    counts = {}
    for page in (detail, listing):
        with django_assert_max_num_queries(40) as few:
            assert leader_client.get(page).status_code == 200
        counts[page] = len(few.captured_queries)
    add(8, 1)
    for page in (detail, listing):
        with django_assert_max_num_queries(counts[page]):
            assert leader_client.get(page).status_code == 200


def test_a_school_administrator_who_is_not_the_leader_sees_no_pop(school, make_member, teacher_leader, tl_pop):
    from django.test import Client

    admin = make_member(school, "Ada Beheer", is_admin=True)
    client = Client()
    client.force_login(admin)
    assert client.get(url("team", school)).status_code == 403
    assert client.get(url("plan-shared", school, teacher_leader.pk)).status_code == 403
    assert client.post(url("activity-decide", school, tl_pop["requested"].pk), {"accept": "1"}).status_code == 403


def test_erasing_a_leaver_deletes_their_pop_and_notes_and_a_leaders_export_holds_no_pop(
    school, leader, teacher_leader, tl_pop, series
):
    from gespreid.privacy.personal_data import erase_member, export_person

    plans.decide_activity(leader, tl_pop["requested"], accept=True)
    PrivateNote.objects.create(series=series, author=teacher_leader, text="Tims notitie")
    PrivateNote.objects.create(series=series, author=leader, text="Lea's notitie")
    SelfAssessment.objects.create(school=school, user=teacher_leader, scores={"visie": 3})
    exported = str(export_person(leader))
    assert "Cursus coachend" not in exported and "Lea's notitie" in exported and "Tims notitie" not in exported
    membership = school.memberships.get(user=teacher_leader)
    membership.is_active = False
    membership.save()
    erase_member(leader, membership)
    assert not Goal.objects.exists() and not Activity.objects.exists() and not SelfAssessment.objects.exists()
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["Lea's notitie"]
    assert CoachingSeries.objects.filter(pk=series.pk).exists()  # the leader's side of the series stays


def test_a_persons_export_holds_their_pop_goals_and_activities(teacher_leader, tl_pop):
    from gespreid.privacy.personal_data import export_person

    exported = export_person(teacher_leader)["gegevens"]
    goals = [row["title"] for row in exported["development.goal"]["rijen"]]
    activities = [row["title"] for row in exported["development.activity"]["rijen"]]
    assert "Geheim doel: minder piekeren" in goals and "Boek over slapen" in activities


def test_a_leader_is_pointed_to_the_teams_anonymous_feedback(leader_client, member_client, school):
    link = reverse("climate:round-create", args=[school.slug]) + "?soort=leider"
    assert link in leader_client.get(url("home", school)).content.decode()
    assert link not in member_client.get(url("home", school)).content.decode()
