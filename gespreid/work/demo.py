"""Demo data for the work app: budgets, preferences, roles and an adopted werkverdelingsplan.

Works with or without the other apps' demo data (expertise entries, priorities, groups): it looks
them up with querysets and does without when they are absent. Idempotent: the adopted plan of the
first school is the marker.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from gespreid.core.models import Function
from gespreid.decisions import consent
from gespreid.decisions.models import Response

from . import planning
from .models import Budget, Choice, Plan, PlanStatus, Preference, Role

TEACHING_PER_FTE = {
    Function.TEACHER: Decimal("930"),
    Function.SUBJECT_TEACHER: Decimal("900"),
    Function.SPECIALIST: Decimal("600"),
    Function.INTERNAL_SUPERVISOR: Decimal("200"),
    Function.ASSISTANT: Decimal("0"),
    Function.DIRECTOR: Decimal("0"),
}


def seed(demo) -> None:
    for school in demo.schools:
        year = demo.years[school.id]
        planning.install_default_tasks(school)
        _budgets(school, year, demo)
    school = demo.school
    year = demo.years[school.id]
    if Plan.objects.filter(school_year=year, status=PlanStatus.ADOPTED).exists():
        return
    _preferences(school, year, demo)
    _roles(school, year, demo)
    _adopted_plan(school, year, demo)
    from . import demo_facilitation  # an announced role and planned dagdelen (issue 15)

    demo_facilitation.seed(school, year, demo)


def _budgets(school, year, demo):
    existing = set(Budget.objects.filter(school_year=year).values_list("user_id", flat=True))
    new = []
    for i, m in enumerate(school.memberships.filter(is_active=True).select_related("user").order_by("user__email")):
        if m.user_id in existing:
            continue
        teaching = (TEACHING_PER_FTE.get(m.function, Decimal("900")) * m.fte).quantize(Decimal("1"))
        new.append(
            Budget(
                school=school,
                school_year=year,
                user=m.user,
                fte=m.fte,
                teaching_hours=teaching,
                senior=(i % 9 == 4),
                starter=(i % 11 == 6),
                takes_tasks=m.function not in planning.NOT_IN_POOL,
            )
        )
    Budget.objects.bulk_create(new)


def _preferences(school, year, demo):
    tasks = list(school.work_tasks.filter(retired_at__isnull=True))
    choices = [Choice.GLADLY, Choice.GLADLY, Choice.CAN, Choice.CAN, Choice.CAN, Choice.RATHER_NOT]
    rows = []
    done = set(Preference.objects.filter(school_year=year).values_list("user_id", "task_id"))
    for user in demo.staff[school.id]:
        for task in demo.rng.sample(tasks, min(5, len(tasks))):
            if (user.id, task.id) not in done:
                rows.append(Preference(school_year=year, user=user, task=task, choice=demo.rng.choice(choices)))
    # tl@ likes arithmetic tasks, lid@ would rather not do BHV.
    for email, name, choice in (
        ("tl@demo.test", "Rekencoördinator", Choice.GLADLY),
        ("lid@demo.test", "BHV", Choice.RATHER_NOT),
    ):
        task = school.work_tasks.filter(name=name).first()
        if task:
            Preference.objects.filter(school_year=year, user=demo.user(email), task=task).delete()
            rows = [r for r in rows if not (r.user_id == demo.user(email).id and r.task_id == task.id)]
            rows.append(Preference(school_year=year, user=demo.user(email), task=task, choice=choice))
    Preference.objects.bulk_create(rows)


def _roles(school, year, demo):
    if Role.objects.filter(school=school).exists():
        return
    # The role sits with arithmetic: its priority and the PLG on rekenen (never whatever comes first).
    priority = school.priorities.filter(title__icontains="reken").first()
    group = school.work_groups.filter(school_year=year, name__icontains="reken").first()
    Role.objects.create(
        school=school,
        holder=demo.user("tl@demo.test"),
        title="Rekencoördinator",
        kind="formeel",
        responsibilities="Bewaakt de doorgaande lijn rekenen, analyseert de toetsresultaten met de bouwen en coacht collega's bij "
        "het nieuwe rekenonderwijs.",
        authorities="Kiest samen met de werkgroep de aanpak voor rekenen; beslist over de inzet van het rekenbudget (tot € 2.000).",
        when_to_ask="Je hebt een vraag over rekendidactiek, een leerling die vastloopt of de toetsresultaten.",
        dagdelen=Decimal("12"),
        starts_on=year.starts_on,
        ends_on=year.starts_on + timedelta(days=2 * 365),
        priority=priority,
        group=group,
        salary_scale="L11",
    )
    other = next(
        (u for u in demo.staff[school.id] if u.email not in ("leider@demo.test", "tl@demo.test", "lid@demo.test")), None
    )
    if other is not None:
        Role.objects.create(
            school=school,
            holder=other,
            title="Aanjager leesplezier",
            kind="informeel",
            responsibilities="Deelt nieuwe kinderboeken, organiseert de voorleesweek en helpt collega's aan ideeën.",
            authorities="Mag boeken bestellen voor de schoolbibliotheek binnen het leesbudget.",
            when_to_ask="Je zoekt een goed boek voor je groep of een idee voor leesbevordering.",
            dagdelen=Decimal("2"),
            starts_on=year.starts_on,
        )


def _adopted_plan(school, year, demo):
    leader = demo.user("leider@demo.test")
    plan = planning.plan_for(school, year, create=True)
    if plan.status != PlanStatus.CONCEPT:
        planning.reopen(plan, leader)
    rekenen = school.work_tasks.filter(name="Rekencoördinator").first()
    if rekenen:
        planning.add_assignment(plan, rekenen, demo.user("tl@demo.test"), leader)
    parents = school.work_tasks.filter(name="Ouderbetrokkenheid").first()
    if parents:
        planning.add_assignment(plan, parents, demo.user("lid@demo.test"), leader)
    planning.solve_plan(plan, leader, effort=0.5)
    plan.funds_text = (
        "We zetten de werkdrukmiddelen in voor een extra onderwijsassistent (0,8 fte) in groep 3 tot en met 5 en "
        "voor vier studiedagen zonder lesgevende taken. Het team koos hiervoor in de teamvergadering van juni."
    )
    plan.breaks_text = (
        "Iedereen heeft dagelijks een pauze van 30 minuten zonder toezicht; het pleinrooster wisselt per week."
    )
    plan.other_text = (
        "Bij ziekte vervangen we eerst uit de invalpool van het bestuur; daarna schuiven de onderwijsassistenten in."
    )
    plan.save(update_fields=["funds_text", "breaks_text", "other_text"])
    start = year.starts_on - timedelta(days=60)
    plan.shared_at = plan.solved_at = timezone.make_aware(datetime.combine(start - timedelta(days=7), time(16, 0)))
    plan.save(update_fields=["shared_at", "solved_at"])
    # One consultation, answered by part of the team and closed when its time ran out; then the PMR and adoption.
    opened = timezone.make_aware(datetime.combine(start, time(9, 0)))
    planning.start_consultation(plan, leader, on=start, now=opened)
    round_ = plan.consultation.rounds.get()
    asked = [inv.user for inv in round_.invitations.select_related("user").order_by("user__email")]
    for i, user in enumerate(asked[: max(1, len(asked) * 2 // 3)]):
        consent.respond(round_.pk, user, kind=Response.CONSENT, now=opened + timedelta(days=1, hours=i % 8))
    consent.close_round(round_.pk, None, now=round_.closes_at)
    planning.record_pmr_consent(plan, leader, on=start + timedelta(days=21))
    planning.adopt(plan, leader, on=start + timedelta(days=28))
