from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gespreid.core import school_cache
from gespreid.core.access import leader_required, member_required
from gespreid.core.params import query_int, search_text

from . import consent, diff, proposal_page
from . import objections as machine
from .forms import CloseForm, ClosingForm, ObjectionActionForm, ProposalForm, ResponseForm, RoundForm, SettingsForm
from .models import DecisionSettings, Objection, ProposalVersion, Round

# --- access helpers ------------------------------------------------------------------------


def get_proposal_for_member(request, pk):
    return get_object_or_404(request.school.proposals.select_related("author", "group", "priority"), pk=pk)


def get_round_for_member(request, proposal, round_pk):
    return get_object_or_404(proposal.rounds.all(), pk=round_pk)


def get_objection_for_member(request, proposal, objection_pk):
    return get_object_or_404(
        Objection.objects.filter(round__proposal=proposal).select_related(
            "raised_by", "round", "version", "answered_in"
        ),
        pk=objection_pk,
    )


def _require_steer(request, proposal):
    if not consent.can_steer(request.membership, proposal):
        raise PermissionDenied(_("Alleen de indiener of de schoolleider kan dit doen."))


def _detail(proposal, anchor=""):
    from django.urls import reverse

    return redirect(reverse("decisions:proposal-detail", args=[proposal.school.slug, proposal.pk]) + anchor)


# --- list, create, edit --------------------------------------------------------------------


def _status(proposal, rounds, now):
    if proposal.decided_at:
        return "besloten"
    if any(r.is_open(now) for r in rounds):
        return "ronde"
    return "concept"


@member_required
def proposal_list(request):
    now = timezone.now()
    proposals = list(
        request.school.proposals.select_related("author", "group", "priority").prefetch_related(
            Prefetch("rounds", queryset=Round.objects.select_related("outcome").order_by("-opened_at"))
        )[:300]
    )
    mine = set(
        request.user.decision_invitations.filter(
            round__proposal__school=request.school, round__closed_at__isnull=True, round__closes_at__gt=now
        )
        .exclude(round__responses__user=request.user)
        .values_list("round__proposal_id", flat=True)
    )
    rows = []
    for p in proposals:
        rounds = list(p.rounds.all())
        rows.append(
            {
                "proposal": p,
                "status": _status(p, rounds, now),
                "round": rounds[0] if rounds else None,
                "waiting_for_me": p.pk in mine,
            }
        )
    return render(request, "decisions/proposal_list.html", {"rows": rows})


@member_required
def proposal_create(request):
    initial = {}
    group_pk = query_int(request, "group")
    if group_pk is not None:
        group = request.school.work_groups.filter(pk=group_pk).first()
        if group is not None:
            initial = {"group": group.pk, "priority": group.priority_id}
    form = ProposalForm(request.POST or None, school=request.school, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = consent.create_proposal(
            request.school,
            request.user,
            title=data["title"],
            problem=data["problem"],
            body=data["body"],
            group=data["group"],
            priority=data["priority"] or (data["group"].priority if data["group"] else None),
            note=data["note"],
        )
        messages.success(
            request, _("Het voorstel is opgeslagen als concept. Open een ronde als je het team wilt vragen.")
        )
        return _detail(proposal)
    return render(request, "decisions/proposal_form.html", {"form": form, "proposal": None})


@member_required
def proposal_edit(request, pk):
    proposal = get_proposal_for_member(request, pk)
    _require_steer(request, proposal)
    if proposal.decided_at:
        messages.error(request, _("Dit voorstel is al besloten. Een besluit verander je met een nieuw voorstel."))
        return _detail(proposal)
    current = consent.latest_version(proposal)
    open_round = next((r for r in proposal.rounds.all() if r.is_open()), None)
    open_objections = (
        Objection.objects.filter(round=open_round, status__in=Objection.OPEN_STATES).select_related("raised_by")
        if open_round
        else None
    )
    initial = {
        "title": proposal.title,
        "problem": proposal.problem,
        "body": current.body if current else "",
        "group": proposal.group_id,
        "priority": proposal.priority_id,
    }
    form = ProposalForm(
        request.POST or None,
        school=request.school,
        objections=open_objections,
        initial=initial,
        with_group=False,
        shows_names=proposal.author_id == request.user.pk,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = consent.edit_proposal(
                proposal,
                request.user,
                title=data["title"],
                problem=data["problem"],
                body=data["body"],
                note=data["note"],
                answers=data.get("answers") or (),
                author_confirms=data.get("author_confirms", False),
            )
        except consent.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            if current is not None and version.pk != current.pk:
                messages.success(
                    request, _("Versie %(n)s is opgeslagen. De vorige versie blijft leesbaar.") % {"n": version.number}
                )
            else:
                messages.success(request, _("Het concept is bijgewerkt."))
            return _detail(proposal)
    return render(
        request,
        "decisions/proposal_form.html",
        {
            "form": form,
            "proposal": proposal,
            "makes_new_version": bool(current and current.frozen),
            "open_round": open_round,
        },
    )


# --- the proposal page ---------------------------------------------------------------------


@member_required
def proposal_detail(request, pk):
    # The proposal with its author, group and priority is school data like the rest: kept (a 404 is not).
    proposal = school_cache.cached_value(
        request, "decisions-proposal", lambda: get_proposal_for_member(request, pk), pk
    )
    return render(request, "decisions/proposal_detail.html", proposal_page.page_context(request, proposal))


@member_required
def version_detail(request, pk, number):
    proposal = get_proposal_for_member(request, pk)
    versions = list(proposal.versions.select_related("created_by").order_by("number"))
    version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    against_number = query_int(request, "met")
    against = None
    if against_number is not None:
        against = next((v for v in versions if v.number == against_number), None)
    if against is None:
        against = next((v for v in reversed(versions) if v.number < number), None)
    answers = list(version.answers.select_related("raised_by"))
    for o in answers:
        o.show_name = consent.can_see_name(o, request.user.pk, proposal)
    return render(
        request,
        "decisions/version_detail.html",
        {
            "proposal": proposal,
            "version": version,
            "against": against,
            "versions": versions,
            "fields": diff.compare(against, version),
            "answers": answers,
        },
    )


# --- rounds --------------------------------------------------------------------------------


@member_required
def round_open(request, pk):
    proposal = get_proposal_for_member(request, pk)
    _require_steer(request, proposal)
    if proposal.decided_at:
        messages.error(request, _("Dit voorstel is al besloten; er kan geen nieuwe ronde meer bij."))
        return _detail(proposal)
    school_settings = consent.settings_for(request.school)
    form = RoundForm(request.POST or None, school=request.school, initial={"group": proposal.group_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent.open_round(
                proposal,
                request.user,
                kind=data["kind"],
                audience=data["audience"],
                closes_at=data["closes_at"],
                group=data["group"],
                people=data["people"],
                review_on=data["review_on"],
            )
        except consent.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De ronde is geopend. Iedereen die je vroeg, kreeg een bericht."))
            return _detail(proposal)
    return render(
        request,
        "decisions/round_form.html",
        {
            "proposal": proposal,
            "form": form,
            "silence_consent": consent.silence_text(Round.CONSENT, school_settings.silence_rule),
            "silence_advice": consent.silence_text(Round.ADVICE, school_settings.silence_rule),
        },
    )


@member_required
def round_respond(request, pk, round_pk):
    proposal = get_proposal_for_member(request, pk)
    round_ = get_round_for_member(request, proposal, round_pk)
    if request.method != "POST":
        return _detail(proposal, "#reageren")
    if not round_.invitations.filter(user=request.user).exists():
        raise PermissionDenied(_("Je bent niet gevraagd in deze ronde."))
    form = ResponseForm(request.POST, round_kind=round_.kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            consent.respond(
                round_.pk,
                request.user,
                kind=data["kind"],
                text=data["text"],
                suggestion=data.get("suggestion", ""),
                name_visible=data["name_visible"],
            )
        except consent.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Je reactie is opgeslagen. Je kunt hem aanpassen tot de ronde sluit."))
            return _detail(proposal, "#reageren")
    return render(
        request,
        "decisions/response_form.html",
        {"proposal": proposal, "round": round_, "form": form},
        # htmx swaps only 2xx answers: it gets the form with its errors as 200, a normal POST gets 400.
        status=200 if request.htmx else 400,
    )


@member_required
def round_closing(request, pk, round_pk):
    proposal = get_proposal_for_member(request, pk)
    round_ = get_round_for_member(request, proposal, round_pk)
    _require_steer(request, proposal)
    if not round_.is_open():
        messages.error(request, _("Deze ronde is gesloten en kan niet meer veranderen."))
        return _detail(proposal)
    form = ClosingForm(request.POST or None, initial={"closes_at": timezone.localtime(round_.closes_at)})
    if request.method == "POST" and form.is_valid():
        try:
            consent.change_closing(round_, request.user, form.cleaned_data["closes_at"])
        except consent.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De sluitdatum is aangepast."))
            return _detail(proposal)
    return render(request, "decisions/closing_form.html", {"proposal": proposal, "round": round_, "form": form})


@member_required
def round_close(request, pk, round_pk):
    proposal = get_proposal_for_member(request, pk)
    round_ = get_round_for_member(request, proposal, round_pk)
    _require_steer(request, proposal)
    if round_.closed_at is not None or not round_.is_open():
        consent.close_due_rounds(school=request.school)
        messages.error(request, _("Deze ronde is al gesloten en kan niet meer veranderen."))
        return _detail(proposal)
    ok, why = consent.can_adopt(round_) if round_.is_consent else (True, "")
    version = consent.latest_version(proposal)
    initial = {
        "adopt": "1" if ok else "0",
        "decision_text": version.body[:5000] if version else "",
        "changes": consent.summarize_changes(round_),
        "review_on": round_.review_on,
    }
    early = timezone.now() < round_.closes_at
    form = CloseForm(request.POST or None, round_kind=round_.kind, initial=initial, early=early)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consent.close_round(
                round_.pk,
                request.user,
                adopt=data.get("adopt", True),
                decision_text=data["decision_text"],
                changes=data["changes"],
                review_on=data.get("review_on"),
            )
        except consent.DecisionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De ronde is gesloten en de uitkomst staat in de besluitenlijst."))
            return _detail(proposal, "#uitkomst")
    return render(
        request,
        "decisions/close_form.html",
        {
            "proposal": proposal,
            "round": round_,
            "form": form,
            "can_adopt": ok,
            "why_not": why,
            "early": early,
            "invited": round_.invitations.count(),
            "responded": round_.responses.count(),
        },
    )


# --- objections ----------------------------------------------------------------------------


EVENT_LABELS = {
    "work": gettext_lazy("Ik ga ermee aan de slag"),
    "author_confirm": gettext_lazy("Ik bevestig: het voorstel lost het probleem nog op"),
    "objector_confirm": gettext_lazy("Ik bevestig: mijn bezwaar geldt niet meer"),
    "withdraw": gettext_lazy("Ik trek mijn bezwaar in"),
    "not_adopt": gettext_lazy("Gehoord, niet overgenomen (met uitleg)"),
}


@member_required
def objection_detail(request, pk, objection_pk):
    proposal = get_proposal_for_member(request, pk)
    objection = get_objection_for_member(request, proposal, objection_pk)
    role = consent.role_for(objection, request.membership, proposal)
    form = ObjectionActionForm(request.POST or None)
    if request.method == "POST":
        if role is None:
            raise PermissionDenied(_("Alleen wie het bezwaar maakte, de indiener of de schoolleider kan dit doen."))
        if form.is_valid():
            try:
                consent.objection_event(
                    objection,
                    request.membership,
                    form.cleaned_data["event"],
                    explanation=form.cleaned_data["explanation"],
                )
            except consent.DecisionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Het bezwaar is bijgewerkt."))
                return redirect("decisions:objection-detail", request.school.slug, proposal.pk, objection.pk)
    state = machine.ObjectionState(
        objection.status, objection.objector_confirmed, objection.author_confirmed, objection.explanation
    )
    open_round = objection.round.is_open()
    events = machine.allowed_events(state, role) if role and open_round else []
    objection.show_name = consent.can_see_name(objection, request.user.pk, proposal)
    return render(
        request,
        "decisions/objection_detail.html",
        {
            "proposal": proposal,
            "objection": objection,
            "form": form,
            "round_open": open_round,
            "events": [(e, EVENT_LABELS[e]) for e in events if e != "answer"],
        },
        status=400 if request.method == "POST" else 200,
    )


# --- decision log and settings -------------------------------------------------------------


@member_required
def decision_log(request):
    q = search_text(request.GET.get("q"))
    outcomes = request.school.decision_outcomes.select_related(
        "proposal__author", "proposal__group", "version", "round"
    )
    if q:
        outcomes = outcomes.filter(
            Q(proposal__title__icontains=q)
            | Q(decision_text__icontains=q)
            | Q(changes__icontains=q)
            | Q(version__body__icontains=q)
        )
    outcomes = list(
        outcomes.prefetch_related(
            Prefetch("proposal__versions", queryset=ProposalVersion.objects.order_by("number")),
            Prefetch(
                "proposal__rounds",
                queryset=Round.objects.select_related("outcome__version", "opened_version").order_by("opened_at"),
            ),
        )[:500]
    )
    for outcome in outcomes:
        outcome.path = _path(outcome)
    return render(request, "decisions/decision_log.html", {"outcomes": outcomes, "q": q})


def _path(outcome):
    """From first draft to this outcome: versions, rounds opened and rounds closed, in time order."""
    steps = []
    for v in outcome.proposal.versions.all():
        if v.number <= outcome.version.number:
            steps.append((v.created_at, 0, "version", v))
    for r in outcome.proposal.rounds.all():
        if r.opened_at <= outcome.published_at:
            steps.append((r.opened_at, 1, "round", r))
            closed = getattr(r, "outcome", None)
            if closed is not None and closed.published_at <= outcome.published_at:
                steps.append((closed.published_at, 2, "outcome", closed))
    steps.sort(key=lambda s: (s[0], s[1]))
    return [{"kind": kind, "item": item, "at": at} for at, _order, kind, item in steps]


@leader_required
def settings_edit(request):
    instance = DecisionSettings.objects.filter(school=request.school).first() or DecisionSettings(school=request.school)
    form = SettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        consent.save_settings(form.save(commit=False), request.user)
        messages.success(request, _("De instellingen zijn opgeslagen. Ze gelden voor rondes die vanaf nu openen."))
        return redirect("decisions:proposal-list", request.school.slug)
    return render(request, "decisions/settings_form.html", {"form": form})
