"""Demo data: two POPs (tl@ and lid@), a self-assessment twice, a coaching series with agreements, feedback."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from .models import (
    Activity,
    ActivityStatus,
    AgendaItem,
    Agreement,
    CoachingMeeting,
    CoachingSeries,
    DevelopmentPlan,
    FeedbackRequest,
    Goal,
    SelfAssessment,
    TrainingBudget,
)
from .skills import SKILL_KEYS


def seed(demo) -> None:
    school = demo.school
    year = demo.years[school.id]
    if DevelopmentPlan.objects.filter(school_year=year).exists():
        return
    leader, tl, lid = demo.user("leider@demo.test"), demo.user("tl@demo.test"), demo.user("lid@demo.test")
    TrainingBudget.objects.get_or_create(school_year=year, defaults={"school": school, "amount": Decimal("12000")})
    priority = school.priorities.filter(is_active=True).first()
    coaching_area = school.expertise_areas.filter(key="coaching").first()
    reading_area = school.expertise_areas.filter(key="begrijpend-lezen").first()

    plan = DevelopmentPlan.objects.create(school=school, school_year=year, user=tl)
    goal = Goal.objects.create(
        plan=plan,
        title="Collega's coachen bij het nieuwe rekenonderwijs",
        why="Ik ben rekenspecialist, maar coachen van collega's vind ik nog lastig.",
        area=coaching_area,
        priority=priority,
        shared=True,
    )
    Activity.objects.create(
        plan=plan, goal=goal, kind="cursus", title="Cursus coachend begeleiden (4 dagdelen)",
        hours=Decimal("16"), cost=Decimal("695"), status=ActivityStatus.ACCEPTED, shared=True,
        decided_by=leader, decided_at=timezone.now() - timedelta(days=20),
    )  # fmt: skip
    Activity.objects.create(
        plan=plan, goal=goal, kind="lesbezoek", title="Twee lesbezoeken bij collega's in de middenbouw",
        hours=Decimal("4"), shared=True, status=ActivityStatus.REQUESTED,
    )  # fmt: skip
    private = Goal.objects.create(plan=plan, title="Beter nee zeggen", why="Voor mezelf.")
    Activity.objects.create(plan=plan, goal=private, kind="literatuur", title="Boek over grenzen stellen", hours=3)

    plan = DevelopmentPlan.objects.create(school=school, school_year=year, user=lid)
    goal = Goal.objects.create(
        plan=plan, title="Begrijpend lezen in groep 5 sterker maken", area=reading_area, shared=True
    )
    Activity.objects.create(
        plan=plan, goal=goal, kind="schoolbezoek", title="Bezoek aan De Regenboog (leesaanpak)",
        hours=Decimal("4"), shared=True,
    )  # fmt: skip
    Activity.objects.create(plan=plan, goal=goal, kind="intervisie", title="Intervisie met de bouw", hours=Decimal("6"))

    rng = demo.rng
    for shift in (0, 1):
        SelfAssessment.objects.create(
            school=school,
            user=tl,
            scores={k: min(5, max(1, 2 + shift + rng.choice((0, 0, 1, -1)))) for k in SKILL_KEYS},
        )
    SelfAssessment.objects.filter(user=tl).update(created_at=timezone.now() - timedelta(days=120))
    latest = SelfAssessment.objects.filter(user=tl).order_by("pk").last()
    SelfAssessment.objects.filter(pk=latest.pk).update(created_at=timezone.now() - timedelta(days=10), shared=True)

    series = CoachingSeries.objects.create(
        school=school, coach=leader, coachee=tl, title="Groeien als rekencoördinator"
    )
    AgendaItem.objects.create(series=series, author=tl, text="Hoe krijg ik de bovenbouw mee in de nieuwe aanpak?")
    AgendaItem.objects.create(series=series, author=leader, text="Terugblik op de studiedag rekenen")
    today = timezone.localdate()
    Agreement.objects.create(
        series=series, author=leader, text="Tim presenteert de toetsanalyse in de teamvergadering",
        follow_up_on=today + timedelta(days=7),
    )  # fmt: skip
    Agreement.objects.create(
        series=series, author=tl, text="Lea zegt in het team hardop wat Tim mag beslissen over rekenen",
        follow_up_on=today - timedelta(days=3), done=True,
    )  # fmt: skip
    CoachingMeeting.objects.create(
        series=series,
        starts_at=timezone.make_aware(datetime.combine(today + timedelta(days=5), time(15, 15))),
        minutes=45,
        place="Directiekamer",
    )
    FeedbackRequest.objects.create(
        school=school, asker=tl, leader=leader,
        question="Hoe zie jij mijn rol in de werkgroep rekenen: stuur ik te veel of te weinig?",
    )  # fmt: skip
