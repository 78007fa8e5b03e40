from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .access import member_required
from .models import Membership
from .registry import cards_for


@login_required
def start(request):
    """After login: straight to the only school, or a choice between several."""
    memberships = list(
        Membership.objects.filter(user=request.user, is_active=True).select_related("school").order_by("school__name")
    )
    boards = list(request.user.board_memberships.select_related("board"))
    if len(memberships) == 1 and not boards:
        return redirect("core:home", memberships[0].school.slug)
    return render(request, "core/start.html", {"memberships": memberships, "board_memberships": boards})


@member_required
def home(request):
    return render(request, "core/home.html", {"cards": cards_for(request)})


@member_required
def team(request):
    members = request.school.memberships.filter(is_active=True).select_related("user").order_by("user__name")
    totals = members.aggregate(fte=Sum("fte"))
    return render(request, "core/team.html", {"members": members, "fte_total": totals["fte"] or 0})


@member_required
def notifications(request):
    items = request.user.notifications.filter(school=request.school)[:100]
    return render(request, "core/notifications.html", {"items": items})


@member_required
@require_POST
def notifications_read(request):
    from django.utils import timezone

    request.user.notifications.filter(school=request.school, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:notifications", request.school.slug)


def bench_bare(request):
    """The benchmark's yardstick: a bare Django view (only routed when GESPREID_BENCH_VIEWS=1)."""
    return HttpResponse("ok")
