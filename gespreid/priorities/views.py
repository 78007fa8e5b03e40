from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import leader_required, member_required, pick_year

from . import analysis, changes, charts, gaps
from .forms import MAX_ACTIVE, GapRouteForm, PriorityForm, RequirementForm, VacancyDraftForm


def get_priority_for_member(request, pk):
    return get_object_or_404(
        request.school.priorities.select_related("owner", "first_year", "last_year", "school__board"), pk=pk
    )


def get_requirement_for_member(request, pk):
    from .models import Requirement

    return get_object_or_404(
        Requirement.objects.filter(priority__school=request.school).select_related("priority", "area"), pk=pk
    )


def _too_many(count: int) -> str:
    return _(
        "Jullie hebben %(n)s actieve speerpunten. Minder is vaak meer: met vijf of minder houdt het team focus. "
        "Kun je er een afronden of samenvoegen?"
    ) % {"n": count}


@member_required
def priority_list(request):
    year = pick_year(request)
    running = analysis.with_requirements(analysis.for_year(request.school, year).order_by("title"))
    rows = []
    for priority, priority_gaps in analysis.analyse(request.school, year, running):
        rows.append(
            {
                "priority": priority,
                "gaps": priority_gaps,
                "coverage": gaps.coverage(priority_gaps),
                "worst": gaps.worst_status(priority_gaps),
                "chart": charts.coverage_chart(priority_gaps),
                "counts": {  # as read: a gap someone trains for or shares is not counted as missing
                    s: sum(1 for g in priority_gaps if g.shown_status == s)
                    for s in (gaps.COVERED, gaps.SHORT, gaps.FRAGILE, gaps.MISSING, gaps.DEVELOPING, gaps.SHARED)
                },
            }
        )
    running_ids = [r["priority"].id for r in rows]
    others = (
        request.school.priorities.exclude(id__in=running_ids)
        .select_related("first_year", "last_year")
        .order_by("-is_active", "title")
    )
    return render(
        request,
        "priorities/priority_list.html",
        {
            "rows": rows,
            "year": year,
            "years": request.school.years.all(),
            "others": others,
            "warning": _too_many(len(rows)) if len(rows) > MAX_ACTIVE else "",
        },
    )


@leader_required
def priority_create(request):
    form = PriorityForm(
        request.POST or None, school=request.school, initial={"first_year": request.school_year, "owner": request.user}
    )
    if request.method == "POST" and form.is_valid():
        priority = changes.save_priority(request.user, request.school, form.cleaned_data)
        messages.success(
            request,
            _("Speerpunt '%(title)s' toegevoegd. Geef nu aan welke expertise het nodig heeft.")
            % {"title": priority.title},
        )
        count = analysis.for_year(request.school, request.school_year).count()
        if count > MAX_ACTIVE:
            messages.warning(request, _too_many(count))
        return redirect("priorities:priority-detail", request.school.slug, priority.id)
    count = analysis.for_year(request.school, request.school_year).count()
    return render(
        request,
        "priorities/priority_form.html",
        {
            "form": form,
            "warning": _too_many(count + 1) if count + 1 > MAX_ACTIVE else "",
        },
        status=400 if form.is_bound else 200,
    )


@leader_required
def priority_edit(request, pk):
    priority = get_priority_for_member(request, pk)
    form = PriorityForm(request.POST or None, instance=priority, school=request.school)
    if request.method == "POST" and form.is_valid():
        changes.save_priority(request.user, request.school, form.cleaned_data, priority)
        messages.success(request, _("Speerpunt opgeslagen."))
        return redirect("priorities:priority-detail", request.school.slug, priority.id)
    return render(
        request,
        "priorities/priority_form.html",
        {"form": form, "priority": priority},
        status=400 if form.is_bound else 200,
    )


@member_required
def priority_detail(request, pk):
    return _render_detail(request, get_priority_for_member(request, pk))


def _render_detail(request, priority, requirement_form=None):
    year = pick_year(request)
    priority = analysis.with_requirements(
        request.school.priorities.filter(pk=priority.pk).select_related("owner", "first_year", "last_year")
    ).get()
    ((_p, priority_gaps),) = analysis.analyse(
        request.school, year, [priority], with_helpers=True, show_names=request.membership.is_leader
    )
    context = {
        "priority": priority,
        "gaps": priority_gaps,
        "coverage": gaps.coverage(priority_gaps),
        "chart": charts.coverage_chart(priority_gaps),
        "year": year,
        "years": request.school.years.all(),
        "running": analysis.is_running(priority, year),
        "board_allowed": request.school.board.allow_cross_school_search,
        "groups": list(priority.work_groups.select_related("school_year").order_by("-school_year__starts_on", "name")),
        "trajectories": list(priority.trajectories.only("id", "title")),
        "proposals": list(priority.proposals.only("id", "title", "decided_at")[:10]),
    }
    if request.membership.can_manage:
        context["requirement_form"] = requirement_form or RequirementForm(school=request.school, priority=priority)
    return render(
        request, "priorities/priority_detail.html", context, status=400 if requirement_form is not None else 200
    )


@leader_required
@require_POST
def requirement_add(request, pk):
    priority = get_priority_for_member(request, pk)
    form = RequirementForm(request.POST, school=request.school, priority=priority)
    if not form.is_valid():
        return _render_detail(request, priority, requirement_form=form)
    data = form.cleaned_data
    try:
        changes.add_requirement(request.user, priority, data["area"], data["min_level"], data["people_needed"])
    except IntegrityError:  # a double click: the first one added it
        pass
    messages.success(request, _("Expertise toegevoegd: %(area)s.") % {"area": data["area"].name})
    return redirect("priorities:priority-detail", request.school.slug, priority.id)


@leader_required
@require_POST
def requirement_delete(request, pk):
    requirement = get_requirement_for_member(request, pk)
    changes.remove_requirement(request.user, requirement)
    messages.success(request, _("Expertise verwijderd: %(area)s.") % {"area": requirement.area.name})
    return redirect("priorities:priority-detail", request.school.slug, requirement.priority_id)


@leader_required
def gap_route(request, pk):
    """Record the route for one gap of a speerpunt: train whom, who shares with whom, or hire."""
    from .models import GapRoute

    requirement = get_requirement_for_member(request, pk)
    route = GapRoute.objects.filter(requirement=requirement).first()
    form = GapRouteForm(request.POST or None, instance=route, school=request.school)
    if request.method == "POST":
        if request.POST.get("clear"):
            changes.clear_gap_route(request.user, requirement)
            messages.success(request, _("De route voor %(area)s is weggehaald.") % {"area": requirement.area.name})
            return redirect("priorities:priority-detail", request.school.slug, requirement.priority_id)
        if form.is_valid():
            data = form.cleaned_data
            changes.set_gap_route(
                request.user,
                requirement,
                route=data["route"],
                person=data.get("person"),
                partner=data.get("partner"),
                partner_name=data.get("partner_name", ""),
                note=data.get("note", ""),
            )
            messages.success(request, _("De route voor %(area)s is vastgelegd.") % {"area": requirement.area.name})
            return redirect("priorities:priority-detail", request.school.slug, requirement.priority_id)
    ((_p, priority_gaps),) = analysis.analyse(
        request.school,
        request.school_year,
        analysis.with_requirements(request.school.priorities.filter(pk=requirement.priority_id)),
        show_names=request.membership.is_leader,
    )
    gap = next(g for g in priority_gaps if g.need.area_id == requirement.area_id)
    return render(
        request,
        "priorities/gap_route.html",
        {"form": form, "requirement": requirement, "gap": gap, "route": route},
        status=400 if form.is_bound else 200,
    )


def _vacancy_lines(request):
    year = request.school_year
    running = analysis.with_requirements(analysis.for_year(request.school, year).order_by("title"))
    analysed = analysis.analyse(request.school, year, running)
    return analysed, gaps.vacancy_profile([(p.title, g) for p, g in analysed])


def _draft_text(lines):
    """A first text for the vacancy from the gaps that remain: what the team needs, and why."""
    from .templatetags.priorities_tags import status_label

    needs = "\n".join(
        _("- %(area)s, minimaal niveau %(level)s") % {"area": line.area_name, "level": line.min_level} for line in lines
    )
    why = "\n".join(
        _("- %(area)s: %(status)s, voor %(priorities)s.")
        % {"area": line.area_name, "status": status_label(line.status), "priorities": ", ".join(line.priorities)}
        for line in lines
    )
    return needs, why


def _draft(request, lines):
    from .models import VacancyDraft

    draft = VacancyDraft.objects.filter(school=request.school, school_year=request.school_year).first()
    if draft is None:
        needs, why = _draft_text(lines)
        draft = VacancyDraft(school=request.school, school_year=request.school_year, needs=needs, why=why)
    return draft


@member_required
def vacancy(request):
    year = request.school_year
    analysed, lines = _vacancy_lines(request)
    context = {"lines": lines, "year": year, "priorities": [p for p, _g in analysed]}
    if year is not None and request.membership.can_manage:
        draft = _draft(request, lines)
        form = VacancyDraftForm(request.POST or None, instance=draft)
        if request.method == "POST" and form.is_valid():
            changes.save_vacancy_draft(request.user, form.save(commit=False))
            messages.success(request, _("De vacaturetekst is opgeslagen."))
            return redirect("priorities:vacancy", request.school.slug)
        context.update(draft=draft, draft_form=form)
    elif request.method == "POST":
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return render(request, "priorities/vacancy.html", context)


@leader_required
def vacancy_export(request):
    """The vacancy draft as plain text, to paste into a vacancy site or a letter."""
    from django.http import Http404, HttpResponse

    if request.school_year is None:
        raise Http404("Geen schooljaar.")
    _analysed, lines = _vacancy_lines(request)
    draft = _draft(request, lines)
    text = "\n\n".join(
        [
            f"{draft.function} ({draft.fte} fte, {draft.scale}) — {request.school.name}",
            _("Wat het team nodig heeft:") + "\n" + draft.needs,
            _("Waarom:") + "\n" + draft.why,
        ]
    )
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="vacature-{request.school.slug}.txt"'
    return response
