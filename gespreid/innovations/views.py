from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import member_required

from . import phases, readiness, trajectories
from .forms import (
    AnswerForm,
    CheckInForm,
    EmbeddingForm,
    MilestoneForm,
    PhaseForm,
    ReviewForm,
    SlowdownForm,
    TrajectoryForm,
)
from .models import PHASE_ORDER, CheckIn, CheckInParticipation, LearningPreference, Milestone, Phase

EVENTS_ON_PAGE = 20
CHECK_INS_ON_PAGE = 10


def get_trajectory_for_member(request, pk):
    return get_object_or_404(request.school.trajectories.select_related("group", "priority", "lead", "school"), pk=pk)


def get_check_in_for_member(request, trajectory, pk):
    return get_object_or_404(CheckIn.objects.select_related("trajectory__school"), trajectory=trajectory, pk=pk)


def _require_lead(request, trajectory):
    if not trajectories.can_lead(request.membership, trajectory):
        raise PermissionDenied(_("Alleen de trekker van de innovatie of de schoolleider mag dit doen."))


def _may_create(request) -> bool:
    return request.membership.can_manage or request.school.work_groups.filter(lead=request.user).exists()


def phase_steps(current: str) -> list[dict]:
    at = PHASE_ORDER.index(current)
    return [
        {
            "value": p.value,
            "label": p.label,
            "state": "done" if i < at else ("current" if i == at else "todo"),
            "number": i + 1,
        }
        for i, p in enumerate(Phase)
    ]


@member_required
def trajectory_list(request):
    items = list(
        request.school.trajectories.select_related("group", "priority", "lead").prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.only("id", "trajectory_id", "planned_end", "actual_end"))
        )
    )
    today = timezone.localdate()
    for t in items:
        t.pace = phases.compute_pace(t.milestones.all(), today)
    return render(request, "innovations/trajectory_list.html", {"items": items, "may_create": _may_create(request)})


@member_required
def trajectory_create(request):
    if not _may_create(request):
        raise PermissionDenied(_("Een innovatie start de schoolleider of de trekker van een groep."))
    form = TrajectoryForm(
        request.POST or None, school=request.school, membership=request.membership, initial={"lead": request.user.pk}
    )
    if request.method == "POST" and form.is_valid():
        trajectory = form.save(commit=False)
        trajectory.school = request.school
        trajectories.save_trajectory(request.user, trajectory)
        messages.success(request, _("De innovatie is aangemaakt. Zet er mijlpalen bij, dan is het tempo te zien."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(request, "innovations/trajectory_form.html", {"form": form})


@member_required
def trajectory_edit(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    form = TrajectoryForm(
        request.POST or None, instance=trajectory, school=request.school, membership=request.membership
    )
    if not request.membership.can_manage:
        # A teacher leader keeps the trajectory; only the school leader hands it over.
        form.fields["lead"].queryset = form.fields["lead"].queryset.model.objects.filter(pk=trajectory.lead_id)
        form.fields["group"].queryset = request.school.work_groups.filter(
            Q(lead=request.user) | Q(pk=trajectory.group_id)
        ).order_by("name")
    if request.method == "POST" and form.is_valid():
        trajectory = trajectories.save_trajectory(request.user, form.save(commit=False))
        messages.success(request, _("De innovatie is bijgewerkt."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(request, "innovations/trajectory_form.html", {"form": form, "trajectory": trajectory})


@member_required
def trajectory_detail(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    milestones = list(trajectory.milestones.all())
    today = timezone.localdate()
    by_phase = [{"phase": p, "items": [m for m in milestones if m.phase == p.value]} for p in Phase]
    for m in milestones:
        m.is_late = not m.actual_end and m.planned_end < today
    check_ins = list(
        trajectory.check_ins.annotate(n=Count("participations")).order_by("-opened_at", "-id")[:CHECK_INS_ON_PAGE]
    )
    answered = set(
        CheckInParticipation.objects.filter(check_in__in=check_ins, user=request.user).values_list(
            "check_in_id", flat=True
        )
    )
    for c in check_ins:
        c.mine = c.pk in answered
    latest_closed = next((c for c in check_ins if not c.is_open), None)
    latest_summary = _summary(latest_closed) if latest_closed else None
    context = {
        "trajectory": trajectory,
        "can_lead": trajectories.can_lead(request.membership, trajectory),
        "steps": phase_steps(trajectory.phase),
        "pace": phases.compute_pace(milestones, today),
        "by_phase": by_phase,
        "has_milestones": bool(milestones),
        "events": list(trajectory.events.select_related("actor")[:EVENTS_ON_PAGE]),
        "check_ins": check_ins,
        "embeddings": list(trajectory.embeddings.all()),
        "latest_closed": latest_closed,
        "latest_summary": latest_summary,
        "today": today,
    }
    return render(request, "innovations/trajectory_detail.html", context)


@member_required
def trajectory_phase(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    next_index = min(PHASE_ORDER.index(trajectory.phase) + 1, len(PHASE_ORDER) - 1)
    form = PhaseForm(request.POST or None, current=trajectory.phase, initial={"phase": PHASE_ORDER[next_index]})
    if request.method == "POST" and form.is_valid():
        try:
            trajectories.move_phase(request.user, trajectory, form.cleaned_data["phase"], form.cleaned_data["reason"])
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(request, _("De fase is aangepast."))
            return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(
        request,
        "innovations/phase_form.html",
        {"form": form, "trajectory": trajectory, "steps": phase_steps(trajectory.phase)},
    )


@member_required
def trajectory_slowdown(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    form = SlowdownForm(
        request.POST or None,
        initial={
            "slowing_down": trajectory.slowing_down or not request.GET.get("uit"),
            "reason": trajectory.slowdown_reason,
        },
    )
    if request.method == "POST" and form.is_valid():
        trajectories.set_slowdown(
            request.user, trajectory, form.cleaned_data["slowing_down"], form.cleaned_data["reason"]
        )
        messages.success(request, _("Opgeslagen."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(request, "innovations/slowdown_form.html", {"form": form, "trajectory": trajectory})


@member_required
def milestone_create(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    form = MilestoneForm(request.POST or None, initial={"phase": trajectory.phase})
    if request.method == "POST" and form.is_valid():
        milestone = form.save(commit=False)
        milestone.trajectory = trajectory
        trajectories.save_milestone(request.user, milestone)
        messages.success(request, _("De mijlpaal is toegevoegd."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(request, "innovations/milestone_form.html", {"form": form, "trajectory": trajectory})


@member_required
def milestone_edit(request, pk, milestone_pk):
    trajectory = get_trajectory_for_member(request, pk)
    milestone = get_object_or_404(trajectory.milestones, pk=milestone_pk)
    _require_lead(request, trajectory)
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        milestone = trajectories.save_milestone(request.user, form.save(commit=False))
        messages.success(request, _("De mijlpaal is bijgewerkt."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(
        request, "innovations/milestone_form.html", {"form": form, "trajectory": trajectory, "milestone": milestone}
    )


@member_required
def checkin_create(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    form = CheckInForm(
        request.POST or None,
        initial={"question": _("Hoe staan we ervoor met %(title)s?") % {"title": trajectory.title}},
    )
    if request.method == "POST" and form.is_valid():
        check_in = trajectories.open_check_in(
            request.user, trajectory, form.cleaned_data["question"], form.cleaned_data["closes_on"]
        )
        messages.success(request, _("De check-in staat open. Het team krijgt een melding."))
        return redirect("innovations:checkin-detail", request.school.slug, trajectory.pk, check_in.pk)
    return render(request, "innovations/checkin_form.html", {"form": form, "trajectory": trajectory})


def _summary(check_in) -> readiness.Summary:
    labels = {value: str(label) for value, label in LearningPreference.choices}
    rows = check_in.answers.values_list("willing", "able", "learning", "remark", "shared_by_id")
    return readiness.summarize([readiness.Answer(w, a, lp, r, s is not None) for w, a, lp, r, s in rows], labels)


@member_required
def checkin_detail(request, pk, checkin_pk):
    trajectory = get_trajectory_for_member(request, pk)
    check_in = get_check_in_for_member(request, trajectory, checkin_pk)
    can_lead = trajectories.can_lead(request.membership, trajectory)
    summary = _summary(check_in)
    context = {
        "trajectory": trajectory,
        "check_in": check_in,
        "can_lead": can_lead,
        "summary": summary,
        "show_results": not check_in.is_open and summary.enough,
        "grid": readiness.grid_rows(summary) if summary.enough else [],
        "scale": readiness.SCALE,
        "min_answers": readiness.MIN_ANSWERS,
        "team_size": request.school.memberships.filter(is_active=True).count(),
        "answered": trajectories.has_answered(request.user, check_in),
    }
    if can_lead:
        # Answers people chose to share with the lead, by name (sorted by name, never by time).
        context["shared"] = sorted(
            check_in.answers.filter(shared_by__isnull=False).select_related("shared_by"),
            key=lambda a: (a.shared_by.name.casefold(), a.shared_by_id),
        )
    return render(request, "innovations/checkin_detail.html", context)


@member_required
def checkin_answer(request, pk, checkin_pk):
    trajectory = get_trajectory_for_member(request, pk)
    check_in = get_check_in_for_member(request, trajectory, checkin_pk)
    detail = redirect("innovations:checkin-detail", request.school.slug, trajectory.pk, check_in.pk)
    if not check_in.is_open:
        messages.error(request, _("Deze check-in is gesloten; je kunt niet meer antwoorden."))
        return detail
    if trajectories.has_answered(request.user, check_in):
        messages.info(request, _("Je hebt deze check-in al ingevuld. Dank je wel!"))
        return detail
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trajectories.answer_check_in(
                request.user,
                check_in,
                willing=data["willing"],
                able=data["able"],
                learning=data["learning"],
                remark=data["remark"],
                share=data["share"],
            )
        except ValidationError as e:
            messages.error(request, e.messages[0])
        else:
            messages.success(request, _("Dank je wel! Je antwoord telt mee in het overzicht van het team."))
        return detail
    return render(
        request, "innovations/answer_form.html", {"form": form, "trajectory": trajectory, "check_in": check_in}
    )


@member_required
@require_POST
def checkin_close(request, pk, checkin_pk):
    trajectory = get_trajectory_for_member(request, pk)
    check_in = get_check_in_for_member(request, trajectory, checkin_pk)
    _require_lead(request, trajectory)
    trajectories.close_check_in(request.user, check_in)
    messages.success(request, _("De check-in is gesloten."))
    return redirect("innovations:checkin-detail", request.school.slug, trajectory.pk, check_in.pk)


@member_required
def embedding_create(request, pk):
    trajectory = get_trajectory_for_member(request, pk)
    _require_lead(request, trajectory)
    form = EmbeddingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trajectories.add_embedding(request.user, trajectory, **form.cleaned_data)
        messages.success(request, _("De afspraak is vastgelegd."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(request, "innovations/embedding_form.html", {"form": form, "trajectory": trajectory})


@member_required
def embedding_review(request, pk, embedding_pk):
    trajectory = get_trajectory_for_member(request, pk)
    embedding = get_object_or_404(trajectory.embeddings, pk=embedding_pk)
    _require_lead(request, trajectory)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        trajectories.mark_reviewed(request.user, embedding, form.cleaned_data["next_review"])
        messages.success(request, _("Bijgewerkt: de afspraak is opnieuw bekeken."))
        return redirect("innovations:trajectory-detail", request.school.slug, trajectory.pk)
    return render(
        request, "innovations/review_form.html", {"form": form, "trajectory": trajectory, "embedding": embedding}
    )
