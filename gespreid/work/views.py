from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core import school_cache
from gespreid.core.access import leader_required, member_required
from gespreid.core.models import Bouw
from gespreid.core.params import query_choice

from . import planning
from .explain import assignment_text, problem_text
from .forms import (
    AssignForm,
    BudgetForm,
    CaoSettingsForm,
    ConfirmOverForm,
    PlanTextForm,
    PreferencesForm,
    ReasonForm,
    RetireForm,
    RoleForm,
    SchoolSettingsForm,
    StepDateForm,
    TaskForm,
)
from .models import Assignment, Budget, CaoSettings, Exclusion, PlanStatus, Preference, Role, SchoolWorkSettings, Task


def get_task_for_member(request, pk):
    return get_object_or_404(request.school.work_tasks.all(), pk=pk)


def get_role_for_member(request, pk):
    return get_object_or_404(request.school.work_roles.all(), pk=pk)


def get_assignment_for_member(request, pk):
    return get_object_or_404(
        Assignment.objects.filter(plan__school=request.school).select_related("plan", "task", "user"), pk=pk
    )


def get_exclusion_for_member(request, pk):
    return get_object_or_404(
        Exclusion.objects.filter(plan__school=request.school).select_related("plan", "task", "user"), pk=pk
    )


def get_member_user_for_member(request, user_id):
    membership = get_object_or_404(
        request.school.memberships.filter(is_active=True).select_related("user"), user_id=user_id
    )
    return membership


def _year(request):
    if request.school_year is None:
        raise Http404("Geen schooljaar.")
    return request.school_year


def _may_see_plan(request, plan) -> bool:
    return plan is not None and (
        request.membership.can_manage or plan.shared_at is not None or plan.status != PlanStatus.CONCEPT
    )


@member_required
def overview(request):
    year = request.school_year
    row = None
    mine, roles, plan = [], [], None
    if year is not None:
        rows = planning.budget_rows(request.school, year, users=[request.user])
        row = rows[0] if rows else None
        plan = planning.plan_for(request.school, year)
        if _may_see_plan(request, plan):
            mine = list(plan.assignments.filter(user=request.user).select_related("task"))
        roles = list(planning.roles_in_year(request.school, year).filter(holder=request.user))
    area_names = dict(request.school.expertise_areas.values_list("id", "name"))
    for a in mine:
        a.explanation = assignment_text(a.parts, area_names)
    return render(
        request,
        "work/overview.html",
        {
            "row": row,
            "mine": mine,
            "roles": roles,
            "plan": plan,
            "year": year,
            "prefs_count": Preference.objects.filter(user=request.user, school_year=year).count() if year else 0,
        },
    )


# --- Budgets -------------------------------------------------------------------------------------


@leader_required
def budget_list(request):
    year = _year(request)
    bouw = query_choice(request, "bouw", Bouw.values)
    rows = planning.budget_rows(request.school, year)
    if bouw:  # the hours of one bouw, e.g. to see how the onderbouw's tasks are spread
        rows = [r for r in rows if r.membership.bouw == bouw]
    totals = {
        "tasks": sum((r.split.tasks for r in rows), Decimal("0")),
        "used": sum((r.used for r in rows), Decimal("0")),
        "teaching": sum((r.split.teaching for r in rows), Decimal("0")),
    }
    return render(
        request,
        "work/budget_list.html",
        {
            "rows": rows,
            "year": year,
            "totals": totals,
            "bouw": bouw,
            "bouw_choices": Bouw.choices,
            "settings": planning.school_settings(request.school),
            "rules": planning.cao_rules(request.school),
        },
    )


@leader_required
def budget_edit(request, user_id):
    year = _year(request)
    membership = get_member_user_for_member(request, user_id)
    budget = Budget.objects.filter(school_year=year, user=membership.user).first() or Budget(
        school=request.school,
        school_year=year,
        user=membership.user,
        fte=membership.fte,
        takes_tasks=membership.function not in planning.NOT_IN_POOL,
    )
    form = BudgetForm(request.POST or None, instance=budget, function=membership.function)
    if request.method == "POST" and form.is_valid():
        planning.save_budget(form.save(commit=False), request.user)
        messages.success(request, _("Het budget van %(name)s is opgeslagen.") % {"name": membership.user.name})
        return redirect("work:budget-list", request.school.slug)
    row = planning.budget_rows(request.school, year, users=[membership.user])[0]
    return render(request, "work/budget_edit.html", {"form": form, "person": membership.user, "row": row, "year": year})


@leader_required
def settings_edit(request):
    school_settings = SchoolWorkSettings.objects.filter(school=request.school).first() or SchoolWorkSettings(
        school=request.school
    )
    cao = CaoSettings.objects.filter(board=request.school.board).first() or CaoSettings(board=request.school.board)
    may_edit_cao = request.membership.is_admin
    form = SchoolSettingsForm(request.POST or None, instance=school_settings, prefix="school")
    cao_form = CaoSettingsForm(request.POST or None, instance=cao, prefix="cao") if may_edit_cao else None
    if request.method == "POST":
        valid = form.is_valid() and (cao_form is None or cao_form.is_valid())
        if valid:
            cao = cao_form.save(commit=False) if cao_form is not None else None
            planning.save_settings(form.save(commit=False), cao, request.user)
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("work:budget-list", request.school.slug)
    return render(request, "work/settings.html", {"form": form, "cao_form": cao_form, "cao": cao})


# --- Tasks --------------------------------------------------------------------------------------


@member_required
def task_list(request):
    tasks = list(request.school.work_tasks.select_related("priority").prefetch_related("areas", "growth_areas"))
    active = [t for t in tasks if t.retired_at is None]
    retired = [t for t in tasks if t.retired_at is not None]
    return render(
        request,
        "work/task_list.html",
        {"active": active, "retired": retired, "total_hours": sum((t.total_hours for t in active), Decimal("0"))},
    )


@leader_required
@require_POST
def task_defaults(request):
    added = planning.install_default_tasks(request.school)
    messages.success(request, _("%(n)s standaardtaken toegevoegd.") % {"n": added})
    return redirect("work:task-list", request.school.slug)


@leader_required
def task_create(request):
    return _task_form(request, Task(school=request.school))


@leader_required
def task_edit(request, pk):
    return _task_form(request, get_task_for_member(request, pk))


def _task_form(request, task):
    form = TaskForm(request.POST or None, instance=task, school=request.school)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        task = planning.save_task(
            form.save(commit=False), request.user, areas=data["areas"], growth_areas=data["growth_areas"]
        )
        messages.success(request, _("Taak ‘%(name)s’ is opgeslagen.") % {"name": task.name})
        return redirect("work:task-list", request.school.slug)
    return render(request, "work/task_form.html", {"form": form, "task": task, "retire_form": RetireForm()})


@leader_required
@require_POST
def task_retire(request, pk):
    task = get_task_for_member(request, pk)
    form = RetireForm(request.POST)
    if form.is_valid():
        planning.retire_task(task, request.user, form.cleaned_data["reason"])
        messages.success(
            request, _("Taak ‘%(name)s’ is opgeruimd; de geschiedenis blijft bewaard.") % {"name": task.name}
        )
    else:
        messages.error(request, _("De reden is te lang (hoogstens 300 tekens)."))
    return redirect("work:task-list", request.school.slug)


@leader_required
@require_POST
def task_restore(request, pk):
    task = get_task_for_member(request, pk)
    planning.restore_task(task, request.user)
    messages.success(request, _("Taak ‘%(name)s’ staat weer in de lijst.") % {"name": task.name})
    return redirect("work:task-list", request.school.slug)


# --- Preferences --------------------------------------------------------------------------------


@member_required
def preferences(request):
    year = _year(request)
    row = planning.budget_rows(request.school, year, users=[request.user])[0]
    if not row.budget.takes_tasks:
        # The directie (unless opted in) takes no part in the distribution: nothing to ask them.
        return render(request, "work/preferences.html", {"year": year, "outside": True})
    tasks = request.school.work_tasks.filter(retired_at__isnull=True)
    current = dict(Preference.objects.filter(user=request.user, school_year=year).values_list("task_id", "choice"))
    form = PreferencesForm(request.POST or None, tasks=tasks, current=current)
    if request.method == "POST" and form.is_valid():
        planning.save_preferences(request.user, year, form.choices())
        messages.success(request, _("Je voorkeuren zijn opgeslagen."))
        return redirect("work:overview", request.school.slug)
    return render(request, "work/preferences.html", {"form": form, "year": year})


# --- Roles --------------------------------------------------------------------------------------


@leader_required
def role_create(request):
    from django.utils import timezone

    start = request.school_year.starts_on if request.school_year else timezone.localdate()
    return _role_form(request, Role(school=request.school, starts_on=start))


@leader_required
def role_edit(request, pk):
    return _role_form(request, get_role_for_member(request, pk))


def _role_form(request, role):
    form = RoleForm(request.POST or None, instance=role, school=request.school)
    if request.method == "POST" and form.is_valid():
        role = form.save(commit=False)
        try:
            planning.save_role(
                role, request.user, request.school_year, confirm_reason=form.cleaned_data.get("over_reason", "")
            )
        except planning.WorkflowError as e:
            form.add_error("over_reason", str(e))
        else:
            messages.success(request, _("Rol ‘%(title)s’ is opgeslagen.") % {"title": role.title})
            return redirect("work:role-list", request.school.slug)
    return render(request, "work/role_form.html", {"form": form, "role": role})


@leader_required
@require_POST
def role_delete(request, pk):
    planning.delete_role(get_role_for_member(request, pk), request.user)
    messages.success(request, _("De rol is verwijderd."))
    return redirect("work:role-list", request.school.slug)


# --- Plan ---------------------------------------------------------------------------------------


def _plan_context(request, plan, year):
    rows = planning.budget_rows(request.school, year)
    area_names = dict(request.school.expertise_areas.values_list("id", "name"))
    people = {r.user.id: r.user.name for r in rows}
    assignments = list(plan.assignments.select_related("task", "user").order_by("task__name", "user__name"))
    tasks = {t.id: t for t in request.school.work_tasks.all()}
    by_task: dict = {}
    for a in assignments:
        # Reasons mention preferences and levels: only the leader and the person themself see them.
        if request.membership.can_manage or a.user_id == request.user.id:
            a.explanation = assignment_text(a.parts, area_names)
        by_task.setdefault(a.task_id, []).append(a)
    task_rows = []
    for t in sorted((t for t in tasks.values() if t.retired_at is None or t.id in by_task), key=lambda t: t.name):
        task_rows.append(
            {"task": t, "assignments": by_task.get(t.id, []), "open": max(0, t.headcount - len(by_task.get(t.id, [])))}
        )
    task_names = {k: t.name for k, t in tasks.items()}
    problems = [problem_text(code, args, people, task_names, area_names) for code, args in plan.problems]
    return {
        "plan": plan,
        "year": year,
        "rows": rows,
        "task_rows": task_rows,
        "problems": problems,
        "exclusions": list(plan.exclusions.select_related("task", "user")),
        "open_places": sum(r["open"] for r in task_rows),
        "over_budget": [r for r in rows if r.over],
        "plan_confirmations": list(plan.budget_confirmations.select_related("user")),
        "may_manage": request.membership.can_manage,
        "editable": request.membership.can_manage and plan.is_concept,
    }


def _round_context(consultation_round) -> dict:
    """The team round on the plan (or None) and whether it is open now (its closing time may pass any minute)."""
    return {
        "consultation_round": consultation_round,
        "round_open": consultation_round is not None and consultation_round.is_open(),
    }


@member_required
def plan_detail(request):
    """The plan. Kept rendered (``core.school_cache``, see ``_kept_plan_parts``); every form and CSRF token is
    rendered on every request."""
    year = request.school_year
    if year is None:
        return render(request, "work/no_year.html")
    may_manage = request.membership.can_manage
    plan, consultation_round = school_cache.cached_value(
        request, "work-plan", lambda: _plan_and_round(request.school, year, may_manage), year.pk, may_manage
    )
    if not _may_see_plan(request, plan):
        return render(request, "work/plan_hidden.html", {"year": year})
    context = {"plan": plan, "year": year, "may_manage": may_manage, "editable": may_manage and plan.is_concept}
    context |= _round_context(consultation_round)
    context |= _kept_plan_parts(request, plan, year, context)
    if may_manage:
        context["solve_job"] = _solve_job(request, plan)
    return render(request, "work/plan_detail.html", context)


def _solve_job(request, plan):
    """The plan's latest solve. A finished one is kept: a new solve is a new row, so a new school version. One
    still queued or running is read on every request: the worker writes its progress with ``update()``."""
    from gespreid.core import background

    read = []

    def latest():
        read.append(True)
        return background.latest(request.school, "work.solve", plan.pk)

    job = school_cache.cached_value(request, "work-plan-solve", latest, plan.pk)
    return latest() if job is not None and not job.is_finished and not read else job


def _plan_and_round(school, year, create: bool):
    plan = planning.plan_for(school, year, create=create)
    return plan, (plan.consultation_round if plan is not None else None)


def _kept_plan_parts(request, plan, year, context) -> dict:
    """The plan page's kept parts: the workflow (+ whether the round is open now), the read-only body (+ leader
    or member, and the person for members: they see only their own reasons; its per-assignment buttons submit
    one form outside it) and, for leaders, the data of their sections. The whole plan's data is computed at
    most once, and only when a part is missing."""
    full = []

    def data():
        if not full:
            full.append(_plan_context(request, plan, year))
        return full[0]

    may_manage = context["may_manage"]
    parts = {
        "workflow": school_cache.cached_html(
            request,
            "work-plan-workflow",
            lambda: render_to_string("work/_workflow.html", context, request=request),
            year.pk,
            f"open={context['round_open']}",
        ),
        "body": school_cache.cached_html(
            request,
            "work-plan-body",
            lambda: render_to_string("work/_plan_body.html", {**data(), "fold": True}, request=request),
            year.pk,
            "leider" if may_manage else "lid",
            per_person=not may_manage,
        ),
    }
    if may_manage:
        parts |= school_cache.cached_value(request, "work-plan-leader", lambda: _leader_data(data()), year.pk)
        parts |= _leader_form_fields(request, plan, year)
    return parts


def _leader_form_fields(request, plan, year) -> dict:
    """The fields inside the leader's forms, unbound (every POST redirects back here): the page renders each
    ``<form>`` with its CSRF token around them."""
    forms = {
        "assign_fields": lambda: AssignForm(school=request.school),
        "text_fields": lambda: PlanTextForm(instance=plan),
        "date_fields": StepDateForm,
        "reason_fields": ReasonForm,
    }

    def fields(make_form):
        return lambda: render_to_string("core/form_fields.html", {"form": make_form()}, request=request)

    return {
        name: school_cache.cached_html(request, f"work-plan-{name.replace('_', '-')}", fields(make), year.pk)
        for name, make in forms.items()
    }


def _leader_data(data) -> dict:
    """What the leader's own sections show besides their forms (small: the problems, who is over, exclusions)."""
    return {"problems": data["problems"], "over_budget": data["over_budget"], "exclusions": data["exclusions"]}


@member_required
def plan_print(request):
    year = _year(request)
    plan = planning.plan_for(request.school, year)
    if not _may_see_plan(request, plan):
        raise Http404("Nog geen plan.")
    context = _plan_context(request, plan, year) | _round_context(plan.consultation_round)
    return render(request, "work/plan_print.html", context)


@member_required
def plan_export(request):
    from .export import plan_workbook

    year = _year(request)
    plan = planning.plan_for(request.school, year)
    if not _may_see_plan(request, plan):
        raise Http404("Nog geen plan.")
    data = plan_workbook(_plan_context(request, plan, year), request.school)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="werkverdelingsplan-{request.school.slug}-{year}.xlsx"'
    return response


def _leader_plan(request):
    year = _year(request)
    return planning.plan_for(request.school, year, create=True)


def _back(request):
    return redirect("work:plan-detail", request.school.slug)


@leader_required
@require_POST
def plan_solve(request):
    """The solve runs in a worker; the plan page shows its progress (htmx polling) and then the result."""
    plan = _leader_plan(request)
    try:
        planning.start_solve(plan, request.user)
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def assignment_add(request):
    plan = _leader_plan(request)
    form = AssignForm(request.POST, school=request.school)
    if not form.is_valid():
        messages.error(request, _("Kies een taak en een collega."))
        return _back(request)
    try:
        planning.add_assignment(
            plan,
            form.cleaned_data["task"],
            form.cleaned_data["user"],
            request.user,
            confirm_reason=form.cleaned_data.get("over_reason", ""),
        )
        messages.success(request, _("Toegevoegd en vastgezet."))
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def assignment_pin(request, pk):
    assignment = get_assignment_for_member(request, pk)
    try:
        planning.set_pinned(assignment, request.POST.get("pinned") == "1", request.user)
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def assignment_remove(request, pk):
    assignment = get_assignment_for_member(request, pk)
    try:
        planning.remove_assignment(assignment, request.user, exclude=request.POST.get("exclude") == "1")
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def exclusion_delete(request, pk):
    exclusion = get_exclusion_for_member(request, pk)
    try:
        planning.delete_exclusion(exclusion, request.user)
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def plan_text(request):
    plan = _leader_plan(request)
    form = PlanTextForm(request.POST, instance=plan)
    if form.is_valid():
        planning.save_plan_text(form.save(commit=False), request.user)
        messages.success(request, _("De teksten van het plan zijn opgeslagen."))
    else:
        messages.error(request, _("Een tekst is te lang. Maak hem korter."))
    return _back(request)


def _step(request, action, done: str, form_class=None):
    """One workflow step: run ``action(plan, form data)``, say ``done`` or the reason it is not possible."""
    plan = _leader_plan(request)
    form = (form_class or StepDateForm)(request.POST)
    if not form.is_valid():
        messages.error(request, _("De datum of de reden klopt niet."))
        return _back(request)
    try:
        action(plan, form.cleaned_data)
        messages.success(request, done)
    except planning.WorkflowError as e:
        messages.error(request, str(e))
    return _back(request)


@leader_required
@require_POST
def plan_share(request):
    return _step(
        request, lambda plan, d: planning.share_concept(plan, request.user), _("Het team kan het concept nu zien.")
    )


@leader_required
@require_POST
def plan_consult(request):
    return _step(
        request,
        lambda plan, d: planning.start_consultation(plan, request.user, why=d.get("why", "")),
        _("Het plan ligt voor aan het team."),
        ReasonForm,
    )


@leader_required
@require_POST
def plan_pmr(request):
    return _step(
        request,
        lambda plan, d: planning.record_pmr_consent(plan, request.user, d.get("on")),
        _("De instemming van de PMR is vastgelegd."),
    )


@leader_required
@require_POST
def plan_adopt(request):
    return _step(
        request,
        lambda plan, d: planning.adopt(plan, request.user, d.get("on")),
        _("Het werkverdelingsplan is vastgesteld."),
    )


@leader_required
@require_POST
def plan_reopen(request):
    return _step(
        request,
        lambda plan, d: planning.reopen(plan, request.user, d.get("why", "")),
        _("Het plan is weer een concept."),
        ReasonForm,
    )


@leader_required
def plan_close_round(request):
    """Close the team round before its time: first a page with how many responded, then the choice."""
    plan = planning.plan_for(request.school, _year(request))  # no plan is created on this page
    round_ = planning.open_consultation_round(plan) if plan is not None else None
    if round_ is None:
        messages.error(request, _("Er loopt geen teamraadpleging over dit plan."))
        return _back(request)
    if request.method == "POST":
        try:
            planning.close_consultation_early(plan, request.user)
            messages.success(request, _("De teamraadpleging is vroeg gesloten; de uitkomst zegt dat."))
        except planning.WorkflowError as e:
            messages.error(request, str(e))
        return _back(request)
    return render(
        request,
        "work/close_round.html",
        {"plan": plan, "round": round_, "counts": planning.round_counts(round_), "year": plan.school_year},
    )


@leader_required
@require_POST
def plan_confirm_over(request):
    """The leader confirms, with a reason, that someone stays over their hours in this plan."""
    plan = _leader_plan(request)
    form = ConfirmOverForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een reden (hoogstens 300 tekens)."))
        return _back(request)
    membership = get_member_user_for_member(request, form.cleaned_data["user"])
    over = planning.over_budget(request.school, plan.school_year, membership.user)
    if over <= 0:
        messages.error(request, _("%(name)s zit niet boven de uren.") % {"name": membership.user.name})
        return _back(request)
    planning.confirm_over_budget(
        plan,
        membership.user,
        cause=_("de verdeling van taken en rollen"),
        hours_over=over,
        reason=form.cleaned_data["reason"],
        actor=request.user,
    )
    messages.success(request, _("Vastgelegd, met de reden, in het plan."))
    return _back(request)
