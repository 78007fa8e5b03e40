"""Views for /beheer/ (platform administrators, board administrators) and /bestuur/<board>/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core import registry, setup
from gespreid.core.access import board_admin_required, board_member_required
from gespreid.core.models import Board, SchoolYear
from gespreid.core.params import post_int

from .forms import BoardForm, LeaderInviteForm, SchoolDetailsForm, SchoolForm


def _platform_admin(user) -> bool:
    return user.is_staff or user.is_superuser


@login_required
def setup_index(request):
    """Where set-up starts: all boards for a platform administrator, your own boards for a board administrator."""
    if _platform_admin(request.user):
        boards = Board.objects.annotate(n_schools=Count("schools"))
    else:
        boards = Board.objects.filter(board_memberships__user=request.user, board_memberships__is_admin=True).annotate(
            n_schools=Count("schools")
        )
        if not boards:
            raise Http404("Geen beheerder.")
    return render(request, "setup/index.html", {"boards": boards, "platform_admin": _platform_admin(request.user)})


@login_required
def board_create(request):
    if not _platform_admin(request.user):
        raise Http404("Alleen voor de beheerder van het platform.")
    form = BoardForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        board = setup.create_board(request.user, **form.cleaned_data)
        messages.success(
            request, _("Het bestuur %(name)s is aangemaakt. Voeg nu de scholen toe.") % {"name": board.name}
        )
        return redirect("board:overview", board.slug)
    return render(request, "setup/board_form.html", {"form": form}, status=400 if form.errors else 200)


def get_school_for_board(request, pk):
    return get_object_or_404(request.board.schools.all(), pk=pk)


@board_member_required
def overview(request):
    """Aggregates only: per school the team size, total FTE and the current school year."""
    schools = list(
        request.board.schools.annotate(
            people=Count("memberships", filter=Q(memberships__is_active=True)),
            fte=Sum("memberships__fte", filter=Q(memberships__is_active=True)),
        ).order_by("name")
    )
    years = {}
    for year in SchoolYear.objects.filter(school__board=request.board).order_by("starts_on"):
        years.setdefault(year.school_id, []).append(year)
    from django.utils import timezone

    today = timezone.localdate()
    next_start = setup.next_start_year(today)
    for school in schools:
        school_years = years.get(school.pk, [])
        school.current = next((y for y in school_years if y.contains(today)), None)
        school.next_ready = any(y.starts_on.year == next_start for y in school_years)
    from gespreid.core.team import fte_text

    for school in schools:
        school.fte_text = fte_text(school.fte or 0)
    totals = {"people": sum(s.people for s in schools), "fte": fte_text(sum((s.fte or 0) for s in schools))}
    context = {
        "schools": schools,
        "totals": totals,
        "next_start": next_start,
        "next_end": next_start + 1,
        "board_pages": registry.board_pages(request.board),
    }
    return render(request, "setup/board/overview.html", context)


@board_admin_required
def school_create(request):
    form = SchoolForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            school = setup.create_school(request.user, request.board, **form.cleaned_data)
        except setup.SetupError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(name)s is toegevoegd, met het schooljaar van nu.") % {"name": school.name})
            return redirect("board:overview", request.board.slug)
    return render(request, "setup/board/school_form.html", {"form": form}, status=400 if form.errors else 200)


@board_admin_required
def school_edit(request, pk):
    """Name, BRIN number and town of a school of the board; the web address stays as it is."""
    school = get_school_for_board(request, pk)
    initial = {"name": school.name, "brin": school.brin, "town": school.town}
    form = SchoolDetailsForm(request.POST if request.method == "POST" else None, initial=initial, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            changed = setup.update_school(request.user, school, **form.cleaned_data)
        except setup.SetupError as error:
            form.add_error(None, str(error))
        else:
            if changed:
                messages.success(request, _("De gegevens van %(name)s zijn opgeslagen.") % {"name": school.name})
            else:
                messages.info(request, _("Er is niets gewijzigd aan %(name)s.") % {"name": school.name})
            return redirect("board:overview", request.board.slug)
    context = {"form": form, "target_school": school}
    return render(request, "setup/board/school_edit.html", context, status=400 if form.errors else 200)


@board_admin_required
def leader_invite(request, pk):
    school = get_school_for_board(request, pk)
    form = LeaderInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            setup.invite_leader(request.user, school, **form.cleaned_data)
        except setup.SetupError as error:
            form.add_error("email", str(error))
        else:
            messages.success(
                request,
                _("%(name)s is uitgenodigd als schoolleider van %(school)s.")
                % {"name": form.cleaned_data["name"], "school": school.name},
            )
            return redirect("board:overview", request.board.slug)
    context = {"form": form, "target_school": school}
    return render(request, "setup/board/leader_form.html", context, status=400 if form.errors else 200)


@board_admin_required
@require_POST
def year_prepare(request):
    """Prepare the next school year for one school (``school`` in the form) or for every school."""
    schools = request.board.schools.all()
    if request.POST.get("school"):
        school_id = post_int(request, "school")
        if school_id is None:
            raise Http404("Onbekende school.")
        schools = [get_school_for_board(request, school_id)]
    made = setup.prepare_next_year(request.user, schools)
    start = setup.next_start_year()
    if made:
        messages.success(
            request,
            _("Schooljaar %(start)s-%(end)s is klaargezet voor %(n)s school/scholen.")
            % {"start": start, "end": start + 1, "n": len(made)},
        )
    else:
        messages.info(request, _("Schooljaar %(start)s-%(end)s stond al klaar.") % {"start": start, "end": start + 1})
    return redirect("board:overview", request.board.slug)
