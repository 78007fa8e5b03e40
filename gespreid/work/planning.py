"""The work app's database side: budgets per person, the allocation run, leader changes and the plan's workflow.

Every write with side effects is one function here: state change + audit record + notifications in one
transaction. Views stay thin.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core.audit import record
from gespreid.core.models import Function
from gespreid.core.notify import notify

from . import allocation, facilitation, hours
from .models import (
    Assignment,
    Budget,
    CaoSettings,
    Exclusion,
    Plan,
    PlanStatus,
    Preference,
    Role,
    SchoolWorkSettings,
    Task,
)

ZERO = Decimal("0")
# Without a budget of their own, the school's leadership does not take tasks from the pool.
NOT_IN_POOL = {Function.DIRECTOR, Function.DEPUTY}
# How long the team's consent round on the plan stays open (the leader can change the closing date).
CONSULTATION_DAYS = 14


class WorkflowError(Exception):
    """A step that is not possible now; the message is shown to the leader."""


def cao_rules(school) -> hours.CaoRules:
    settings = CaoSettings.objects.filter(board_id=school.board_id).first()
    return settings.rules() if settings else hours.CaoRules()


def school_settings(school) -> SchoolWorkSettings:
    obj = SchoolWorkSettings.objects.filter(school=school).first()
    return obj or SchoolWorkSettings(school=school)


def roles_in_year(school, year):
    return Role.objects.filter(school=school, starts_on__lte=year.ends_on).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=year.starts_on)
    )


def plan_for(school, year, create: bool = False):
    if year is None:
        return None
    if create:
        return Plan.objects.get_or_create(school=school, school_year=year)[0]
    return Plan.objects.filter(school=school, school_year=year).select_related("consultation").first()


@dataclass
class BudgetRow:
    user: object
    membership: object
    budget: Budget
    split: hours.Split
    role_hours: Decimal
    task_hours: Decimal

    @property
    def used(self) -> Decimal:
        return self.role_hours + self.task_hours

    @property
    def left(self) -> Decimal:
        return self.split.tasks - self.used

    @property
    def over(self) -> bool:
        return self.left < 0

    @property
    def percent_used(self) -> int:
        if self.split.tasks <= 0:
            return 100 if self.used > 0 else 0
        return int(round(self.used * 100 / self.split.tasks))


def budget_rows(school, year, users=None) -> list[BudgetRow]:
    """Every active member's split and use for the year (constant number of queries)."""
    rules = cao_rules(school)
    setting = school_settings(school)
    memberships = school.memberships.filter(is_active=True).select_related("user")
    if users is not None:
        memberships = memberships.filter(user__in=users)
    budgets = {b.user_id: b for b in Budget.objects.filter(school_year=year)} if year else {}
    role_hours: dict = {}
    task_hours: dict = {}
    if year is not None:
        # Roles and groups, from their dagdelen: the one source (facilitation.py), never counted twice.
        role_hours = facilitation.facilitated_hours_by_user(school, year, setting.hours_per_dagdeel)
        for a in Assignment.objects.filter(plan__school_year=year, plan__school=school).only("user_id", "hours"):
            task_hours[a.user_id] = task_hours.get(a.user_id, ZERO) + a.hours
    rows = []
    for m in memberships:
        budget = budgets.get(m.user_id) or Budget(
            school=school, school_year=year, user=m.user, fte=m.fte, takes_tasks=m.function not in NOT_IN_POOL
        )
        s = hours.split(
            budget.fte,
            budget.teaching_hours,
            setting.preparation_percent,
            rules,
            senior=budget.senior,
            starter=budget.starter,
            agreement=budget.teaching_agreement,
        )
        rows.append(BudgetRow(m.user, m, budget, s, role_hours.get(m.user_id, ZERO), task_hours.get(m.user_id, ZERO)))
    return rows


def save_budget(budget: Budget, actor) -> Budget:
    with transaction.atomic():
        budget.save()
        record(
            actor,
            "work.budget_saved",
            school=budget.school,
            target=budget,
            summary=f"{budget.user}: {budget.teaching_hours} lesuren, {budget.fte} fte",
        )
    return budget


# --- Tasks --------------------------------------------------------------------------------------

DEFAULT_TASKS = [
    # name, description, hours per person, headcount, needed area keys, growth area keys
    (
        "ICT-coördinator",
        "Zorgt voor werkende ICT, helpt collega's en houdt het ICT-beleid bij.",
        60,
        1,
        ["ict-digitale-geletterdheid"],
        [],
    ),
    (
        "Rekencoördinator",
        "Bewaakt de doorgaande lijn rekenen, analyseert opbrengsten en coacht collega's.",
        60,
        1,
        ["rekenen-wiskunde"],
        ["coaching"],
    ),
    (
        "Taal- en leescoördinator",
        "Bewaakt de doorgaande lijn taal en lezen en het leesplezier.",
        60,
        1,
        ["taal-lezen", "begrijpend-lezen"],
        ["coaching"],
    ),
    (
        "Cultuurcoördinator",
        "Maakt het cultuurplan en regelt voorstellingen en museumbezoek.",
        40,
        1,
        ["kunstzinnige-orientatie"],
        ["organisatie"],
    ),
    ("BHV", "Bedrijfshulpverlening: ontruimingsoefeningen en eerste hulp.", 16, 3, [], []),
    (
        "Bouwcoördinator onderbouw",
        "Leidt het bouwoverleg van groep 1 tot en met 4.",
        40,
        1,
        ["organisatie"],
        ["jonge-kind"],
    ),
    (
        "Bouwcoördinator bovenbouw",
        "Leidt het bouwoverleg van groep 5 tot en met 8.",
        40,
        1,
        ["organisatie"],
        ["communicatie"],
    ),
    ("Opleider in de school", "Begeleidt studenten en startende leerkrachten.", 50, 1, ["coaching", "feedback"], []),
    (
        "Ouderbetrokkenheid",
        "Contact met ouderraad en ouders, informatieavonden.",
        20,
        2,
        ["ouderbetrokkenheid"],
        ["communicatie"],
    ),
    ("Werkgroep-lid speerpunt", "Werkt in een werkgroep aan een speerpunt van de school.", 30, 4, [], ["onderzoek"]),
    (
        "Gedragsspecialist / anti-pestcoördinator",
        "Aanspreekpunt voor gedrag en het pestprotocol.",
        30,
        1,
        ["gedragsproblemen"],
        ["pedagogisch-klimaat"],
    ),
    (
        "Coördinator meer- en hoogbegaafdheid",
        "Plusklas en signalering van meer- en hoogbegaafde leerlingen.",
        30,
        1,
        ["hoogbegaafdheid"],
        [],
    ),
    (
        "Sportdag en schoolreis",
        "Organiseert de sportdag en de schoolreis.",
        20,
        2,
        ["organisatie"],
        ["bewegingsonderwijs"],
    ),
    ("Vieringen en feesten", "Sinterklaas, kerst, Pasen en de laatste schooldag.", 15, 3, [], ["organisatie"]),
    (
        "Wetenschap en techniek",
        "Techniekkast, projecten en de doorgaande lijn W&T.",
        20,
        1,
        ["wetenschap-techniek"],
        ["onderzoek"],
    ),
]


@transaction.atomic
def install_default_tasks(school) -> int:
    """Give a school the common tasks it does not have yet (by name). Returns how many were added."""
    existing = set(school.work_tasks.values_list("name", flat=True))
    areas = {a.key: a for a in school.expertise_areas.all()}
    added = 0
    for name, description, per_person, headcount, needed, grow in DEFAULT_TASKS:
        if name in existing:
            continue
        task = Task.objects.create(
            school=school, name=name, description=description, hours_per_person=Decimal(per_person), headcount=headcount
        )
        task.areas.set([areas[k] for k in needed if k in areas])
        task.growth_areas.set([areas[k] for k in grow if k in areas])
        added += 1
    return added


def retire_task(task: Task, actor, reason: str = "") -> Task:
    with transaction.atomic():
        task.retired_at = timezone.now()
        task.retired_reason = reason[:300]
        task.save(update_fields=["retired_at", "retired_reason"])
        # Open concept plans drop the task; adopted plans keep it as history.
        Assignment.objects.filter(task=task, plan__status=PlanStatus.CONCEPT).delete()
        record(actor, "work.task_retired", school=task.school, target=task, summary=f"{task.name}: {reason}")
    return task


def restore_task(task: Task, actor) -> Task:
    with transaction.atomic():
        task.retired_at = None
        task.retired_reason = ""
        task.save(update_fields=["retired_at", "retired_reason"])
        record(actor, "work.task_restored", school=task.school, target=task, summary=task.name)
    return task


def save_preferences(user, year, choices: dict) -> None:
    """``choices``: task -> choice or "" (no answer). Only the person themself calls this."""
    with transaction.atomic():
        for task, choice in choices.items():
            if choice:
                Preference.objects.update_or_create(school_year=year, user=user, task=task, defaults={"choice": choice})
            else:
                Preference.objects.filter(school_year=year, user=user, task=task).delete()


# --- Allocation ---------------------------------------------------------------------------------


def build_problem(plan: Plan) -> tuple[allocation.Problem, dict]:
    """Plain data for the solver from the database, plus lookups (names, task objects)."""
    from gespreid.expertise.models import ExpertiseEntry

    school, year = plan.school, plan.school_year
    rows = budget_rows(school, year)
    pinned = list(plan.assignments.filter(pinned=True).values_list("user_id", "task_id"))
    tasks = list(school.work_tasks.filter(retired_at__isnull=True).prefetch_related("areas", "growth_areas"))
    levels: dict = {}
    growth: dict = {}
    for e in ExpertiseEntry.objects.filter(school_year=year).values("user_id", "area_id", "level", "wants_growth"):
        if e["level"]:
            levels.setdefault(e["user_id"], {})[e["area_id"]] = e["level"]
        if e["wants_growth"]:
            growth.setdefault(e["user_id"], set()).add(e["area_id"])
    people = []
    for row in rows:
        if not row.budget.takes_tasks:
            continue
        # Task hours already in the plan count against the budget only through the solver itself.
        budget = float(row.split.tasks - row.role_hours)
        people.append(
            allocation.Person(
                row.user.id,
                row.user.name,
                max(0.0, budget),
                levels.get(row.user.id, {}),
                growth.get(row.user.id, set()),
            )
        )
    # Pinned people outside the pool fill their places already.
    in_pool = {p.id for p in people}
    outside: dict = {}
    for u, t in pinned:
        if u not in in_pool:
            outside[t] = outside.get(t, 0) + 1
    specs = [
        allocation.TaskSpec(
            t.id,
            t.name,
            float(t.hours_per_person),
            max(0, t.headcount - outside.get(t.id, 0)),
            [a.id for a in t.areas.all()],
            [a.id for a in t.growth_areas.all()],
        )
        for t in tasks
    ]
    task_ids = {t.id for t in tasks}
    people_ids = {p.id for p in people}
    prefs = {(p.user_id, p.task_id): p.choice for p in Preference.objects.filter(school_year=year, task__in=tasks)}
    problem = allocation.Problem(
        people=people,
        tasks=specs,
        preferences=prefs,
        pins={(u, t) for u, t in pinned if t in task_ids and u in people_ids},
        exclusions={(u, t) for u, t in plan.exclusions.values_list("user_id", "task_id")},
    )
    return problem, {"tasks": {t.id: t for t in tasks}, "rows": rows}


def _require_concept(plan: Plan):
    if plan.status != PlanStatus.CONCEPT:
        raise WorkflowError(
            _("Het plan is niet meer in concept. Zet het eerst terug naar concept om iets te veranderen.")
        )


def run_allocation(plan: Plan, actor, time_limit: float = 4.0) -> allocation.Result:
    """Solve and replace the plan's unpinned assignments with the proposal. Infeasible input changes nothing."""
    _require_concept(plan)
    problem, lookup = build_problem(plan)
    result = allocation.solve(problem, time_limit=time_limit)
    with transaction.atomic():
        plan.solver_status = result.status
        plan.objective, plan.bound = result.objective, result.bound
        plan.solve_seconds = result.seconds
        plan.solved_at = timezone.now()
        plan.problems = [[code, args] for code, args in result.problems]
        plan.unfilled = {str(k): v for k, v in result.unfilled.items()}
        plan.save()
        if result.status in ("OPTIMAL", "FEASIBLE"):
            plan.assignments.filter(pinned=False).delete()
            kept = {(a.user_id, a.task_id): a for a in plan.assignments.all()}
            new = []
            for pid, tid in result.assignments:
                parts = [list(p) for p in result.parts.get((pid, tid), [])]
                if (pid, tid) in kept:
                    a = kept[(pid, tid)]
                    a.parts = parts
                    a.save(update_fields=["parts"])
                    continue
                new.append(
                    Assignment(
                        plan=plan, task_id=tid, user_id=pid, hours=lookup["tasks"][tid].hours_per_person, parts=parts
                    )
                )
            Assignment.objects.bulk_create(new)
        record(
            actor,
            "work.allocation_run",
            school=plan.school,
            target=plan,
            summary=f"{result.status}, {len(result.assignments)} toewijzingen, {sum(result.unfilled.values())} open plaatsen",
        )
    return result


def add_assignment(plan: Plan, task: Task, user, actor) -> Assignment:
    """The leader puts a person on a task; that is a pin (the next solve keeps it)."""
    _require_concept(plan)
    with transaction.atomic():
        Exclusion.objects.filter(plan=plan, task=task, user=user).delete()
        a, _created = Assignment.objects.update_or_create(
            plan=plan,
            task=task,
            user=user,
            defaults={"hours": task.hours_per_person, "pinned": True, "by_leader": True},
        )
        if not a.parts:
            a.parts = [["manual", 0, {}]]
            a.save(update_fields=["parts"])
        record(actor, "work.assignment_added", school=plan.school, target=a, summary=f"{user} → {task.name}")
    return a


def set_pinned(assignment: Assignment, pinned: bool, actor) -> Assignment:
    _require_concept(assignment.plan)
    with transaction.atomic():
        assignment.pinned = pinned
        assignment.save(update_fields=["pinned"])
        record(
            actor,
            "work.assignment_pinned" if pinned else "work.assignment_unpinned",
            school=assignment.plan.school,
            target=assignment,
            summary=f"{assignment.user} → {assignment.task.name}",
        )
    return assignment


def remove_assignment(assignment: Assignment, actor, exclude: bool = False) -> None:
    """Take someone off a task; with ``exclude`` the solver will not put them back."""
    plan = assignment.plan
    _require_concept(plan)
    with transaction.atomic():
        if exclude:
            Exclusion.objects.get_or_create(plan=plan, task=assignment.task, user=assignment.user)
        record(
            actor,
            "work.assignment_removed",
            school=plan.school,
            target=plan,
            summary=f"{assignment.user} ✕ {assignment.task.name}{' (uitgesloten)' if exclude else ''}",
        )
        assignment.delete()


def delete_exclusion(exclusion: Exclusion, actor) -> None:
    _require_concept(exclusion.plan)
    with transaction.atomic():
        record(
            actor,
            "work.exclusion_removed",
            school=exclusion.plan.school,
            target=exclusion.plan,
            summary=f"{exclusion.user} / {exclusion.task.name}",
        )
        exclusion.delete()


# --- Workflow -----------------------------------------------------------------------------------


def _team(school):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(memberships__school=school, memberships__is_active=True)


def _plan_url(plan):
    return reverse("work:plan-detail", args=[plan.school.slug])


def share_concept(plan: Plan, actor) -> Plan:
    """Let the team see the concept allocation (before anything is final)."""
    _require_concept(plan)
    if not plan.assignments.exists():
        raise WorkflowError(_("Er is nog geen verdeling om te delen. Laat eerst een voorstel maken."))
    with transaction.atomic():
        plan.shared_at = timezone.now()
        plan.save(update_fields=["shared_at"])
        record(actor, "work.plan_shared", school=plan.school, target=plan, summary=str(plan.school_year))
        notify(
            plan.school,
            _team(plan.school).exclude(pk=actor.pk),
            _("De concept-taakverdeling %(year)s staat klaar. Kijk welke taken voor jou zijn voorgesteld.")
            % {"year": plan.school_year},
            _plan_url(plan),
        )
    return plan


def start_consultation(plan: Plan, actor, on=None, now=None) -> Plan:
    """Concept → teamraadpleging: a proposal in decisions with a consent round for the whole team, opened at
    once (closing after ``CONSULTATION_DAYS``; the leader can change that on the proposal page), linked from
    the plan. The round's opening notifies everyone asked; the leader, as author, is not asked (decisions'
    rule)."""
    from gespreid.decisions import consent
    from gespreid.decisions.models import Round

    _require_concept(plan)
    if not plan.assignments.exists():
        raise WorkflowError(_("Er is nog geen verdeling om aan het team voor te leggen."))
    now = now or timezone.now()
    problem = _(
        "Het werkverdelingsplan voor %(year)s: wie welke taken doet, met de uren per persoon, de inzet van de "
        "werkdrukmiddelen en de pauzes. Geef aan of je ermee kunt werken, voordat de PMR om instemming wordt "
        "gevraagd."
    ) % {"year": plan.school_year}
    where = _("Het plan staat op")
    body = f"{problem}\n\n{where} {_plan_url(plan)}"
    try:
        with transaction.atomic():
            proposal = consent.create_proposal(
                plan.school,
                actor,
                title=(_("Werkverdelingsplan %(year)s") % {"year": plan.school_year})[:200],
                problem=problem,
                body=body,
            )
            consent.open_round(
                proposal,
                actor,
                kind=Round.CONSENT,
                audience=Round.TEAM,
                closes_at=now + timedelta(days=CONSULTATION_DAYS),
                now=now,
            )
            plan.consultation = proposal
            plan.status = PlanStatus.CONSULTATION
            plan.consultation_on = on or timezone.localdate()
            plan.shared_at = plan.shared_at or now
            plan.save()
            record(actor, "work.plan_consultation", school=plan.school, target=plan, summary=str(plan.school_year))
    except consent.DecisionError as e:
        plan.refresh_from_db()
        raise WorkflowError(str(e)) from e
    return plan


def record_pmr_consent(plan: Plan, actor, on=None) -> Plan:
    if plan.status != PlanStatus.CONSULTATION:
        raise WorkflowError(_("De PMR-instemming volgt op de teamraadpleging."))
    with transaction.atomic():
        plan.status = PlanStatus.PMR
        plan.pmr_consent_on = on or timezone.localdate()
        plan.save(update_fields=["status", "pmr_consent_on"])
        record(actor, "work.plan_pmr_consent", school=plan.school, target=plan, summary=str(plan.pmr_consent_on))
    return plan


def adopt(plan: Plan, actor, on=None) -> Plan:
    if plan.status != PlanStatus.PMR:
        raise WorkflowError(_("Vaststellen kan pas als de PMR-instemming is vastgelegd."))
    with transaction.atomic():
        plan.status = PlanStatus.ADOPTED
        plan.adopted_on = on or timezone.localdate()
        plan.save(update_fields=["status", "adopted_on"])
        record(actor, "work.plan_adopted", school=plan.school, target=plan, summary=str(plan.adopted_on))
        notify(
            plan.school,
            _team(plan.school).exclude(pk=actor.pk),
            _("Het werkverdelingsplan %(year)s is vastgesteld.") % {"year": plan.school_year},
            _plan_url(plan),
        )
    return plan


def reopen(plan: Plan, actor) -> Plan:
    """Back to concept (for example after the team asked for changes). The dates so far are cleared."""
    if plan.status == PlanStatus.CONCEPT:
        raise WorkflowError(_("Het plan is al een concept."))
    with transaction.atomic():
        plan.status = PlanStatus.CONCEPT
        plan.pmr_consent_on = plan.adopted_on = None
        plan.save(update_fields=["status", "pmr_consent_on", "adopted_on"])
        record(actor, "work.plan_reopened", school=plan.school, target=plan, summary=str(plan.school_year))
    return plan
