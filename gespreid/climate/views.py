import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import board_member_required, member_required
from gespreid.core.exports import csv_row

from . import pulse, results
from .forms import AnswerForm, FocusPointForm, FocusUpdateForm, RoundForm, SettingsForm, StatementForm
from .models import FocusPoint, Kind, Participation


def get_round_for_member(request, pk):
    """A round of the member's school; feedback rounds of another leader only when shared (else 404)."""
    round_ = get_object_or_404(request.school.climate_rounds.select_related("subject", "school"), pk=pk)
    if round_.kind == Kind.LEADER and round_.subject_id != request.user.pk and not round_.shared:
        if not round_.is_open and not round_.state() == "planned":
            raise Http404
    return round_


def get_statement_for_member(request, pk):
    return get_object_or_404(request.school.climate_statements, pk=pk)


def get_focus_point_for_member(request, pk):
    return get_object_or_404(FocusPoint.objects.select_related("round__school"), round__school=request.school, pk=pk)


def _require_runner(request, round_):
    if not pulse.may_run(request.membership, round_):
        raise PermissionDenied(_("Alleen wie de ronde leidt, mag dit doen."))


@member_required
def overview(request):
    school = request.school
    settings = pulse.settings_for(school)
    rounds = [
        r
        for r in school.climate_rounds.select_related("subject")
        if r.kind == Kind.PULSE or r.subject_id == request.user.pk or r.shared or r.is_open
    ]
    counts = pulse.participation_counts(rounds)
    mine = set(Participation.objects.filter(round__in=rounds, user=request.user).values_list("round_id", flat=True))
    for r in rounds:
        r.n, r.mine, r.current = counts.get(r.pk, 0), r.pk in mine, r.state()
        r.can_answer = r.current == "open" and not r.mine and pulse.may_answer(request.membership, r)
    context = {
        "rounds": rounds,
        "trend": pulse.trend(school),
        "may_run": pulse.may_run_pulse(request.membership, settings),
        "is_leader": request.membership.is_leader or request.membership.can_manage,
        "can_manage": request.membership.can_manage,
        "min_answers": results.MIN_ANSWERS,
    }
    return render(request, "climate/overview.html", context)


@member_required
def round_create(request):
    kind = request.GET.get("soort", request.POST.get("soort", Kind.PULSE))
    if kind not in Kind.values:
        raise Http404
    if kind == Kind.PULSE and not pulse.may_run_pulse(request.membership):
        raise PermissionDenied(_("De teampuls opent de schoolleider of de collega die zij of hij daarvoor noemt."))
    if kind == Kind.LEADER and not (request.membership.is_leader or request.membership.can_manage):
        raise PermissionDenied(_("Feedback op leiderschap vraagt de schoolleider zelf."))
    if request.method == "POST":
        pulse.ensure_statements(request.school)
    form = RoundForm(request.POST or None, school=request.school, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = pulse.create_round(request.user, request.school, kind=kind, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(request, _("De ronde is klaargezet. Het team krijgt een bericht."))
            return redirect("climate:round-detail", request.school.slug, round_.pk)
    return render(request, "climate/round_form.html", {"form": form, "kind": kind})


@member_required
def round_edit(request, pk):
    """A planned round: change its dates and statements; once it has opened, they stay fixed."""
    round_ = get_round_for_member(request, pk)
    _require_runner(request, round_)
    if round_.state() != "planned":
        messages.error(request, _("Deze ronde is al geopend: de stellingen en data liggen nu vast."))
        return redirect("climate:round-detail", request.school.slug, round_.pk)
    chosen = set(round_.statements.values_list("text", flat=True))
    form = RoundForm(
        request.POST or None,
        school=request.school,
        kind=round_.kind,
        initial={"title": round_.title, "opens_on": round_.opens_on, "closes_on": round_.closes_on},
    )
    if not request.POST:
        form.fields["statements"].initial = [s.pk for s in form.fields["statements"].queryset if s.text in chosen]
        form.fields["title"].initial = round_.title
    if request.method == "POST" and form.is_valid():
        try:
            pulse.update_round(request.user, round_, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(request, _("De ronde is bijgewerkt."))
            return redirect("climate:round-detail", request.school.slug, round_.pk)
    return render(request, "climate/round_form.html", {"form": form, "kind": round_.kind, "round": round_})


@member_required
def round_detail(request, pk):
    round_ = get_round_for_member(request, pk)
    state = round_.state()
    see = pulse.may_see_results(request.membership, round_)
    answers = pulse.round_answers(round_) if see else []
    statement_results = pulse.round_results(round_, answers) if see else []
    enough = bool(statement_results) and all(r.enough for r in statement_results)
    answered = Participation.objects.filter(round=round_, user=request.user).exists()
    previous = (
        request.school.climate_rounds.filter(kind=round_.kind, closed_at__isnull=False, opens_on__lt=round_.opens_on)
        .filter(subject_id=round_.subject_id)
        .order_by("-opens_on", "-id")
        .first()
    )
    trend = None
    if see and round_.is_closed:
        trend = pulse.trend(
            request.school, kind=round_.kind, subject=round_.subject if round_.kind == Kind.LEADER else None
        )
    context = {
        "round": round_,
        "state": state,
        "may_run": pulse.may_run(request.membership, round_),
        "see": see,
        "results": statement_results if enough else [],
        "any_enough": any(r.enough for r in statement_results),
        "breakdown": pulse.breakdown(round_, statement_results, answers)
        if enough and round_.kind == Kind.PULSE
        else {},
        "answered": answered,
        "can_answer": state == "open" and not answered and pulse.may_answer(request.membership, round_),
        "n": round_.participations.count(),
        "team_size": pulse.audience(request.school, round_).count(),
        "focus_points": list(round_.focus_points.select_related("owner")),
        "previous_points": list(previous.focus_points.select_related("owner")) if previous else [],
        "previous": previous,
        "trend": trend,
        "min_answers": results.MIN_ANSWERS,
        "handful": results.HANDFUL,
        "min_change": results.MIN_CHANGE,
    }
    return render(request, "climate/round_detail.html", context)


@member_required
def round_answer(request, pk):
    round_ = get_round_for_member(request, pk)
    if not pulse.may_answer(request.membership, round_):
        raise PermissionDenied(_("Feedback over jezelf vul je niet zelf in."))
    if Participation.objects.filter(round=round_, user=request.user).exists():
        messages.info(request, _("Je hebt deze ronde al ingevuld. Je kunt maar één keer antwoorden."))
        return redirect("climate:round-detail", request.school.slug, round_.pk)
    if not round_.is_open:
        messages.info(request, _("Deze ronde is niet open: invullen kan niet (meer)."))
        return redirect("climate:round-detail", request.school.slug, round_.pk)
    form = AnswerForm(request.POST or None, statements=round_.statements.all())
    if request.method == "POST" and form.is_valid():
        try:
            pulse.answer(round_.pk, request.membership, form.scores())
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(request, _("Dank je wel. Je antwoord is anoniem opgeslagen."))
            return redirect("climate:round-detail", request.school.slug, round_.pk)
    return render(request, "climate/round_answer.html", {"round": round_, "form": form})


@member_required
@require_POST
def round_close(request, pk):
    round_ = get_round_for_member(request, pk)
    _require_runner(request, round_)
    try:
        pulse.close_round(request.user, round_)
    except ValidationError as e:
        messages.error(request, e.messages[0])
    else:
        messages.success(request, _("De ronde is gesloten."))
    return redirect("climate:round-detail", request.school.slug, round_.pk)


@member_required
@require_POST
def round_share(request, pk):
    round_ = get_round_for_member(request, pk)
    if round_.kind != Kind.LEADER or round_.subject_id != request.user.pk:
        raise PermissionDenied(_("Alleen de schoolleider over wie de feedback gaat, kan die delen."))
    pulse.share_feedback(request.user, round_, request.POST.get("shared") == "1")
    messages.success(request, _("Gedeeld met het team.") if round_.shared else _("Niet meer gedeeld."))
    return redirect("climate:round-detail", request.school.slug, round_.pk)


@member_required
def round_export(request, pk):
    """CSV of a closed round: the same numbers as the page, so nothing under five answers."""
    round_ = get_round_for_member(request, pk)
    if not pulse.may_see_results(request.membership, round_):
        raise Http404
    statement_results = pulse.round_results(round_)
    if not statement_results or not all(r.enough for r in statement_results):
        messages.info(request, _("Nog te weinig antwoorden: er is niets te downloaden."))
        return redirect("climate:round-detail", request.school.slug, round_.pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klimaat-{round_.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(csv_row([_("stelling"), _("antwoorden"), "1", "2", "3", "4", "5", _("gemiddeld")]))
    for r in statement_results:
        writer.writerow(csv_row([r.text, r.n, *r.counts, r.mean]))
    writer.writerow([])
    writer.writerow(csv_row([_("stelling"), _("opmerking")]))
    for r in statement_results:
        for remark in r.remarks:
            writer.writerow(csv_row([r.text, remark]))
    return response


@member_required
def focus_create(request, pk):
    round_ = get_round_for_member(request, pk)
    _require_runner(request, round_)
    form = FocusPointForm(request.POST or None, school=request.school)
    if request.method == "POST" and form.is_valid():
        try:
            pulse.add_focus_point(request.user, round_, **form.cleaned_data)
        except ValidationError as e:
            form.add_error(None, e.messages[0])
        else:
            messages.success(request, _("Het focuspunt is vastgelegd."))
            return redirect("climate:round-detail", request.school.slug, round_.pk)
    return render(request, "climate/focus_form.html", {"form": form, "round": round_})


@member_required
def focus_update(request, pk):
    point = get_focus_point_for_member(request, pk)
    round_ = point.round
    if not (pulse.may_run(request.membership, round_) or point.owner_id == request.user.pk):
        raise PermissionDenied(_("Alleen de eigenaar of wie de ronde leidt, werkt een focuspunt bij."))
    form = FocusUpdateForm(request.POST or None, initial={"done": point.done, "outcome": point.outcome})
    if request.method == "POST" and form.is_valid():
        pulse.update_focus_point(request.user, point, **form.cleaned_data)
        messages.success(request, _("Bijgewerkt."))
        return redirect("climate:round-detail", request.school.slug, round_.pk)
    return render(request, "climate/focus_form.html", {"form": form, "point": point, "round": round_})


@member_required
def statement_list(request):
    if not pulse.may_run_pulse(request.membership):
        raise PermissionDenied(_("Alleen wie de teampuls leidt, beheert de stellingen."))
    form = StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pulse.add_statement(request.user, request.school, form.cleaned_data["kind"], form.cleaned_data["text"])
        messages.success(request, _("De stelling is toegevoegd. Ze doet mee vanaf de volgende ronde."))
        return redirect("climate:statement-list", request.school.slug)
    statements = list(request.school.climate_statements.all())
    context = {
        "form": form,
        "pulse_statements": [s for s in statements if s.kind == Kind.PULSE],
        "leader_statements": [s for s in statements if s.kind == Kind.LEADER],
    }
    return render(request, "climate/statement_list.html", context)


@member_required
@require_POST
def statement_toggle(request, pk):
    if not pulse.may_run_pulse(request.membership):
        raise PermissionDenied(_("Alleen wie de teampuls leidt, beheert de stellingen."))
    statement = get_statement_for_member(request, pk)
    pulse.toggle_statement(request.user, statement)
    return redirect("climate:statement-list", request.school.slug)


@member_required
def settings_edit(request):
    if not request.membership.can_manage:
        raise PermissionDenied(_("Alleen de schoolleider of beheerder mag dit doen."))
    current = pulse.settings_for(request.school)
    form = SettingsForm(
        request.POST or None,
        school=request.school,
        initial={"coordinator": current.coordinator_id, "share_with_board": current.share_with_board},
    )
    if request.method == "POST" and form.is_valid():
        pulse.save_settings(request.user, request.school, **form.cleaned_data)
        messages.success(request, _("Opgeslagen."))
        return redirect("climate:overview", request.school.slug)
    return render(request, "climate/settings_form.html", {"form": form})


@board_member_required
def board_overview(request):
    totals = pulse.board_totals(request.board)
    return render(
        request, "climate/board.html", {"board": request.board, "totals": totals, "min_answers": results.MIN_ANSWERS}
    )
