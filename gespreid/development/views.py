"""Development: my POP, the leader's view of what is shared, self-assessments, coaching series and feedback."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import board_member_required, member_required

from . import coaching, plans, skills
from .forms import (
    ActivityForm,
    AgendaItemForm,
    AgreementForm,
    BudgetForm,
    FeedbackAnswerForm,
    FeedbackRequestForm,
    GoalForm,
    MeetingForm,
    NoteForm,
    SelfAssessmentForm,
    SeriesForm,
)
from .models import Activity, ActivityStatus, Agreement, CoachingMeeting, Goal, SelfAssessment

# --- Access helpers: 404 for "missing" and "not yours" alike ------------------------------------


def get_goal_for_member(request, pk):
    return get_object_or_404(Goal.objects.filter(plan__school=request.school, plan__user=request.user), pk=pk)


def get_activity_for_member(request, pk):
    """The owner's own activity."""
    return get_object_or_404(
        Activity.objects.filter(plan__school=request.school, plan__user=request.user).select_related("plan"), pk=pk
    )


def get_shared_activity_for_member(request, pk):
    """An activity its owner shared (for the school leader)."""
    return get_object_or_404(
        Activity.objects.filter(plan__school=request.school, shared=True).select_related(
            "plan", "plan__user", "plan__school"
        ),
        pk=pk,
    )


def get_assessment_for_member(request, pk):
    return get_object_or_404(request.school.self_assessments.filter(user=request.user), pk=pk)


def get_series_for_member(request, pk):
    return get_object_or_404(
        request.school.coaching_series.filter(Q(coach=request.user) | Q(coachee=request.user)).select_related(
            "coach", "coachee", "school"
        ),
        pk=pk,
    )


def get_agreement_for_member(request, pk):
    return get_object_or_404(
        Agreement.objects.filter(series__school=request.school).filter(
            Q(series__coach=request.user) | Q(series__coachee=request.user)
        ),
        pk=pk,
    )


def get_meeting_for_member(request, pk):
    return get_object_or_404(
        CoachingMeeting.objects.filter(series__school=request.school)
        .filter(Q(series__coach=request.user) | Q(series__coachee=request.user))
        .select_related("series", "series__coach", "series__coachee"),
        pk=pk,
    )


def get_feedback_for_member(request, pk):
    return get_object_or_404(
        request.school.feedback_requests.filter(Q(asker=request.user) | Q(leader=request.user)).select_related(
            "asker", "leader", "school"
        ),
        pk=pk,
    )


def get_colleague_for_member(request, user_id):
    return get_object_or_404(request.school.memberships.filter(is_active=True).select_related("user"), user_id=user_id)


def school_leader_required(view):
    """Only school leaders (not a school's administrators): what people share is for the development talk."""
    from functools import wraps

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.membership.is_leader:
            raise PermissionDenied("Alleen de schoolleider ziet wat collega's delen.")
        return view(request, *args, **kwargs)

    return wrapper


def _year(request):
    if request.school_year is None:
        raise Http404("Geen schooljaar.")
    return request.school_year


def _my_plan(request, create=False):
    return plans.plan_for(request.school, _year(request), request.user, create=create)


# --- My POP --------------------------------------------------------------------------------------


@member_required
def home(request):
    year = _year(request)
    plan = _my_plan(request)
    goals = list(plan.goals.select_related("area", "priority")) if plan else []
    activities = list(plan.activities.select_related("goal")) if plan else []
    assessments = list(request.school.self_assessments.filter(user=request.user))
    series = list(
        request.school.coaching_series.filter(Q(coach=request.user) | Q(coachee=request.user)).select_related(
            "coach", "coachee"
        )
    )
    feedback = list(
        request.school.feedback_requests.filter(Q(asker=request.user) | Q(leader=request.user)).select_related(
            "asker", "leader"
        )
    )
    return render(
        request,
        "development/home.html",
        {
            "year": year,
            "plan": plan,
            "goals": goals,
            "activities": activities,
            "hours": plans.person_hours(plan, request.membership.fte) if plan else None,
            "assessments": assessments,
            "may_coach": coaching.may_coach(
                request.membership, request.school.work_roles.filter(holder=request.user).exists()
            ),
            "chart": skills.chart(assessments),
            "series": series,
            "feedback": feedback,
        },
    )


def _wish_area_ids(request, year):
    return set(
        request.school.expertise_entries.filter(school_year=year, user=request.user, wants_growth=True).values_list(
            "area_id", flat=True
        )
    )


def _goal_form(request, goal):
    year = _year(request)
    form = GoalForm(
        request.POST or None, instance=goal, school=request.school, wish_area_ids=_wish_area_ids(request, year)
    )
    if request.method == "POST" and form.is_valid():
        if goal.plan_id is None:
            goal.plan = _my_plan(request, create=True)
        form.save()
        messages.success(request, _("Het doel is opgeslagen."))
        return redirect("development:home", request.school.slug)
    return render(request, "development/goal_form.html", {"form": form, "goal": goal})


@member_required
def goal_create(request):
    return _goal_form(request, Goal())


@member_required
def goal_edit(request, pk):
    return _goal_form(request, get_goal_for_member(request, pk))


@member_required
@require_POST
def goal_delete(request, pk):
    get_goal_for_member(request, pk).delete()
    messages.success(request, _("Het doel is verwijderd."))
    return redirect("development:home", request.school.slug)


def _activity_form(request, activity):
    plan = activity.plan if activity.plan_id else _my_plan(request, create=True)
    if activity.pk and activity.status != ActivityStatus.IDEA:
        messages.info(request, _("Een aangevraagde of toegekende activiteit kun je niet meer wijzigen."))
        return redirect("development:home", request.school.slug)
    form = ActivityForm(request.POST or None, instance=activity, plan=plan)
    if request.method == "POST" and form.is_valid():
        activity.plan = plan
        form.save()
        messages.success(request, _("De activiteit is opgeslagen."))
        return redirect("development:home", request.school.slug)
    return render(request, "development/activity_form.html", {"form": form, "activity": activity})


@member_required
def activity_create(request):
    _year(request)
    return _activity_form(request, Activity())


@member_required
def activity_edit(request, pk):
    return _activity_form(request, get_activity_for_member(request, pk))


@member_required
@require_POST
def activity_delete(request, pk):
    activity = get_activity_for_member(request, pk)
    if activity.status in plans.COUNTING:
        messages.error(
            request, _("Een toegekende activiteit blijft staan; rond hem af of overleg met de schoolleider.")
        )
    else:
        activity.delete()
        messages.success(request, _("De activiteit is verwijderd."))
    return redirect("development:home", request.school.slug)


@member_required
@require_POST
def activity_request(request, pk):
    try:
        plans.request_activity(request.user, get_activity_for_member(request, pk))
    except plans.PlanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Aangevraagd: de schoolleider ziet deze activiteit nu."))
    return redirect("development:home", request.school.slug)


@member_required
@require_POST
def activity_done(request, pk):
    try:
        plans.mark_done(request.user, get_activity_for_member(request, pk))
    except plans.PlanError as error:
        messages.error(request, str(error))
    return redirect("development:home", request.school.slug)


# --- The leader: what people share, decisions, the budget ---------------------------------------


@school_leader_required
def team(request):
    year = _year(request)
    counts = dict(
        Activity.objects.filter(plan__school=request.school, plan__school_year=year, shared=True)
        .values_list("plan__user_id")
        .annotate(n=Count("id"))
    )
    requested = set(
        Activity.objects.filter(
            plan__school=request.school, plan__school_year=year, status=ActivityStatus.REQUESTED
        ).values_list("plan__user_id", flat=True)
    )
    people = [
        {"membership": m, "shared": counts.get(m.user_id, 0), "requested": m.user_id in requested}
        for m in request.school.memberships.filter(is_active=True).select_related("user").order_by("user__name")
    ]
    return render(
        request,
        "development/team.html",
        {"people": people, "totals": plans.school_totals(request.school, year), "year": year},
    )


@school_leader_required
def plan_shared(request, user_id):
    """What one person shares for the development conversation: shared goals, activities and assessments."""
    year = _year(request)
    membership = get_colleague_for_member(request, user_id)
    plan = plans.plan_for(request.school, year, membership.user)
    goals = list(plan.goals.filter(shared=True).select_related("area", "priority")) if plan else []
    activities = list(plan.activities.filter(shared=True).select_related("goal")) if plan else []
    assessments = list(request.school.self_assessments.filter(user=membership.user, shared=True))
    return render(
        request,
        "development/plan_shared.html",
        {
            "person": membership.user,
            "goals": goals,
            "activities": activities,
            "assessments": assessments,
            "chart": skills.chart(assessments),
            "year": year,
        },
    )


@school_leader_required
@require_POST
def activity_decide(request, pk):
    activity = get_shared_activity_for_member(request, pk)
    try:
        plans.decide_activity(request.user, activity, accept=request.POST.get("accept") == "1")
    except plans.PlanError as error:
        messages.error(request, str(error))
    return redirect("development:plan-shared", request.school.slug, activity.plan.user_id)


@school_leader_required
def budget_edit(request):
    year = _year(request)
    current = request.school.training_budgets.filter(school_year=year).first()
    form = BudgetForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        plans.set_budget(request.user, request.school, year, form.cleaned_data["amount"])
        messages.success(request, _("Het scholingsbudget is opgeslagen."))
        return redirect("development:team", request.school.slug)
    return render(request, "development/budget_form.html", {"form": form, "year": year})


# --- Self-assessment -----------------------------------------------------------------------------


@member_required
def assessment_create(request):
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        SelfAssessment.objects.create(
            school=request.school,
            user=request.user,
            scores=form.scores(),
            note=form.cleaned_data["note"],
            shared=form.cleaned_data["shared"],
        )
        messages.success(request, _("Je zelfbeoordeling is opgeslagen."))
        return redirect("development:home", request.school.slug)
    return render(request, "development/assessment_form.html", {"form": form, "skills": skills.SKILLS})


@member_required
@require_POST
def assessment_share(request, pk):
    assessment = get_assessment_for_member(request, pk)
    assessment.shared = not assessment.shared
    assessment.save(update_fields=["shared"])
    messages.success(request, _("Gedeeld met de schoolleider.") if assessment.shared else _("Niet meer gedeeld."))
    return redirect("development:home", request.school.slug)


# --- Coaching ------------------------------------------------------------------------------------


@member_required
def series_create(request):
    holds_role = request.school.work_roles.filter(holder=request.user).exists()
    if not coaching.may_coach(request.membership, holds_role):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, school=request.school, user=request.user)
    if request.method == "POST" and form.is_valid():
        series = coaching.start_series(
            request.user, request.school, form.cleaned_data["coachee"], form.cleaned_data["title"]
        )
        return redirect("development:series-detail", request.school.slug, series.pk)
    return render(request, "development/series_form.html", {"form": form})


def _series_page(request, series, **forms):
    context = {
        "series": series,
        "other": series.other(request.user),
        "agenda": list(series.agenda.select_related("author")),
        "agreements": list(series.agreements.all()),
        "meetings": list(series.meetings.all()),
        "notes": list(series.notes.filter(author=request.user)),  # only ever one's own
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(),
        "agreement_form": forms.get("agreement_form") or AgreementForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "meeting_form": forms.get("meeting_form") or MeetingForm(),
    }
    return render(request, "development/series_detail.html", context)


@member_required
def series_detail(request, pk):
    return _series_page(request, get_series_for_member(request, pk))


def _add(request, pk, form_class, key, save):
    series = get_series_for_member(request, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        return _series_page(request, series, **{key: form})
    try:
        save(series, form)
    except coaching.CoachingError as error:
        form.add_error(None, str(error))
        return _series_page(request, series, **{key: form})
    return redirect("development:series-detail", request.school.slug, series.pk)


def _save_with(series, form, author):
    item = form.save(commit=False)
    item.series, item.author = series, author
    item.save()


@member_required
@require_POST
def agenda_add(request, pk):
    return _add(request, pk, AgendaItemForm, "agenda_form", lambda s, f: _save_with(s, f, request.user))


@member_required
@require_POST
def agreement_add(request, pk):
    return _add(request, pk, AgreementForm, "agreement_form", lambda s, f: _save_with(s, f, request.user))


@member_required
@require_POST
def note_add(request, pk):
    return _add(request, pk, NoteForm, "note_form", lambda s, f: _save_with(s, f, request.user))


@member_required
@require_POST
def meeting_add(request, pk):
    return _add(
        request,
        pk,
        MeetingForm,
        "meeting_form",
        lambda s, f: coaching.plan_meeting(request.user, s, **f.cleaned_data),
    )


@member_required
@require_POST
def agreement_done(request, pk):
    agreement = get_agreement_for_member(request, pk)
    agreement.done = not agreement.done
    agreement.save(update_fields=["done"])
    return redirect("development:series-detail", request.school.slug, agreement.series_id)


@member_required
def meeting_ics(request, pk):
    meeting = get_meeting_for_member(request, pk)
    response = HttpResponse(coaching.meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="coaching-{meeting.pk}.ics"'
    return response


# --- Feedback --------------------------------------------------------------------------------------


@member_required
def feedback_create(request):
    form = FeedbackRequestForm(request.POST or None, school=request.school, user=request.user)
    if request.method == "POST" and form.is_valid():
        feedback = coaching.ask_feedback(
            request.user, request.school, form.cleaned_data["leader"], form.cleaned_data["question"]
        )
        messages.success(request, _("Je vraag om feedback is verstuurd."))
        return redirect("development:feedback-detail", request.school.slug, feedback.pk)
    return render(request, "development/feedback_form.html", {"form": form})


@member_required
def feedback_detail(request, pk):
    feedback = get_feedback_for_member(request, pk)
    may_answer = feedback.leader_id == request.user.pk
    form = FeedbackAnswerForm(request.POST or None, initial={"answer": feedback.answer})
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        if form.is_valid():
            coaching.give_feedback(request.user, feedback, form.cleaned_data["answer"])
            messages.success(request, _("Je feedback is gegeven."))
            return redirect("development:feedback-detail", request.school.slug, feedback.pk)
    return render(
        request, "development/feedback_detail.html", {"feedback": feedback, "form": form, "may_answer": may_answer}
    )


# --- The board: school totals only ------------------------------------------------------------------


@board_member_required
def board_totals(request):
    rows = []
    for school in request.board.schools.order_by("name"):
        year = school.current_year()
        if year is not None:
            rows.append({"school": school, "year": year, "totals": plans.school_totals(school, year)})
    return render(request, "development/board_totals.html", {"rows": rows, "board": request.board})
