import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gespreid.core.models import Notification
from gespreid.innovations import trajectories
from gespreid.innovations.models import (
    CheckIn,
    CheckInAnswer,
    CheckInParticipation,
    Embedding,
    Milestone,
    Trajectory,
    TrajectoryEvent,
)


def url(name, school, *args):
    return reverse(f"innovations:{name}", args=[school.slug, *args])


def client_for(user):
    from django.test import Client

    c = Client()
    c.force_login(user)
    return c


def answer(user, check_in, w=3, a=3, learning="samen", remark="", share=False):
    return client_for(user).post(
        url("checkin-answer", check_in.trajectory.school, check_in.trajectory.pk, check_in.pk),
        {"willing": w, "able": a, "learning": learning, "remark": remark, **({"share": "on"} if share else {})},
    )


# Trajectories --------------------------------------------------------------------


def test_leader_creates_trajectory_tied_to_group_priority(leader_client, school, year, group, teacher_leader):
    from gespreid.priorities.models import Priority

    priority = Priority.objects.create(school=school, title="Rekenen", first_year=year)
    group.priority = priority
    group.save()
    response = leader_client.post(
        url("trajectory-create", school), {"title": "Rekenmuur", "group": group.pk, "lead": teacher_leader.pk}
    )
    assert response.status_code == 302
    t = Trajectory.objects.get(title="Rekenmuur")
    assert t.phase == "voorbereiden" and t.priority == priority and t.lead == teacher_leader


def test_group_lead_may_create_for_own_group_only(tl_client, school, group, teacher_leader, leader, year):
    from gespreid.groups.models import Group

    foreign = Group.objects.create(school=school, school_year=year, name="Andere groep", lead=leader)
    assert (
        tl_client.post(
            url("trajectory-create", school), {"title": "X", "group": foreign.pk, "lead": teacher_leader.pk}
        ).status_code
        == 200
    )
    assert not Trajectory.objects.exists()
    tl_client.post(url("trajectory-create", school), {"title": "X", "group": group.pk, "lead": teacher_leader.pk})
    assert Trajectory.objects.filter(title="X", group=group).exists()


def test_member_without_group_may_not_create(member_client, school, member):
    assert member_client.get(url("trajectory-create", school)).status_code == 403


def test_trajectory_needs_group_and_lead(leader_client, school, group):
    response = leader_client.post(url("trajectory-create", school), {"title": "X"})
    html = response.content.decode()
    assert "Kies de groep" in html and "Kies wie de innovatie trekt" in html
    assert not Trajectory.objects.exists()


def test_list_shows_phase_and_pace_with_constant_queries(
    member_client, school, group, teacher_leader, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            t = Trajectory.objects.create(school=school, title=f"T{n}-{i}", group=group, lead=teacher_leader)
            Milestone.objects.create(
                trajectory=t,
                phase="voorbereiden",
                title="m",
                planned_start=date(2020, 1, 1),
                planned_end=date(2020, 2, 1),
            )

    add(2)
    member_client.get(url("trajectory-list", school))
    with django_assert_max_num_queries(20) as ctx:
        html = member_client.get(url("trajectory-list", school)).content.decode()
    few = len(ctx.captured_queries)  # the next request empties Django's query log
    assert "loopt achter" in html and "Voorbereiden" in html
    add(12)
    # warm again: the rows gave the school a new version (core.school_cache), so the header is cold
    member_client.get(url("trajectory-list", school))
    with django_assert_max_num_queries(few):
        member_client.get(url("trajectory-list", school))


def test_phase_move_and_skip_rules(tl_client, school, trajectory, member, group):
    from gespreid.groups.models import GroupMember

    GroupMember.objects.create(group=group, user=member)
    tl_client.post(url("trajectory-phase", school, trajectory.pk), {"phase": "uitproberen"})
    trajectory.refresh_from_db()
    assert trajectory.phase == "uitproberen"
    assert Notification.objects.filter(user=member, message__contains="Uitproberen").exists()
    # skipping without a reason: clear Dutch message, nothing changes
    response = tl_client.post(url("trajectory-phase", school, trajectory.pk), {"phase": "borgen", "reason": ""})
    assert response.status_code == 200 and "Je slaat een fase over" in response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.phase == "uitproberen"
    # with a reason: allowed, and the reason is shown openly
    tl_client.post(
        url("trajectory-phase", school, trajectory.pk), {"phase": "bijstellen", "reason": "Monitoren liep al mee"}
    )
    trajectory.refresh_from_db()
    assert trajectory.phase == "bijstellen"
    html = client_for(member).get(url("trajectory-detail", school, trajectory.pk)).content.decode()
    assert "Monitoren liep al mee" in html


def test_member_may_not_move_phase(member_client, school, trajectory):
    assert (
        member_client.post(url("trajectory-phase", school, trajectory.pk), {"phase": "uitproberen"}).status_code == 403
    )
    trajectory.refresh_from_db()
    assert trajectory.phase == "voorbereiden"


def test_slowdown_is_shown_openly_and_needs_a_reason(tl_client, member_client, school, trajectory):
    response = tl_client.post(url("trajectory-slowdown", school, trajectory.pk), {"slowing_down": "on", "reason": ""})
    assert "Schrijf op waarom" in response.content.decode()
    trajectory.refresh_from_db()
    assert not trajectory.slowing_down
    tl_client.post(
        url("trajectory-slowdown", school, trajectory.pk), {"slowing_down": "on", "reason": "Eerst iedereen scholen"}
    )
    html = member_client.get(url("trajectory-detail", school, trajectory.pk)).content.decode()
    assert "We vertragen om later te versnellen." in html and "Eerst iedereen scholen" in html
    assert "Eerst iedereen scholen" in member_client.get(url("trajectory-list", school)).content.decode()
    tl_client.post(url("trajectory-slowdown", school, trajectory.pk), {"reason": ""})
    trajectory.refresh_from_db()
    assert not trajectory.slowing_down
    assert list(trajectory.events.values_list("kind", flat=True)) == ["versnellen", "vertragen"]


def test_milestone_end_before_start_is_refused(tl_client, school, trajectory):
    data = {"phase": "voorbereiden", "title": "Scholing", "planned_start": "2026-10-10", "planned_end": "2026-10-01"}
    response = tl_client.post(url("milestone-create", school, trajectory.pk), data)
    assert response.status_code == 200 and "niet eerder klaar zijn dan hij begint" in response.content.decode()
    assert "Scholing" in response.content.decode()  # nothing lost
    assert not Milestone.objects.exists()


def test_milestone_actual_dates(tl_client, school, trajectory):
    today = timezone.localdate()
    data = {
        "phase": "voorbereiden",
        "title": "Scholing",
        "planned_start": "2020-10-01",
        "planned_end": "2020-10-10",
        "actual_start": "2020-10-05",
        "actual_end": "2020-10-02",
    }
    response = tl_client.post(url("milestone-create", school, trajectory.pk), data)
    assert "Echt klaar kan niet" in response.content.decode()
    data["actual_end"] = (today + timedelta(days=3)).isoformat()
    assert "in de toekomst" in tl_client.post(url("milestone-create", school, trajectory.pk), data).content.decode()
    data["actual_end"] = "2020-10-12"
    assert tl_client.post(url("milestone-create", school, trajectory.pk), data).status_code == 302
    m = Milestone.objects.get()
    data["planned_end"] = "2020-09-01"
    assert tl_client.post(url("milestone-edit", school, trajectory.pk, m.pk), data).status_code == 200
    m.refresh_from_db()
    assert m.planned_end == date(2020, 10, 10)


def test_milestone_bad_date_text(tl_client, school, trajectory):
    data = {"phase": "voorbereiden", "title": "x", "planned_start": "morgen", "planned_end": "2026-10-01"}
    assert "geldige datum" in tl_client.post(url("milestone-create", school, trajectory.pk), data).content.decode()


def test_pace_on_trajectory_page(member_client, school, trajectory):
    Milestone.objects.create(
        trajectory=trajectory,
        phase="voorbereiden",
        title="Te laat",
        planned_start=date(2020, 1, 1),
        planned_end=date(2020, 1, 2),
    )
    html = member_client.get(url("trajectory-detail", school, trajectory.pk)).content.decode()
    assert "loopt achter" in html and "over de datum" in html


# Check-ins --------------------------------------------------------------------------------


def test_lead_opens_check_in_and_team_is_notified(tl_client, school, trajectory, member, leader):
    response = tl_client.post(url("checkin-create", school, trajectory.pk), {"question": "Hoe gaat het?"})
    assert response.status_code == 302
    c = CheckIn.objects.get()
    assert Notification.objects.filter(user=member, url__contains=f"/check-ins/{c.pk}/").exists()


def test_member_may_not_open_or_close_a_check_in(member_client, school, trajectory, check_in):
    assert member_client.post(url("checkin-create", school, trajectory.pk), {"question": "x"}).status_code == 403
    assert member_client.post(url("checkin-close", school, trajectory.pk, check_in.pk)).status_code == 403
    check_in.refresh_from_db()
    assert check_in.is_open


def _close(check_in):
    trajectories.close_check_in(None, check_in)
    check_in.refresh_from_db()


def test_four_answers_show_nothing_five_show_counts(tl_client, school, trajectory, check_in, colleagues):
    for i, person in enumerate(colleagues[:4]):
        answer(person, check_in, w=5, a=1 + i, remark=f"opm {i}")
    _close(check_in)
    html = tl_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "Nog te weinig antwoorden" in html
    assert "readiness-grid" not in html and "opm 0" not in html and "Zo leren we" not in html

    check_in.closed_at = None
    check_in.save()
    answer(colleagues[4], check_in, w=2, a=2, learning="lezen")
    _close(check_in)
    html = tl_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "Nog te weinig antwoorden" not in html
    assert "readiness-grid" in html
    cells = re.findall(r'<td class="num cell shade-\d">(\d*)</td>', html)
    assert len(cells) == 25 and sum(int(c) for c in cells if c) == 5
    assert "opm 0" in html and "Eerst lezen" in html


def test_results_wait_until_the_check_in_is_closed(member_client, school, trajectory, check_in, colleagues):
    for person in colleagues[:6]:
        answer(person, check_in)
    html = member_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "readiness-grid" not in html and "6 van" in html
    _close(check_in)
    assert (
        "readiness-grid"
        in member_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    )


def test_no_answer_is_linked_to_its_author_in_what_others_see(
    tl_client, member_client, school, trajectory, check_in, colleagues
):
    remarks = ["zz laatste eerst", "aa als laatste", "mm midden", "bb tweede", "kk vijfde"]
    for person, remark in zip(colleagues[:5], remarks, strict=True):
        answer(person, check_in, w=4, a=2, remark=remark)
    _close(check_in)
    assert not CheckInAnswer.objects.filter(shared_by__isnull=False).exists()
    for client in (tl_client, member_client):
        html = client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
        # remarks alphabetically, never in arrival order
        positions = [html.index(r) for r in sorted(remarks)]
        assert positions == sorted(positions)
        # no names of who answered, no answer ids
        for person in colleagues[:5]:
            assert person.name not in html
        for pk in CheckInAnswer.objects.values_list("pk", flat=True):
            assert str(pk) not in html and pk.hex not in html
    # The answer table itself holds no author and no time.
    fields = {f.name for f in CheckInAnswer._meta.get_fields()}
    assert not fields & {"user", "author", "created_at", "answered_at"}
    # Nor does the audit log say who answered what.
    from gespreid.core.models import AuditEntry

    assert not AuditEntry.objects.filter(action__contains="answer").exists()


def test_sharing_with_the_lead_only(tl_client, member_client, school, trajectory, check_in, colleagues):
    answer(colleagues[0], check_in, w=2, a=4, remark="ik wil eerst scholing", share=True)
    for person in colleagues[1:6]:
        answer(person, check_in)
    _close(check_in)
    lead_html = tl_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "Met jou gedeeld" in lead_html and colleagues[0].name in lead_html
    member_html = member_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert colleagues[0].name not in member_html and "Met jou gedeeld" not in member_html


def test_shared_answers_do_not_lower_the_threshold(tl_client, school, trajectory, check_in, colleagues):
    for person in colleagues[:2]:
        answer(person, check_in, share=True)
    for person in colleagues[2:6]:
        answer(person, check_in)
    _close(check_in)
    html = tl_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "Nog te weinig antwoorden" in html and "readiness-grid" not in html


@pytest.mark.parametrize("w,a", [(0, 3), (6, 3), (3, -1), ("veel", 3), (3, "")])
def test_answer_outside_1_to_5_is_refused(member, school, trajectory, check_in, w, a):
    response = answer(member, check_in, w=w, a=a, remark="blijft staan")
    html = response.content.decode()
    assert response.status_code == 200 and "Kies een getal van 1 tot en met 5" in html
    assert "blijft staan" in html
    assert not CheckInAnswer.objects.exists() and not CheckInParticipation.objects.exists()


def test_answer_only_once_and_not_after_closing(member, school, trajectory, check_in, colleagues):
    answer(member, check_in)
    answer(member, check_in, w=1)
    assert CheckInAnswer.objects.count() == 1
    _close(check_in)
    answer(colleagues[0], check_in)
    assert CheckInAnswer.objects.count() == 1


def test_domain_refuses_bad_scores_and_double_answers(member, check_in):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        trajectories.answer_check_in(member, check_in, willing=9, able=3, learning="samen")
    trajectories.answer_check_in(member, check_in, willing=3, able=3, learning="samen")
    with pytest.raises(ValidationError):
        trajectories.answer_check_in(member, check_in, willing=3, able=3, learning="samen")
    assert CheckInAnswer.objects.count() == 1


def test_open_check_in_card_until_answered(member_client, member, school, check_in):
    home = reverse("core:home", args=[school.slug])
    assert "Check-in: hoe sta jij erin?" in member_client.get(home).content.decode()
    answer(member, check_in)
    assert "Check-in: hoe sta jij erin?" not in member_client.get(home).content.decode()


def test_scheduled_job_closes_check_ins_past_their_date(check_in):
    check_in.closes_on = timezone.localdate() - timedelta(days=1)
    check_in.save()
    assert trajectories.close_due_check_ins() == "1 check-ins gesloten"
    check_in.refresh_from_db()
    assert not check_in.is_open


# Embedding ---------------------------------------------------------------------------------


def test_embedding_and_due_review_card(tl_client, leader_client, member_client, school, trajectory, teacher_leader):
    today = timezone.localdate()
    response = tl_client.post(
        url("embedding-create", school, trajectory.pk),
        {"agreement": "Elke dag rekenmuur", "recorded_in": "Kwaliteitskaart", "review_on": today.isoformat()},
    )
    assert response.status_code == 302
    e = Embedding.objects.get()
    home = reverse("core:home", args=[school.slug])
    assert "Afspraken opnieuw bekijken" in tl_client.get(home).content.decode()
    assert "Afspraken opnieuw bekijken" in leader_client.get(home).content.decode()
    assert "Afspraken opnieuw bekijken" not in member_client.get(home).content.decode()
    assert trajectories.remind_due_reviews() == "1 herinneringen"
    assert trajectories.remind_due_reviews() == "0 herinneringen"
    assert Notification.objects.filter(user=teacher_leader, message__contains="opnieuw te bekijken").exists()
    tl_client.post(
        url("embedding-review", school, trajectory.pk, e.pk), {"next_review": (today + timedelta(days=90)).isoformat()}
    )
    e.refresh_from_db()
    assert e.review_on == today + timedelta(days=90) and e.reviewed_at is None
    assert "Afspraken opnieuw bekijken" not in tl_client.get(home).content.decode()


def test_embedding_bad_input(tl_client, school, trajectory):
    response = tl_client.post(
        url("embedding-create", school, trajectory.pk), {"agreement": "x", "recorded_in": "", "review_on": "2000-01-01"}
    )
    html = response.content.decode()
    assert "Kies een datum vanaf vandaag" in html and not Embedding.objects.exists()


def test_member_may_not_embed(member_client, school, trajectory):
    assert member_client.post(url("embedding-create", school, trajectory.pk), {}).status_code == 403


# Walls -------------------------------------------------------------------------------------


def test_outsider_gets_404_for_school_a_objects_through_own_slug(
    outsider_client, school, other_school, trajectory, check_in
):
    e = Embedding.objects.create(trajectory=trajectory, agreement="x", recorded_in="y", review_on=date(2030, 1, 1))
    m = Milestone.objects.create(
        trajectory=trajectory,
        phase="voorbereiden",
        title="m",
        planned_start=date(2026, 1, 1),
        planned_end=date(2026, 2, 1),
    )
    for s in (school, other_school):
        for name, args in [
            ("trajectory-detail", [trajectory.pk]),
            ("trajectory-edit", [trajectory.pk]),
            ("trajectory-phase", [trajectory.pk]),
            ("milestone-edit", [trajectory.pk, m.pk]),
            ("checkin-detail", [trajectory.pk, check_in.pk]),
            ("checkin-answer", [trajectory.pk, check_in.pk]),
            ("embedding-review", [trajectory.pk, e.pk]),
        ]:
            assert outsider_client.get(url(name, s, *args)).status_code == 404, (s, name)
        assert (
            outsider_client.post(
                url("checkin-answer", s, trajectory.pk, check_in.pk), {"willing": 3, "able": 3, "learning": "samen"}
            ).status_code
            == 404
        )
    assert not CheckInAnswer.objects.exists()


def test_check_in_of_another_trajectory_is_404(tl_client, school, trajectory, check_in, group, teacher_leader):
    other = Trajectory.objects.create(school=school, title="Ander", group=group, lead=teacher_leader)
    assert tl_client.get(url("checkin-detail", school, other.pk, check_in.pk)).status_code == 404


def test_events_record_phase_history(tl_client, school, trajectory):
    tl_client.post(url("trajectory-phase", school, trajectory.pk), {"phase": "uitproberen"})
    ev = TrajectoryEvent.objects.get()
    assert (ev.from_phase, ev.to_phase) == ("voorbereiden", "uitproberen")


def test_trajectory_and_check_in_pages_have_constant_queries(
    tl_client, school, trajectory, check_in, colleagues, teacher_leader, django_assert_max_num_queries
):
    detail = url("trajectory-detail", school, trajectory.pk)
    results = url("checkin-detail", school, trajectory.pk, check_in.pk)

    def grow(n):
        for i in range(n):
            Milestone.objects.create(
                trajectory=trajectory,
                phase="monitoren",
                title=f"m{i}",
                planned_start=date(2026, 1, 1),
                planned_end=date(2026, 2, 1),
            )
            TrajectoryEvent.objects.create(
                trajectory=trajectory, kind="vertragen", reason=f"r{i}", actor=teacher_leader
            )
            CheckIn.objects.create(trajectory=trajectory, question=f"c{i}", opened_by=teacher_leader)
            CheckInAnswer.objects.create(
                check_in=check_in,
                willing=3,
                able=3,
                learning="samen",
                remark=f"opm {i}",
                shared_by=teacher_leader if i % 2 else None,
            )

    grow(2)
    tl_client.get(detail)
    with django_assert_max_num_queries(30) as ctx:
        tl_client.get(detail)
    with django_assert_max_num_queries(30) as ctx2:
        tl_client.get(results)
    few, few2 = len(ctx.captured_queries), len(ctx2.captured_queries)  # known only until the next request
    grow(25)
    # warm again: the rows gave the school a new version (core.school_cache), so the header is cold
    tl_client.get(detail)
    with django_assert_max_num_queries(few):
        tl_client.get(detail)
    with django_assert_max_num_queries(few2):
        tl_client.get(results)


@pytest.mark.parametrize(
    "name,extra",
    [
        ("trajectory-edit", {}),
        ("trajectory-slowdown", {"slowing_down": "on", "reason": "x"}),
        ("milestone-create", {}),
        ("checkin-create", {}),
    ],
)
def test_member_may_read_but_not_steer(member_client, school, trajectory, name, extra):
    assert member_client.get(url("trajectory-detail", school, trajectory.pk)).status_code == 200
    assert member_client.get(url(name, school, trajectory.pk)).status_code == 403
    assert member_client.post(url(name, school, trajectory.pk), extra).status_code == 403
    trajectory.refresh_from_db()
    assert not trajectory.slowing_down and not trajectory.milestones.exists() and not trajectory.check_ins.exists()


def test_member_may_not_edit_a_milestone_or_review(member_client, school, trajectory):
    m = Milestone.objects.create(
        trajectory=trajectory,
        phase="voorbereiden",
        title="m",
        planned_start=date(2026, 1, 1),
        planned_end=date(2026, 2, 1),
    )
    e = Embedding.objects.create(trajectory=trajectory, agreement="x", recorded_in="y", review_on=date(2020, 1, 1))
    assert member_client.post(url("milestone-edit", school, trajectory.pk, m.pk), {"title": "weg"}).status_code == 403
    assert member_client.post(url("embedding-review", school, trajectory.pk, e.pk), {}).status_code == 403
    e.refresh_from_db()
    assert e.reviewed_at is None


def test_teacher_leader_cannot_hand_over_the_trajectory(tl_client, school, trajectory, member):
    response = tl_client.post(
        url("trajectory-edit", school, trajectory.pk),
        {"title": "Nieuw", "group": trajectory.group_id, "lead": member.pk},
    )
    assert response.status_code == 200
    trajectory.refresh_from_db()
    assert trajectory.lead != member and trajectory.title == "Rekenen met begrip"


def test_pages_work_in_english(member_client, school, trajectory, check_in, colleagues):
    for person in colleagues[:5]:
        answer(person, check_in)
    trajectories.close_check_in(None, check_in)
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = member_client.get(url("checkin-detail", school, trajectory.pk, check_in.pk)).content.decode()
    assert "Willing × able" in html and "How we prefer to learn" in html
    assert "Phases" in member_client.get(url("trajectory-detail", school, trajectory.pk)).content.decode()


def test_trajectory_page_shows_latest_outcome_only_above_threshold(
    member_client, school, trajectory, check_in, colleagues
):
    for person in colleagues[:4]:
        answer(person, check_in, w=4, a=2)
    trajectories.close_check_in(None, check_in)
    html = member_client.get(url("trajectory-detail", school, trajectory.pk)).content.decode()
    assert "nog te weinig antwoorden" in html and "gemiddeld bereid" not in html
    second = CheckIn.objects.create(trajectory=trajectory, question="Tweede")
    for person in colleagues[:5]:
        answer(person, second, w=4, a=2)
    trajectories.close_check_in(None, second)
    html = member_client.get(url("trajectory-detail", school, trajectory.pk)).content.decode()
    assert "gemiddeld bereid 4,0, in staat 2,0" in html
