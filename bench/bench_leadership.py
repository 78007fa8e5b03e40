"""facilitation_calendar_* and development_plan_*: issue 15's two busiest pages, in a database of 500 schools.

- the school calendar of facilitated time for a school of 60 staff with a year of dagdelen (30 role holders,
  one dagdeel a fortnight each, plus a PLG of 8 meeting monthly), against the same school with 10 dagdelen
  for the query count;
- a teacher leader's development page (POP with 10 goals and 30 activities, 6 self-assessments, 4 coaching
  series, 6 feedback requests), against a POP with one goal and one activity.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from bench.common import emit, ensure_schools, logged_in_client, page_stats

STAFF = 60


def ensure_staffed_school(slug, name, board, brin):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from gespreid.core.models import Membership, School, SchoolYear, school_year_bounds, school_year_start

    school = School.objects.filter(slug=slug).first()
    if school is not None:
        return school
    start, end = school_year_bounds(school_year_start(timezone.localdate()))
    with transaction.atomic():
        school = School.objects.create(board=board, name=name, slug=slug, brin=brin, town="Utrecht")
        SchoolYear.objects.create(school=school, starts_on=start, ends_on=end)
        users = get_user_model().objects.bulk_create(
            [get_user_model()(email=f"p{j}@{slug}.test", name=f"Collega {j:02d}", password="!") for j in range(STAFF)]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, school=school, fte=Decimal("0.8"), is_leader=(j == 0)) for j, u in enumerate(users)]
        )
    return school


def _people(school):
    return [m.user for m in school.memberships.select_related("user").order_by("user__email")]


def ensure_dagdelen(school, per_person: int):
    from gespreid.groups.models import Group, GroupMember
    from gespreid.work.models import Dagdeel, Role

    if Dagdeel.objects.filter(school=school).exists():
        return
    year = school.current_year()
    people = _people(school)
    with transaction.atomic():
        roles = Role.objects.bulk_create(
            [
                Role(
                    school=school,
                    holder=people[i + 1],
                    title=f"Rol {i}",
                    responsibilities="Coördineert.",
                    dagdelen=Decimal(per_person),
                    starts_on=year.starts_on,
                )  # fmt: skip
                for i in range(30)
            ]
        )
        rows = []
        for i, role in enumerate(roles):
            for k in range(per_person):
                day = year.starts_on + timedelta(weeks=2 * k + 1, days=i % 5)
                day -= timedelta(days=max(0, day.weekday() - 4))  # a weekday
                rows.append(
                    Dagdeel(
                        school=school,
                        school_year=year,
                        user=role.holder,
                        role=role,
                        date=day,
                        part="ochtend" if i % 2 else "middag",
                        during_school=k % 4 != 0,
                    )  # fmt: skip
                )
        group = Group.objects.create(
            school=school, school_year=year, name="PLG lezen", kind="plg", lead=people[40],
            facilitated_hours=Decimal("80"),
        )  # fmt: skip
        GroupMember.objects.bulk_create([GroupMember(group=group, user=u) for u in people[41:48]])
        if per_person > 2:
            for month in range(10):
                day = year.starts_on + timedelta(days=30 * month + 10)
                day -= timedelta(days=max(0, day.weekday() - 3))
                rows += [
                    Dagdeel(school=school, school_year=year, user=u, group=group, date=day, part="middag")
                    for u in people[40:48]
                ]
        Dagdeel.objects.bulk_create(rows, ignore_conflicts=True)


def ensure_pop(school, user, goals, activities, assessments, series):
    from gespreid.development.models import (
        Activity,
        CoachingSeries,
        DevelopmentPlan,
        FeedbackRequest,
        Goal,
        SelfAssessment,
    )
    from gespreid.development.skills import SKILL_KEYS

    year = school.current_year()
    if DevelopmentPlan.objects.filter(school_year=year, user=user).exists():
        return
    leader = _people(school)[0]
    areas = list(school.expertise_areas.all()[:goals])
    with transaction.atomic():
        plan = DevelopmentPlan.objects.create(school=school, school_year=year, user=user)
        made = Goal.objects.bulk_create(
            [Goal(plan=plan, title=f"Doel {i}", area=areas[i % len(areas)] if areas else None) for i in range(goals)]
        )
        Activity.objects.bulk_create(
            [
                Activity(
                    plan=plan,
                    goal=made[i % goals],
                    title=f"Activiteit {i}",
                    hours=Decimal("4"),
                    cost=Decimal("100"),
                    status=["idee", "aangevraagd", "toegekend"][i % 3],
                    shared=i % 3 > 0,
                )  # fmt: skip
                for i in range(activities)
            ]
        )
        SelfAssessment.objects.bulk_create(
            [
                SelfAssessment(school=school, user=user, scores={k: 1 + (i + j) % 5 for j, k in enumerate(SKILL_KEYS)})
                for i in range(assessments)
            ]
        )
        for i in range(series):
            CoachingSeries.objects.create(school=school, coach=leader, coachee=user, title=f"Reeks {i}")
            FeedbackRequest.objects.create(school=school, asker=user, leader=leader, question="Hoe doe ik het?")


def run():
    first = ensure_schools()
    big = ensure_staffed_school("bench-leiderschap", "Benchschool leiderschap", first.board, "99ZZ")
    small = ensure_staffed_school("bench-leiderschap-klein", "Benchschool leiderschap klein", first.board, "98ZZ")
    ensure_dagdelen(big, per_person=20)
    ensure_dagdelen(small, per_person=1)
    from gespreid.work.models import Dagdeel

    count = Dagdeel.objects.filter(school=big).count()
    member = _people(big)[50]
    stats = page_stats(logged_in_client(member), reverse("work:facilitation-calendar", args=[big.slug]))
    emit(
        "facilitation_calendar_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to=f"{STAFF} staff, {count} dagdelen in the school year, 500 schools in the database",
    )
    small_member = _people(small)[50]
    small_stats = page_stats(
        logged_in_client(small_member), reverse("work:facilitation-calendar", args=[small.slug]), n=10
    )
    emit(
        "facilitation_calendar_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries with {Dagdeel.objects.filter(school=small).count()} dagdelen",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    holder, small_holder = _people(big)[1], _people(small)[1]
    ensure_pop(big, holder, goals=10, activities=30, assessments=6, series=4)
    ensure_pop(small, small_holder, goals=1, activities=1, assessments=1, series=1)
    stats = page_stats(logged_in_client(holder), reverse("development:home", args=[big.slug]))
    emit(
        "development_plan_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to="POP with 10 goals, 30 activities, 6 self-assessments, 4 coaching series; 500 schools",
    )
    small_stats = page_stats(logged_in_client(small_holder), reverse("development:home", args=[small.slug]), n=10)
    emit(
        "development_plan_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries for a POP with 1 goal and 1 activity",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
