from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core import school_cache
from gespreid.core.access import member_required
from gespreid.core.params import query_int
from gespreid.core.uploads import upload_limit

from . import cycle, detail, membership
from .files import content_type_for
from .forms import ActionFormSet, EntryForm, GroupForm, MeetingForm, StageForm
from .models import STAGE_ORDER, Action, CycleEntry, GroupMember

MAX_REQUEST_BYTES = 25 * 1024 * 1024


def get_group_for_member(request, pk):
    """The group of this school, or 404; kept per school version (core.school_cache), fresh on a write."""
    group = school_cache.cached_value(
        request,
        "groups.group",
        lambda: (
            request.school.work_groups.select_related("priority", "lead", "school_year", "school").filter(pk=pk).first()
        ),
        pk,
    )
    if group is None:
        raise Http404
    return group


def _members_prefetch():
    return Prefetch(
        "memberships", queryset=GroupMember.objects.select_related("user").order_by("user__name"), to_attr="member_rows"
    )


@member_required
def group_list(request):
    groups = request.school.work_groups.select_related("priority", "lead").prefetch_related(_members_prefetch())
    year = request.school_year
    if request.GET.get("jaar") != "alle" and year is not None:
        groups = groups.filter(school_year=year)
    groups = list(groups.order_by("name"))
    for g in groups:
        g.is_mine = any(m.user_id == request.user.pk for m in g.member_rows) or g.lead_id == request.user.pk
        g.stage_number = STAGE_ORDER.index(g.stage) + 1 if g.stage in STAGE_ORDER else 1
    return render(
        request,
        "groups/group_list.html",
        {"groups": groups, "all_years": request.GET.get("jaar") == "alle", "stage_total": len(STAGE_ORDER)},
    )


@member_required
def group_create(request):
    """The school leader starts a group with any lead; any other team member starts one that they lead themselves."""
    if request.school_year is None:
        messages.error(
            request, _("Er is nog geen schooljaar voor vandaag. Vraag de beheerder om het schooljaar aan te maken.")
        )
        return redirect("groups:group-list", request.school.slug)
    own_lead = None if request.membership.can_manage else request.user
    # "Start een groep" on a priority's page passes ?priority=<id>; the form's queryset keeps it to this school.
    priority = query_int(request, "priority")
    initial = {"priority": priority} if priority is not None else None
    may_confirm = request.membership.can_manage
    form = GroupForm(
        request.POST or None, school=request.school, own_lead=own_lead, initial=initial, may_confirm=may_confirm
    )
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.school = request.school
        group.school_year = request.school_year
        members = set(form.cleaned_data["members"])
        if own_lead is not None:
            members.add(own_lead)
        try:
            membership.create_group(request.user, group, members, over_reason=form.cleaned_data.get("over_reason", ""))
        except ValidationError as error:
            _refused(form, error, may_confirm)
        else:
            messages.success(request, _("De groep is aangemaakt."))
            return redirect("groups:group-detail", request.school.slug, group.pk)
    return render(request, "groups/group_form.html", {"form": form})


def _refused(form, error: ValidationError, may_confirm: bool) -> None:
    """The hours guard refused the save: its message (person, cause, hours) on the form, nothing saved."""
    for message in error.messages:
        if not may_confirm:
            message = message + " " + _("Alleen de schoolleider kan dat bevestigen.")
        form.add_error(None, message)


@member_required
def group_edit(request, pk):
    group = get_group_for_member(request, pk)
    if not membership.can_edit(request.membership, group):
        raise PermissionDenied(_("Alleen de trekker of de schoolleider mag de groep aanpassen."))
    may_confirm = request.membership.can_manage
    form = GroupForm(request.POST or None, instance=group, school=request.school, may_confirm=may_confirm)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        try:
            membership.update_group(
                request.user, group, form.cleaned_data["members"], over_reason=form.cleaned_data.get("over_reason", "")
            )
        except ValidationError as error:
            _refused(form, error, may_confirm)
        else:
            messages.success(request, _("De groep is bijgewerkt."))
            return redirect("groups:group-detail", request.school.slug, group.pk)
    return render(request, "groups/group_form.html", {"form": form, "group": group})


@member_required
def group_detail(request, pk):
    group = get_group_for_member(request, pk)
    info = detail.data(request, group)
    am_member = any(user_id == request.user.pk for user_id, _ in info["members"])
    can_edit = membership.can_edit(request.membership, group)
    can_contribute = can_edit or am_member
    selected = request.GET.get("fase")
    if selected not in STAGE_ORDER:
        selected = group.stage
    number = query_int(request, "pagina")
    stages = detail.stages(group, info)
    context = {
        "group": group,
        "am_member": am_member,
        "can_edit": can_edit,
        "can_contribute": can_contribute,
        "stages": stages,
        "selected": selected,
        "selected_label": dict(cycle.CycleStage.choices)[selected],
        "has_entries": info["counts"].get(selected, 0) > 0,
        "head_html": detail.head_html(request, group),
        "cycle_html": detail.cycle_html(request, group, info, stages, selected),
        "stage_fields_html": detail.form_fields_html(request, group, "stage-fields", stages, selected)
        if can_edit
        else "",
        "entry_fields_html": detail.form_fields_html(request, group, "entry-fields", stages, selected)
        if can_contribute
        else "",
        "stage_url": reverse("groups:group-stage", args=[request.school.slug, group.pk]),
        "entry_url": reverse("groups:entry-create", args=[request.school.slug, group.pk]),
        "entries_html": detail.entries_html(request, group, info, selected, number),
        "rest_html": detail.rest_html(request, group, can_contribute),
        "entry_form": can_contribute,
        "just_added": query_int(request, "toegevoegd") == 1,  # after saving: the form open again for the next
    }
    return render(request, "groups/group_detail.html", context)


@member_required
@require_POST
def group_join(request, pk):
    group = get_group_for_member(request, pk)
    try:
        membership.join(request.user, group)
        messages.success(request, _("Je doet nu mee met deze groep."))
    except ValidationError as e:
        messages.error(request, e.messages[0])
    return redirect("groups:group-detail", request.school.slug, group.pk)


@member_required
@require_POST
def group_leave(request, pk):
    group = get_group_for_member(request, pk)
    if membership.leave(request.user, group):
        messages.success(request, _("Je bent uit de groep gestapt."))
    return redirect("groups:group-detail", request.school.slug, group.pk)


@member_required
@require_POST
def group_stage(request, pk):
    group = get_group_for_member(request, pk)
    if not membership.can_edit(request.membership, group):
        raise PermissionDenied(_("Alleen de trekker of de schoolleider zet de groep in een andere fase."))
    form = StageForm(request.POST)
    if form.is_valid():
        cycle.set_stage(request.user, group, form.cleaned_data["stage"])
        messages.success(request, _("De fase is aangepast."))
    else:
        messages.error(request, _("Kies een fase uit de lijst."))
    return redirect("groups:group-detail", request.school.slug, group.pk)


def _require_contributor(request, group):
    if not membership.can_contribute(request.membership, group):
        raise PermissionDenied(_("Alleen leden van de groep kunnen hier iets toevoegen. Doe eerst mee."))


@member_required
@upload_limit(lambda: MAX_REQUEST_BYTES)  # far too large to be a 10 MB file: refused before it is read
def entry_create(request, pk):
    group = get_group_for_member(request, pk)
    _require_contributor(request, group)
    form = EntryForm(
        request.POST or None, request.FILES or None, initial={"stage": request.GET.get("fase") or group.stage}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cycle.add_entry(
            request.user, group, stage=data["stage"], text=data["text"], link=data["link"], upload=data["file"]
        )
        messages.success(request, _("Toegevoegd aan de onderzoekscyclus."))
        return redirect(f"{cycle.group_url(group)}?fase={data['stage']}&toegevoegd=1#bijdrage")
    return render(request, "groups/entry_form.html", {"form": form, "group": group})


@member_required
def entry_file(request, pk, entry_pk):
    group = get_group_for_member(request, pk)
    entry = get_object_or_404(CycleEntry, pk=entry_pk, group=group)
    if not entry.file or entry.file_state != "klaar":  # a photo still with the worker is never served as uploaded
        raise Http404
    try:
        handle = entry.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    name = entry.file_name or entry.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type_for(name))
    response["Cache-Control"] = "private, no-store"
    return response


@member_required
def meeting_create(request, pk):
    group = get_group_for_member(request, pk)
    _require_contributor(request, group)
    people = (
        get_user_model()
        .objects.filter(Q(group_memberships__group=group) | Q(pk=group.lead_id))
        .distinct()
        .order_by("name")
    )
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    formset = ActionFormSet(request.POST or None, prefix="acties", form_kwargs={"people": people})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        actions = [f.cleaned_data for f in formset if f.cleaned_data.get("text")]
        cycle.record_meeting(request.user, group, actions=actions, **form.cleaned_data)
        messages.success(request, _("Het overleg is vastgelegd."))
        return redirect("groups:group-detail", request.school.slug, group.pk)
    return render(request, "groups/meeting_form.html", {"form": form, "formset": formset, "group": group})


@member_required
def meeting_list(request, pk):
    group = get_group_for_member(request, pk)
    meetings = Paginator(
        group.meetings.select_related("created_by").prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("owner"))
        ),
        10,
    ).get_page(request.GET.get("pagina"))
    return render(request, "groups/meeting_list.html", {"group": group, "meetings": meetings})


@member_required
@require_POST
def action_toggle(request, pk, action_pk):
    group = get_group_for_member(request, pk)
    action = get_object_or_404(group.actions.select_related("owner", "group__school"), pk=action_pk)
    _require_contributor(request, group)
    cycle.set_action_done(request.user, action, request.POST.get("done") == "1")
    if request.htmx:
        return render(
            request, "groups/group_detail.html#action", {"action": action, "group": group, "can_contribute": True}
        )
    return redirect("groups:group-detail", request.school.slug, group.pk)
