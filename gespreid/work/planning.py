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
from . import problem as pr
from .apps import MAIL_KIND
from .models import (
    Assignment,
    Budget,
    BudgetConfirmation,
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
    confirmed: list = None  # BudgetConfirmation rows of the plan for this person

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
    def over_hours(self) -> Decimal:
        return -self.left if self.over else ZERO

    @property
    def over_cause(self) -> str:
        """What made the hours too many: "rollen" (the roles alone exceed the budget), "taken" (no role
        hours) or "taken en rollen"; empty when not over. Labels name the cause, never just "te veel"."""
        if not self.over:
            return ""
        if self.role_hours > self.split.tasks or (self.role_hours > 0 and self.task_hours <= 0):
            return "rollen"
        return "taken" if self.role_hours <= 0 else "taken en rollen"

    @property
    def over_label(self) -> str:
        """The tag for the hours tables: "te veel uren door rollen" and so on (translated)."""
        labels = {
            "rollen": _("te veel uren door rollen"),
            "taken": _("te veel uren door taken"),
            "taken en rollen": _("te veel uren door taken en rollen"),
        }
        return str(labels.get(self.over_cause, ""))

    @property
    def confirmed_hours(self) -> Decimal:
        return sum((c.hours_over for c in self.confirmed or []), ZERO)

    @property
    def over_unconfirmed(self) -> bool:
        """Over budget by more than the leader confirmed (with a reason) in this plan."""
        return self.over and -self.left > self.confirmed_hours

    @property
    def percent_used(self) -> int:
        if self.split.tasks <= 0:
            return 100 if self.used > 0 else 0
        return int(round(self.used * 100 / self.split.tasks))


def role_hours_by_person(school, year, per_dagdeel=None) -> dict:
    """User id -> facilitated hours of their roles and groups in the year. The one place role hours enter a
    budget. A role counts the larger of its agreed dagdelen and the dagdelen planned for it, a group its
    share per participant (facilitation.py), so a planned dagdeel is never counted twice."""
    if per_dagdeel is None:
        per_dagdeel = school_settings(school).hours_per_dagdeel
    return facilitation.facilitated_hours_by_user(school, year, per_dagdeel)


def core_hours(budget: Budget, function: str, rules: hours.CaoRules) -> Decimal:
    """The core work of a non-teaching function: the person's own figure (with a reason) or the board's default."""
    if budget.core_hours is not None:
        return budget.core_hours
    return rules.core_for(function, budget.fte)


def default_budget(school, year, membership) -> Budget:
    """A budget not yet saved: the membership's fte; the directie takes no tasks unless the leader opts them in."""
    return Budget(
        school=school,
        school_year=year,
        user=membership.user,
        fte=membership.fte,
        takes_tasks=membership.function not in NOT_IN_POOL,
    )


def budget_rows(school, year, users=None) -> list[BudgetRow]:
    """Every active member's split and use for the year (constant number of queries)."""
    rules = cao_rules(school)
    setting = school_settings(school)
    memberships = school.memberships.filter(is_active=True).select_related("user")
    budgets = Budget.objects.filter(school_year=year)
    assignments = Assignment.objects.filter(plan__school_year=year, plan__school=school).only("user_id", "hours")
    confirmations = BudgetConfirmation.objects.filter(plan__school_year=year, plan__school=school)
    if users is not None:  # only their rows (the home card asks for one person)
        memberships = memberships.filter(user__in=users)
        budgets, assignments = budgets.filter(user__in=users), assignments.filter(user__in=users)
        confirmations = confirmations.filter(user__in=users)
    budgets = {b.user_id: b for b in budgets} if year else {}
    role_hours: dict = {}
    task_hours: dict = {}
    confirmed: dict = {}
    if year is not None:
        role_hours = role_hours_by_person(school, year, setting.hours_per_dagdeel)
        for a in assignments:
            task_hours[a.user_id] = task_hours.get(a.user_id, ZERO) + a.hours
        for c in confirmations:
            confirmed.setdefault(c.user_id, []).append(c)
    rows = []
    for m in memberships:
        budget = budgets.get(m.user_id) or default_budget(school, year, m)
        teaching = budget.teaching_hours if m.function in hours.TEACHING_FUNCTIONS else ZERO
        s = hours.split(
            budget.fte,
            teaching,
            setting.preparation_percent,
            rules,
            senior=budget.senior,
            starter=budget.starter,
            agreement=budget.teaching_agreement,
            core=core_hours(budget, m.function, rules),
        )
        rows.append(
            BudgetRow(
                m.user,
                m,
                budget,
                s,
                role_hours.get(m.user_id, ZERO),
                task_hours.get(m.user_id, ZERO),
                confirmed.get(m.user_id, []),
            )
        )
    return rows


def over_budget_by_person(school, year, users) -> dict:
    """User id -> hours over budget (confirmed hours count as fitting) for those of ``users`` who are over
    (constant number of queries)."""
    out = {}
    for row in budget_rows(school, year, users=users):
        over = row.used - row.split.tasks - row.confirmed_hours
        if over > 0:
            out[row.user.pk] = hours.r1(over)
    return out


def over_budget(school, year, user, *, extra_hours=ZERO, minus_hours=ZERO):
    """How many hours ``user`` would be over their budget with ``extra_hours`` more (and ``minus_hours`` less,
    e.g. the old hours of a role being changed); ZERO when it fits. Confirmed hours count as fitting."""
    rows = budget_rows(school, year, users=[user])
    if not rows:
        return ZERO
    row = rows[0]
    over = row.used + extra_hours - minus_hours - row.split.tasks - row.confirmed_hours
    return hours.r1(over) if over > 0 else ZERO


def confirm_over_budget(plan, user, *, cause: str, hours_over, reason: str, actor) -> BudgetConfirmation:
    """The leader puts someone over their hours knowingly; the plan keeps and shows the reason."""
    with transaction.atomic():
        confirmation = BudgetConfirmation.objects.create(
            plan=plan, user=user, cause=cause[:200], hours_over=hours_over, reason=reason[:300], confirmed_by=actor
        )
        record(
            actor,
            "work.over_budget_confirmed",
            school=plan.school,
            target=plan,
            summary=f"{user}: {cause} +{hours_over} uur: {reason}",
        )
    return confirmation


def over_budget_message(user, cause: str, hours_over) -> str:
    return _(
        "%(person)s komt met %(cause)s %(hours)s uur boven het budget. Pas de uren aan, of bevestig met een reden "
        "dat het toch zo moet."
    ) % {"person": user.name, "cause": cause, "hours": hours_over}


def save_role(role: Role, actor, year, *, confirm_reason: str = "") -> Role:
    """Save a role (the holder hears of a new role). Refused (WorkflowError naming person, cause and hours)
    when it takes the holder over their hours, unless ``confirm_reason`` says why, which the plan keeps.

    The hours are those the budget counts (``role_hours_by_person``): dagdelen already planned for the role
    make agreed ones concrete, so only what the change really adds can take the holder over."""
    created = role.pk is None
    reason = confirm_reason.strip()
    confirmed = False
    try:
        with transaction.atomic():
            before = role_hours_by_person(role.school, year).get(role.holder_id, ZERO) if year is not None else ZERO
            role.save()
            if year is not None:
                after = role_hours_by_person(role.school, year).get(role.holder_id, ZERO)
                over = over_budget(role.school, year, role.holder) if after > before else ZERO
                if over > 0:
                    cause = _("de rol ‘%(title)s’") % {"title": role.title}
                    if not reason:
                        raise WorkflowError(over_budget_message(role.holder, cause, over))
                    plan = plan_for(role.school, year, create=True)
                    confirm_over_budget(plan, role.holder, cause=cause, hours_over=over, reason=reason, actor=actor)
                    confirmed = True
            record(
                actor,
                "work.role_saved",
                school=role.school,
                target=role,
                summary=f"{role.title}: {role.holder}" + (f"; boven budget: {reason}" if confirmed else ""),
            )
            if created and role.holder_id != actor.pk:
                notify(
                    role.school,
                    [role.holder],
                    _("Je hebt de rol ‘%(title)s’.") % {"title": role.title},
                    reverse("work:role-list", args=[role.school.slug]),
                    kind=MAIL_KIND,
                )
    except WorkflowError:
        if created:
            role.pk = None  # the insert was rolled back
        raise
    return role


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


def save_settings(school_settings: SchoolWorkSettings, cao: CaoSettings | None, actor) -> None:
    """The school's work settings and, when given (an administrator), the board's CAO settings."""
    with transaction.atomic():
        school_settings.save()
        if cao is not None:
            cao.save()
        record(
            actor,
            "work.settings_saved",
            school=school_settings.school,
            summary=f"{school_settings.preparation_percent}%",
        )


def save_task(task: Task, actor, *, areas, growth_areas) -> Task:
    """A new or changed task of the catalogue, with the areas it asks and the areas one can grow in."""
    with transaction.atomic():
        created = task.pk is None
        task.save()
        task.areas.set(areas)
        task.growth_areas.set(growth_areas)
        record(
            actor,
            "work.task_created" if created else "work.task_changed",
            school=task.school,
            target=task,
            summary=task.name,
        )
    return task


def delete_role(role: Role, actor) -> None:
    with transaction.atomic():
        record(actor, "work.role_deleted", school=role.school, target=role, summary=role.title)
        role.delete()


def save_plan_text(plan: Plan, actor) -> Plan:
    """The plan's own texts (introduction, agreements) changed by the leader."""
    with transaction.atomic():
        plan.save()
        record(actor, "work.plan_text", school=plan.school, target=plan, summary=str(plan.school_year))
    return plan


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


def build_problem(plan: Plan) -> tuple[pr.Problem, dict]:
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
        # Task hours already in the plan count against the budget only through the solver itself; hours the
        # leader confirmed over budget (with a reason) are room the solver may use.
        budget = float(row.split.tasks - row.role_hours + row.confirmed_hours)
        people.append(
            pr.Person(
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
        pr.TaskSpec(
            t.id,
            t.name,
            float(t.hours_per_person),
            max(0, t.headcount - outside.get(t.id, 0)),
            [a.id for a in t.areas.all()],
            [a.id for a in t.growth_areas.all()],
            level=t.expertise_level,
            learning=t.learning_place,
        )
        for t in tasks
    ]
    task_ids = {t.id for t in tasks}
    people_ids = {p.id for p in people}
    prefs = {(p.user_id, p.task_id): p.choice for p in Preference.objects.filter(school_year=year, task__in=tasks)}
    problem = pr.Problem(
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


def solve_plan(
    plan: Plan, actor, *, effort: float = 1.0, time_limit: float = allocation.TIME_CEILING
) -> allocation.Result:
    """Solve the plan and store the result: the plan's unpinned assignments are replaced by the proposal.
    Infeasible input changes nothing. The work is fixed (``effort``), so the same school gets the same
    distribution on a quiet or a busy server; ``time_limit`` is only the safety net. Callable from a
    background task as well as from a request."""
    _require_concept(plan)
    problem, lookup = build_problem(plan)
    result = allocation.solve(problem, time_limit=time_limit, effort=effort)
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
            # bulk_create sends no signal; plan.save() above, in this transaction, gave the school a new version.
            Assignment.objects.bulk_create(new)
        record(
            actor,
            "work.allocation_run",
            school=plan.school,
            target=plan,
            summary=f"{result.status}, {len(result.assignments)} toewijzingen, {sum(result.unfilled.values())} open plaatsen",
        )
    return result


def result_message(result: allocation.Result) -> str:
    if result.status == "OPTIMAL":
        return _("Nieuw voorstel gemaakt: de best mogelijke verdeling (bewezen).")
    if result.status == "FEASIBLE":
        return _("Nieuw voorstel gemaakt: een goede verdeling, op hoogstens %(gap)s%% van de best mogelijke.") % {
            "gap": round((result.gap or 0) * 100, 1)
        }
    return _("Er kon geen voorstel worden gemaakt. Lees hieronder waarom.")


def start_solve(plan: Plan, actor):
    """The leader starts a solve; a worker runs it (core.background) and the plan page polls its progress."""
    from gespreid.core import background

    _require_concept(plan)
    return background.start(plan.school, actor, "work.solve", plan.pk)


def solve_job(job, report) -> str:
    """What the worker runs for ``start_solve`` (registered in WorkConfig.ready)."""
    plan = Plan.objects.select_related("school", "school_year").get(pk=job.target_id, school=job.school)
    report(10, _("De verdeling wordt berekend…"))
    result = solve_plan(plan, job.started_by)
    return result_message(result)


run_allocation = solve_plan  # the earlier name


def add_assignment(plan: Plan, task: Task, user, actor, *, confirm_reason: str = "") -> Assignment:
    """The leader puts a person on a task; that is a pin (the next solve keeps it). Refused when it takes
    them over their hours (the message names person, task and hours), unless ``confirm_reason`` says why."""
    _require_concept(plan)
    with transaction.atomic():
        existing = Assignment.objects.filter(plan=plan, task=task, user=user).first()
        extra = task.hours_per_person - (existing.hours if existing else ZERO)
        over = over_budget(plan.school, plan.school_year, user, extra_hours=extra)
        if over > 0:
            cause = _("de taak ‘%(name)s’") % {"name": task.name}
            if not confirm_reason.strip():
                raise WorkflowError(over_budget_message(user, cause, over))
            confirm_over_budget(plan, user, cause=cause, hours_over=over, reason=confirm_reason.strip(), actor=actor)
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
            kind=MAIL_KIND,
        )
    return plan


def unconfirmed_over_budget(plan: Plan) -> list:
    """Budget rows of people over their hours in this plan without a confirmation that covers it."""
    return [r for r in budget_rows(plan.school, plan.school_year) if r.over_unconfirmed]


def open_consultation_round(plan: Plan):
    """The team's round on the plan that is still open (at most one), or None."""
    if plan.consultation_id is None:
        return None
    return next((r for r in plan.consultation.rounds.filter(closed_at__isnull=True) if r.is_open()), None)


def _close_consultation(plan: Plan, actor, why: str, now=None) -> bool:
    """Close the open team round on the plan (not adopted), telling those asked why. True when one was open."""
    from gespreid.decisions import consent

    round_ = open_consultation_round(plan)
    if round_ is None:
        return False
    text = _("Deze ronde is gesloten: %(why)s Je hoeft hier niet meer te reageren.") % {"why": why}
    consent.close_round(round_.pk, actor, adopt=False, decision_text=text, now=now)
    return True


def start_consultation(plan: Plan, actor, on=None, now=None, why: str = "") -> Plan:
    """Concept → teamraadpleging: a consent round for the whole team on the plan's proposal in decisions,
    opened at once (closing after ``CONSULTATION_DAYS``; the leader can change that on the proposal page).

    One consultation at a time: a plan that was put to the team before gets a new version of the same
    proposal, and a round of the earlier version that is still open is closed first (those asked are told
    why); the proposal's page shows both rounds in order. Refused while someone is over their hours without
    the leader's confirmation. The leader, as author, is not asked (decisions' rule)."""
    from gespreid.decisions import consent
    from gespreid.decisions.models import Round

    _require_concept(plan)
    if not plan.assignments.exists():
        raise WorkflowError(_("Er is nog geen verdeling om aan het team voor te leggen."))
    over = unconfirmed_over_budget(plan)
    if over:
        raise WorkflowError(
            _(
                "Het plan kan nog niet naar het team: %(people)s komen boven hun uren. Pas de verdeling aan, of "
                "bevestig met een reden dat het toch zo moet."
            )
            % {"people": ", ".join(f"{r.user.name} ({-r.left} uur)" for r in over)}
        )
    now = now or timezone.now()
    problem = _(
        "Het werkverdelingsplan voor %(year)s: wie welke taken doet, met de uren per persoon, de inzet van de "
        "werkdrukmiddelen en de pauzes. Geef aan of je ermee kunt werken, voordat de PMR om instemming wordt "
        "gevraagd."
    ) % {"year": plan.school_year}
    where = _("Het plan staat op")
    body = f"{problem}\n\n{where} {_plan_url(plan)}"
    title = (_("Werkverdelingsplan %(year)s") % {"year": plan.school_year})[:200]
    try:
        with transaction.atomic():
            proposal = plan.consultation
            if proposal is not None and proposal.decided_at is None:
                note = why or _("Het plan is aangepast na de vorige ronde.")
                _close_consultation(
                    plan, actor, _("er is een nieuwe versie van het plan (%(why)s).") % {"why": note}, now=now
                )
                consent.edit_proposal(proposal, actor, title=title, problem=problem, body=body, note=note[:500])
            else:
                if proposal is not None:
                    earlier = reverse("decisions:proposal-detail", args=[plan.school.slug, proposal.pk])
                    body += "\n\n" + _("Eerdere versie: %(url)s") % {"url": earlier}
                proposal = consent.create_proposal(plan.school, actor, title=title, problem=problem, body=body)
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
    if open_consultation_round(plan) is not None:
        raise WorkflowError(
            _(
                "De teamraadpleging loopt nog. De PMR stemt in met de versie die het team heeft gezien: sluit eerst de ronde."
            )
        )
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
            kind=MAIL_KIND,
        )
    return plan


def close_consultation_early(plan: Plan, actor, now=None):
    """The leader closes the team round before its announced time, in the open: the outcome (decisions'
    ``early_close_note``) says it closed early, when and by whom, how many responded, and that those who
    had not responded count as "niet gereageerd" (their time had not run out, so their silence is no consent)."""
    from gespreid.decisions import consent

    round_ = open_consultation_round(plan)
    if round_ is None:
        raise WorkflowError(_("Er loopt geen teamraadpleging over dit plan."))
    ok, _why = consent.can_adopt(round_)
    try:
        outcome = consent.close_round(round_.pk, actor, adopt=ok, now=now)
    except consent.DecisionError as e:
        raise WorkflowError(str(e)) from e
    record(actor, "work.consultation_closed_early", school=plan.school, target=plan, summary=str(plan.school_year))
    return outcome


def round_counts(round_) -> dict:
    """Who was asked, who responded, who did not (yet)."""
    invited = [inv.user for inv in round_.invitations.select_related("user").order_by("user__name")]
    responded = set(round_.responses.values_list("user_id", flat=True))
    return {
        "invited": len(invited),
        "responded": len(responded),
        "silent": [u for u in invited if u.id not in responded],
    }


def reopen(plan: Plan, actor, why: str = "") -> Plan:
    """Back to concept (for example after the team asked for changes). The dates so far are cleared, and a
    team round that is still open closes (those asked are told why): the next version gets a round of its own."""
    if plan.status == PlanStatus.CONCEPT:
        raise WorkflowError(_("Het plan is al een concept."))
    with transaction.atomic():
        note = why.strip() or _("het plan gaat terug naar concept om het aan te passen")
        _close_consultation(plan, actor, _("%(why)s. Er volgt een nieuwe versie.") % {"why": note.rstrip(".")})
        plan.status = PlanStatus.CONCEPT
        plan.pmr_consent_on = plan.adopted_on = None
        plan.save(update_fields=["status", "pmr_consent_on", "adopted_on"])
        record(actor, "work.plan_reopened", school=plan.school, target=plan, summary=f"{plan.school_year}: {note}")
    return plan
