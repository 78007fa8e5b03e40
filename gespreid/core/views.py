from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import school_cache
from . import team as team_domain
from .access import leader_required, member_required
from .audit import action_label
from .forms import MemberForm
from .models import AuditEntry, Bouw, Membership
from .params import query_choice
from .registry import cards_html


@login_required
def start(request):
    """After login: straight to the only school, or a choice between several."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True).select_related("school").order_by("school__name")
    )
    boards = list(request.user.board_memberships.select_related("board"))
    if len(memberships) == 1 and not boards:
        return redirect("core:home", memberships[0].school.slug)
    if not memberships and len(boards) == 1 and not request.user.is_staff:
        return redirect("board:overview", boards[0].board.slug)
    return render(request, "core/start.html", {"memberships": memberships, "board_memberships": boards})


@member_required
def home(request):
    return render(request, "core/home.html", {"cards_html": cards_html(request)})


@member_required
def team(request):
    bouw = query_choice(request, "bouw", Bouw.values)
    table = team_domain.team_table_html(request, bouw=bouw)
    return render(request, "core/team.html", {"table_html": table, "bouw": bouw, "bouw_choices": Bouw.choices})


def get_membership_for_member(request, pk):
    return get_object_or_404(request.school.memberships.filter(is_active=True).select_related("user"), pk=pk)


@leader_required
def member_edit(request, pk):
    membership = get_membership_for_member(request, pk)
    initial = {
        "function": membership.function,
        "fte": membership.fte,
        "is_leader": membership.is_leader,
        "is_admin": membership.is_admin,
        "class_group": membership.class_group,
        "bouw": membership.bouw,
    }
    form = MemberForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            team_domain.update_member(request.user, membership, **form.cleaned_data)
        except team_domain.LastLeaderError as error:
            form.add_error("is_leader", str(error))
        else:
            messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": membership.user})
            return redirect("core:team", request.school.slug)
    context = {"form": form, "person": membership}
    return render(request, "core/member_edit.html", context, status=400 if form.errors else 200)


@leader_required
@require_POST
def member_deactivate(request, pk):
    membership = get_membership_for_member(request, pk)
    try:
        team_domain.deactivate_member(request.user, membership)
    except team_domain.LastLeaderError as error:
        messages.error(request, str(error))
        return redirect("core:member-edit", request.school.slug, membership.pk)
    messages.success(request, _("%(name)s staat niet meer in het team.") % {"name": membership.user})
    if membership.user_id == request.user.pk:
        return redirect("core:start")
    return redirect("core:team", request.school.slug)


@leader_required
def audit_log(request):
    entries = AuditEntry.objects.filter(school=request.school).select_related("actor")
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    for entry in page.object_list:
        entry.label = action_label(entry.action)
    return render(request, "core/audit_log.html", {"page": page})


@member_required
def notifications(request):
    def render_list():
        items = list(request.user.notifications.filter(school=request.school)[:100])
        return render_to_string("core/_notification_list.html", {"items": items}, request=request) if items else ""

    list_html = school_cache.cached_html(request, "notifications", render_list, per_person=True)
    return render(request, "core/notifications.html", {"list_html": list_html})


@member_required
@require_POST
def notifications_read(request):
    from django.utils import timezone

    request.user.notifications.filter(school=request.school, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:notifications", request.school.slug)
