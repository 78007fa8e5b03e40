"""Views for facilitated time (dagdelen, the school calendar, the personal feed) and role announcements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import leader_required, member_required

from . import facilitation, positioning
from .facilitation_forms import AnnouncementForm, ChangeRequestForm, DagdeelForm
from .models import AnnouncementStatus, CalendarFeed, RoleAnnouncement


def get_role_for_member(request, pk):
    return get_object_or_404(request.school.work_roles.select_related("holder", "school"), pk=pk)


def get_group_for_member(request, pk):
    return get_object_or_404(request.school.work_groups.select_related("school", "school_year", "lead"), pk=pk)


def get_dagdeel_for_member(request, pk):
    return get_object_or_404(request.school.work_dagdelen.select_related("user", "role", "group"), pk=pk)


def get_announcement_for_member(request, role_pk):
    return get_object_or_404(
        RoleAnnouncement.objects.filter(school=request.school).select_related("role", "role__holder", "role__school"),
        role_id=role_pk,
    )


def _year(request):
    if request.school_year is None:
        raise Http404("Geen schooljaar.")
    return request.school_year


@member_required
def calendar(request):
    """Per week: who has a dagdeel, so cover can be arranged."""
    from datetime import date, timedelta

    from django.utils import timezone

    year = _year(request)
    try:
        wanted = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        wanted = None
    start = facilitation.calendar_start(year, wanted, timezone.localdate())
    span = timedelta(weeks=facilitation.CALENDAR_WEEKS)
    return render(
        request,
        "work/facilitation_calendar.html",
        {
            "weeks": facilitation.calendar_weeks(request.school, year, start),
            "year": year,
            "previous": start - span if start > year.starts_on else None,
            "next": start + span if start + span <= year.ends_on else None,
        },
    )


@member_required
def mine(request):
    year = _year(request)
    dagdelen = list(
        request.school.work_dagdelen.filter(user=request.user, school_year=year).select_related("role", "group")
    )
    facil = facilitation.facilitation_by_user(request.school, year).get(request.user.pk)
    feed = facilitation.feed_for(request.school, request.user)
    feed_url = request.build_absolute_uri(reverse("work-calendar-feed", args=[feed.token])) if feed else ""
    return render(
        request,
        "work/facilitation_mine.html",
        {"dagdelen": dagdelen, "facilitation": facil, "feed": feed, "feed_url": feed_url, "year": year},
    )


@member_required
@require_POST
def feed_renew(request):
    facilitation.renew_feed(request.school, request.user)
    messages.success(request, _("Je hebt een nieuw agenda-adres. Een eerder adres werkt niet meer."))
    return redirect("work:facilitation-mine", request.school.slug)


@member_required
@require_POST
def feed_revoke(request):
    facilitation.revoke_feed(request.school, request.user)
    messages.success(request, _("Je agenda-adres is ingetrokken."))
    return redirect("work:facilitation-mine", request.school.slug)


def feed(request, token):
    """The secret, revocable address a calendar app subscribes to (no login: the token is the key)."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("school", "user"), token=token)
    if not feed.school.memberships.filter(user=feed.user, is_active=True).exists():
        raise Http404
    response = HttpResponse(facilitation.feed_ics(feed), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="dagdelen.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _plan_form(request, *, planner, template, context, redirect_to):
    """GET shows the dagdelen and the form; POST plans through ``planner(form.cleaned_data)``."""
    form = DagdeelForm(request.POST or None)
    over_budget = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["over_budget_reason"] and not request.membership.can_manage:
            raise PermissionDenied
        try:
            planner(data)
        except ValidationError as error:
            form.add_error("day", error.messages[0])
        except facilitation.OverBudget as error:
            over_budget = str(error)
            form.add_error(None, over_budget)
        else:
            messages.success(request, _("Het dagdeel is gepland."))
            return redirect(redirect_to)
    return render(request, template, {**context, "form": form, "over_budget": over_budget})


@member_required
def role_dagdelen(request, pk):
    """The leader (or the holder, with the leader's agreement) plans the role's dagdelen."""
    role = get_role_for_member(request, pk)
    if not (request.membership.can_manage or role.holder_id == request.user.pk):
        raise PermissionDenied
    year = _year(request)
    per = facilitation.hours_per_dagdeel(request.school)
    planned = list(role.planned_dagdelen.filter(school_year=year).select_related("user"))
    context = {
        "role": role,
        "planned": planned,
        "year": year,
        "per_dagdeel": per,
        "agreed": role.dagdelen,
        "to_plan": max(0, int(role.dagdelen) - len(planned)),
    }
    return _plan_form(
        request,
        planner=lambda d: facilitation.plan_dagdeel(
            request.user,
            role,
            year,
            day=d["day"],
            part=d["part"],
            during_school=d["during_school"],
            note=d["note"],
            over_budget_reason=d["over_budget_reason"],
        ),
        template="work/role_dagdelen.html",
        context=context,
        redirect_to=request.path,
    )


@leader_required
def group_dagdelen(request, pk):
    group = get_group_for_member(request, pk)
    planned = list(group.planned_dagdelen.select_related("user"))
    context = {"group": group, "planned": planned, "year": group.school_year}
    return _plan_form(
        request,
        planner=lambda d: facilitation.plan_group_dagdelen(
            request.user,
            group,
            day=d["day"],
            part=d["part"],
            during_school=d["during_school"],
            note=d["note"],
            over_budget_reason=d["over_budget_reason"],
        ),
        template="work/group_dagdelen.html",
        context=context,
        redirect_to=request.path,
    )


@leader_required
@require_POST
def dagdeel_remove(request, pk):
    dagdeel = get_dagdeel_for_member(request, pk)
    back = request.POST.get("next", "")
    facilitation.remove_dagdeel(request.user, dagdeel)
    messages.success(request, _("Het dagdeel is weggehaald."))
    if back.startswith(f"/{request.school.slug}/"):
        return redirect(back)
    return redirect("work:facilitation-calendar", request.school.slug)


# --- Announcements -------------------------------------------------------------------------------


@leader_required
def role_announce(request, pk):
    role = get_role_for_member(request, pk)
    announcement = RoleAnnouncement.objects.filter(role=role).first()
    if announcement and announcement.status == AnnouncementStatus.SENT:
        messages.info(request, _("Deze rol is al aangekondigd."))
        return redirect("work:role-list", request.school.slug)
    initial = {"does": role.responsibilities, "may_decide": role.authorities, "when_to_go": role.when_to_ask}
    form = AnnouncementForm(request.POST or None, instance=announcement, initial=None if announcement else initial)
    if request.method == "POST" and form.is_valid():
        positioning.write_announcement(request.user, role, **form.cleaned_data)
        if role.holder_id == request.user.pk:
            messages.success(request, _("De rol is aangekondigd aan het team."))
        else:
            messages.success(
                request,
                _("%(name)s leest de aankondiging eerst; daarna gaat hij naar het team.") % {"name": role.holder},
            )
        return redirect("work:role-list", request.school.slug)
    return render(request, "work/role_announce.html", {"form": form, "role": role, "announcement": announcement})


@member_required
def announcement_review(request, pk):
    """The holder reads the card before the team gets it (the leader may look too)."""
    announcement = get_announcement_for_member(request, pk)
    is_holder = announcement.role.holder_id == request.user.pk
    if not (is_holder or request.membership.can_manage):
        raise Http404
    return render(
        request,
        "work/announcement_review.html",
        {"announcement": announcement, "role": announcement.role, "is_holder": is_holder, "form": ChangeRequestForm()},
    )


def _holder_announcement(request, pk):
    announcement = get_announcement_for_member(request, pk)
    if announcement.role.holder_id != request.user.pk:
        raise PermissionDenied
    return announcement


@member_required
@require_POST
def announcement_approve(request, pk):
    announcement = _holder_announcement(request, pk)
    try:
        positioning.approve(request.user, announcement)
    except positioning.AnnouncementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Dank je: het team krijgt de aankondiging."))
    return redirect("work:role-list", request.school.slug)


@member_required
@require_POST
def announcement_changes(request, pk):
    announcement = _holder_announcement(request, pk)
    form = ChangeRequestForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "work/announcement_review.html",
            {"announcement": announcement, "role": announcement.role, "is_holder": True, "form": form},
        )
    try:
        positioning.request_change(request.user, announcement, form.cleaned_data["remark"])
    except positioning.AnnouncementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je vraag is doorgegeven aan de schoolleider."))
    return redirect("work:role-list", request.school.slug)


# --- Wie doet wat ------------------------------------------------------------------------------


@member_required
def role_list(request):
    """Who does what, per school year (history stays readable), filtered by speerpunt and kind of role."""
    from . import planning
    from .facilitation_forms import RoleFilterForm
    from .views import _may_see_plan

    form = RoleFilterForm(request.GET or None, school=request.school)
    data = form.cleaned_data if form.is_valid() else {}
    year = data.get("jaar") or request.school_year
    roles = request.school.work_roles.all()
    if year is not None:
        roles = planning.roles_in_year(request.school, year)
    if data.get("speerpunt"):
        roles = roles.filter(priority=data["speerpunt"])
    if data.get("soort"):
        roles = roles.filter(kind=data["soort"])
    if year is not None:  # the dagdelen planned for each role this year, in the same query
        roles = roles.annotate(planned_count=Count("planned_dagdelen", filter=Q(planned_dagdelen__school_year=year)))
    roles = list(roles.select_related("holder", "priority", "group", "announcement"))
    per_dagdeel = facilitation.hours_per_dagdeel(request.school)
    for role in roles:
        role.planned_count = getattr(role, "planned_count", 0)
        role.facilitated_hours = max(role.hours(per_dagdeel), role.planned_count * per_dagdeel)
        role.announcement_or_none = getattr(role, "announcement", None)
    plan = planning.plan_for(request.school, year) if year else None
    tasks_by_person: dict = {}
    if year == request.school_year and _may_see_plan(request, plan):
        for a in plan.assignments.select_related("task", "user"):
            tasks_by_person.setdefault(a.user, []).append(a.task)
    return render(
        request,
        "work/role_list.html",
        {
            "roles": roles,
            "tasks_by_person": sorted(tasks_by_person.items(), key=lambda i: i[0].name),
            "year": year,
            "per_dagdeel": per_dagdeel,
            "filter_form": form,
        },
    )
