"""Learning from each other: requests, lesson visits, kijkwijzers. Only the two people involved see a request or visit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gespreid.core.access import member_required
from gespreid.core.params import query_int, search_text

from . import advice, ics, kijkwijzers, visits
from .forms import (
    AcceptVisitForm,
    AnswerForm,
    CloseForm,
    KijkwijzerForm,
    MessageForm,
    ObservationForm,
    ReflectionForm,
    RequestForm,
    RescheduleForm,
    ShareForm,
    TakeawayForm,
    VisitForm,
)
from .models import AdviceRequest, Kijkwijzer, ShareScope, Visit

# --- access helpers: 404 for "missing" and "not one of the two" alike ----------------------------


def get_request_for_member(request, pk):
    return get_object_or_404(
        advice.visible_to(request.user, request.school).select_related(
            "asker", "recipient", "school", "recipient_school", "share_group", "share_proposed_by"
        ),
        pk=pk,
    )


def get_visit_for_member(request, pk):
    return get_object_or_404(
        visits.visible_to(request.user, request.school).select_related(
            "owner", "visitor", "school", "moment", "priority", "group", "share_group"
        ),
        pk=pk,
    )


def get_kijkwijzer_for_member(request, pk):
    return get_object_or_404(request.school.kijkwijzers.all(), pk=pk)


def _fail(request, exc):
    messages.error(request, " ".join(exc.messages))


def _request_page(req, user):
    return redirect(advice.detail_path(req, user))


def _visit_page(visit):
    return redirect(visits.detail_path(visit))


def _my_groups(request):
    year = request.school_year
    groups = request.school.work_groups.filter(Q(memberships__user=request.user) | Q(lead=request.user))
    return (groups.filter(school_year=year) if year else groups.none()).distinct()


# --- the inbox -----------------------------------------------------------------------------------


@member_required
def home(request):
    me, school = request.user, request.school
    reqs = list(advice.visible_to(me, school).select_related("asker", "recipient", "school", "recipient_school")[:200])
    my_visits = list(visits.visible_to(me, school).select_related("owner", "visitor", "moment")[:200])
    # Labels looked up once per page: get_FOO_display() rebuilds (and translates) the choices on every row.
    status, kind = dict(AdviceRequest.Status.choices), dict(AdviceRequest.Kind.choices)
    status, kind = {k: str(v) for k, v in status.items()}, {k: str(v) for k, v in kind.items()}
    visit_status = {k: str(v) for k, v in Visit.Status.choices}
    for r in reqs:
        r.status_label, r.kind_label = status[r.status], kind[r.kind]
    for v in my_visits:
        v.status_label = visit_status[v.status]
    context = {
        "received": [r for r in reqs if r.recipient_id == me.pk],
        "asked": [r for r in reqs if r.asker_id == me.pk],
        "visits": my_visits,
        "visit_count": visits.visits_this_year(school, request.school_year),
    }
    return render(request, "learning/home.html", context)


# --- advice and feedback requests ----------------------------------------------------------------


@member_required
def request_create(request):
    source = request.POST if request.method == "POST" else request.GET
    to, at = search_text(source.get("aan"), 20), search_text(source.get("bij"), 60)
    fixed = None
    problem = ""
    if to:
        try:
            fixed = advice.find_recipient(request.user, request.school, to, at)
        except ValidationError as exc:
            problem = " ".join(exc.messages)
    initial = {"kind": "feedback" if request.GET.get("soort") == "feedback" else "advies"}
    area_keys = [key for key in (search_text(v, 60) for v in request.GET.getlist("vak")) if key]
    if area_keys:
        initial["areas"] = list(request.school.expertise_areas.filter(key__in=area_keys).values_list("pk", flat=True))
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        school=request.school,
        me=request.user,
        fixed_recipient=fixed is not None,
        initial=initial,
    )
    if request.method == "POST" and not problem and form.is_valid():
        data = form.cleaned_data
        recipient, recipient_school = fixed or (data["recipient"], request.school)
        try:
            req = advice.create_request(
                request.user,
                request.school,
                recipient,
                recipient_school,
                kind=data["kind"],
                question=data["question"],
                context=data["context"],
                areas=data["areas"],
                wish_date=data["wish_date"],
                upload=data["attachment"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Je vraag is verstuurd aan %(name)s. Alleen jullie tweeën zien hem.") % {"name": recipient.name},
            )
            return _request_page(req, request.user)
    failed = request.method == "POST" and (problem or form.errors)
    return render(
        request,
        "learning/request_form.html",
        {"form": form, "fixed": fixed, "to": to, "at": at, "problem": problem},
        status=400 if failed else 200,
    )


@member_required
def request_detail(request, pk):
    req = get_request_for_member(request, pk)
    me = request.user
    context = {
        "req": req,
        "is_asker": me.pk == req.asker_id,
        "thread": list(req.messages.select_related("author")),
        "areas": list(req.areas.all()),
        "other": req.other(me),
    }
    if req.status == AdviceRequest.Status.OPEN and me.pk == req.recipient_id:
        context["answer_form"] = AnswerForm()
    if req.status == AdviceRequest.Status.ACCEPTED:
        context["message_form"] = MessageForm()
    if req.status in (AdviceRequest.Status.ACCEPTED, AdviceRequest.Status.DECLINED) and me.pk == req.asker_id:
        context["close_form"] = CloseForm()
    if req.status == AdviceRequest.Status.CLOSED and not req.shared_at and not req.share_scope:
        context["share_form"] = ShareForm(groups=advice.share_groups(req))
    return render(request, "learning/request_detail.html", context)


def _answer(request, pk, accept):
    req = get_request_for_member(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Het woordje is te lang: hoogstens 200 tekens."))
        return _request_page(req, request.user)
    try:
        advice.answer(req, request.user, accept=accept, word=form.cleaned_data["word"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(
            request,
            _("Je antwoord is verstuurd.") if accept else _("Je hebt laten weten dat het nu niet lukt. Dat is prima."),
        )
    return _request_page(req, request.user)


@member_required
@require_POST
def request_accept(request, pk):
    return _answer(request, pk, True)


@member_required
@require_POST
def request_decline(request, pk):
    return _answer(request, pk, False)


@member_required
@require_POST
def request_message(request, pk):
    req = get_request_for_member(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            advice.add_message(req, request.user, form.cleaned_data["text"])
        except ValidationError as exc:
            _fail(request, exc)
    return redirect(advice.detail_path(req, request.user) + "#gesprek")


@member_required
@require_POST
def request_close(request, pk):
    req = get_request_for_member(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            advice.close(req, request.user, form.cleaned_data["outcome"])
            messages.success(request, _("De vraag is afgerond."))
        except ValidationError as exc:
            _fail(request, exc)
    return _request_page(req, request.user)


@member_required
@require_POST
def request_withdraw(request, pk):
    req = get_request_for_member(request, pk)
    try:
        advice.withdraw(req, request.user)
        messages.success(request, _("Je vraag is ingetrokken."))
    except ValidationError as exc:
        _fail(request, exc)
    return _request_page(req, request.user)


@member_required
@require_POST
def request_share(request, pk):
    req = get_request_for_member(request, pk)
    form = ShareForm(request.POST, groups=advice.share_groups(req))
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        data = form.cleaned_data
        try:
            advice.propose_share(req, request.user, scope=data["scope"], group=data["group"], what=data["what"])
            messages.success(
                request, _("Je voorstel om te delen is verstuurd. Er wordt pas iets gedeeld als je collega akkoord is.")
            )
        except ValidationError as exc:
            _fail(request, exc)
    return _request_page(req, request.user)


@member_required
@require_POST
def request_share_agree(request, pk):
    req = get_request_for_member(request, pk)
    try:
        advice.agree_share(req, request.user)
        messages.success(request, _("Jullie gesprek is gedeeld."))
    except ValidationError as exc:
        _fail(request, exc)
    return _request_page(req, request.user)


@member_required
@require_POST
def request_share_refuse(request, pk):
    req = get_request_for_member(request, pk)
    try:
        advice.withdraw_share_proposal(req, request.user)
        messages.success(request, _("Er wordt niets gedeeld."))
    except ValidationError as exc:
        _fail(request, exc)
    return _request_page(req, request.user)


@member_required
def request_attachment(request, pk):
    from django.http import FileResponse

    from gespreid.groups.files import content_type_for

    req = get_request_for_member(request, pk)
    if not req.attachment:
        raise Http404
    try:
        handle = req.attachment.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    name = req.attachment_name or req.attachment.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type_for(name))
    response["Cache-Control"] = "private, no-store"
    return response


# --- lesson visits -------------------------------------------------------------------------------


@member_required
def visit_create(request):
    initial = {}
    for key, field in (("groep", "group"), ("speerpunt", "priority"), ("aan", "visitor")):
        if query_int(request, key) is not None:
            initial[field] = query_int(request, key)
    form = VisitForm(request.POST or None, school=request.school, me=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = visits.create_visit(
                request.user,
                request.school,
                data["visitor"],
                focus=data["focus"],
                moments=data["moments"],
                look_fors=data["all_look_fors"],
                priority=data["priority"],
                group=data["group"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Je uitnodiging is verstuurd aan %(name)s.") % {"name": visit.visitor.name})
            return _visit_page(visit)
    kws = {}
    if "look_fors" in form.fields:
        for lf in form.fields["look_fors"].queryset:
            kws.setdefault(lf.kijkwijzer, []).append(lf)
    return render(
        request,
        "learning/visit_form.html",
        {"form": form, "kijkwijzers": list(kws.items()), "checked": set(map(str, form["look_fors"].value() or []))},
        status=400 if form.errors else 200,
    )


@member_required
def visit_detail(request, pk):
    visit = get_visit_for_member(request, pk)
    me = request.user
    is_owner = me.pk == visit.owner_id
    started = visits.has_started(visit)
    context = {
        "visit": visit,
        "is_owner": is_owner,
        "other": visit.other(me),
        "moments": list(visit.moments.all()),
        "look_fors": list(visit.look_fors.all()),
        "started": started,
    }
    S = Visit.Status
    if visit.status == S.PROPOSED and not is_owner:
        context["accept_form"] = AcceptVisitForm(visit=visit)
    if visit.status == S.PLANNED and is_owner and not started:
        context["reschedule_form"] = RescheduleForm()
    if visit.status in (S.PLANNED, S.REFLECTED) and is_owner and started:
        context["reflection_form"] = ReflectionForm(
            groups=_my_groups(request),
            initial={"learned": visit.learned, "will_try": visit.will_try},
        )
    if visit.status in (S.PLANNED, S.REFLECTED) and not is_owner and started:
        context["takeaway_form"] = TakeawayForm(initial={"takeaway": visit.takeaway})
    if visit.status == S.REFLECTED and is_owner and not visit.shared_at:
        context["share_form"] = ShareForm(
            groups=request.school.work_groups.filter(school_year=request.school_year),
            what_choices=Visit.ShareWhat.choices,
        )
    return render(request, "learning/visit_detail.html", context)


@member_required
@require_POST
def visit_accept(request, pk):
    visit = get_visit_for_member(request, pk)
    form = AcceptVisitForm(request.POST, visit=visit)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _visit_page(visit)
    try:
        visits.accept(visit, request.user, form.cleaned_data["moment"], word=form.cleaned_data["word"])
        messages.success(request, _("Afgesproken. Jullie krijgen allebei een agenda-uitnodiging per e-mail."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_decline(request, pk):
    visit = get_visit_for_member(request, pk)
    form = AnswerForm(request.POST)
    word = form.cleaned_data["word"] if form.is_valid() else ""
    try:
        visits.decline(visit, request.user, word=word)
        messages.success(request, _("Je hebt laten weten dat het nu niet lukt. Dat is prima."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_reschedule(request, pk):
    visit = get_visit_for_member(request, pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _visit_page(visit)
    try:
        visits.reschedule(visit, request.user, form.cleaned_data["starts_at"])
        messages.success(request, _("Het lesbezoek is verzet; jullie krijgen allebei de gewijzigde uitnodiging."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_cancel(request, pk):
    visit = get_visit_for_member(request, pk)
    try:
        visits.cancel(visit, request.user)
        messages.success(request, _("Het lesbezoek is afgezegd."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
def visit_ics(request, pk):
    visit = get_visit_for_member(request, pk)
    if visit.moment is None or visit.status not in (
        Visit.Status.PLANNED,
        Visit.Status.REFLECTED,
        Visit.Status.CANCELLED,
    ):
        raise Http404
    cancel = visit.status == Visit.Status.CANCELLED
    response = HttpResponse(ics.build(visit, cancel=cancel), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics.filename(visit)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _observer_visit(request, pk):
    visit = get_visit_for_member(request, pk)
    if request.user.pk != visit.visitor_id or visit.status not in (Visit.Status.PLANNED, Visit.Status.REFLECTED):
        raise PermissionDenied(_("Alleen wie op bezoek komt, noteert wat hij of zij zag."))
    return visit


@member_required
def visit_observe(request, pk):
    visit = _observer_visit(request, pk)
    rows = [
        (lf, ObservationForm(prefix=f"lf{lf.pk}", initial={"seen": lf.seen, "note": lf.note}))
        for lf in visit.look_fors.all()
    ]
    return render(request, "learning/visit_observe.html", {"visit": visit, "rows": rows})


@member_required
@require_POST
def visit_observe_save(request, pk, look_for_pk):
    visit = _observer_visit(request, pk)
    look_for = get_object_or_404(visit.look_fors.all(), pk=look_for_pk)
    form = ObservationForm(request.POST, prefix=f"lf{look_for.pk}")
    saved = False
    if form.is_valid():
        try:
            visits.save_observation(
                visit, request.user, look_for, seen=form.cleaned_data["seen"], note=form.cleaned_data["note"]
            )
            saved = True
        except ValidationError as exc:
            form.add_error(None, exc)
    errors = " ".join(e for errs in form.errors.values() for e in errs)
    if request.htmx:  # only the little "saved" status is swapped: the field being typed in is left alone
        return render(request, "learning/visit_observe.html#save-state", {"saved": saved, "errors": errors})
    if saved:
        messages.success(request, _("Opgeslagen."))
    else:
        messages.error(request, errors)
    return redirect(
        reverse("learning:visit-observe", args=[request.school.slug, visit.pk]) + f"#kijkpunt-{look_for.pk}"
    )


@member_required
@require_POST
def visit_reflect(request, pk):
    visit = get_visit_for_member(request, pk)
    form = ReflectionForm(request.POST, groups=_my_groups(request))
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _visit_page(visit)
    data = form.cleaned_data
    try:
        visits.reflect(
            visit, request.user, learned=data["learned"], will_try=data["will_try"], cycle_group=data["cycle_group"]
        )
        messages.success(request, _("Het nagesprek is opgeslagen."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_takeaway(request, pk):
    visit = get_visit_for_member(request, pk)
    form = TakeawayForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _visit_page(visit)
    try:
        visits.add_takeaway(visit, request.user, form.cleaned_data["takeaway"])
        messages.success(request, _("Opgeslagen."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_share(request, pk):
    visit = get_visit_for_member(request, pk)
    form = ShareForm(
        request.POST,
        groups=request.school.work_groups.filter(school_year=request.school_year),
        what_choices=Visit.ShareWhat.choices,
    )
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _visit_page(visit)
    data = form.cleaned_data
    try:
        visits.share(visit, request.user, scope=data["scope"], group=data["group"], what=data["what"])
        messages.success(request, _("Gedeeld."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


@member_required
@require_POST
def visit_unshare(request, pk):
    visit = get_visit_for_member(request, pk)
    try:
        visits.unshare(visit, request.user)
        messages.success(request, _("Niet meer gedeeld."))
    except ValidationError as exc:
        _fail(request, exc)
    return _visit_page(visit)


# --- what colleagues shared ----------------------------------------------------------------------


def shared_filter(request):
    """What the member may read: shared with the team, or with a group they are in."""
    groups = request.school.work_groups.filter(memberships__user=request.user)
    return Q(share_scope=ShareScope.TEAM) | Q(share_scope=ShareScope.GROUP, share_group__in=groups)


@member_required
def shared_list(request):
    visible = shared_filter(request)
    reqs = list(
        request.school.advice_requests.filter(visible, shared_at__isnull=False)
        .select_related("asker", "recipient", "share_group")
        .prefetch_related("messages__author")[:100]
    )
    shared_visits = list(
        request.school.lesson_visits.filter(visible, shared_at__isnull=False)
        .select_related("owner", "visitor", "share_group", "moment")
        .prefetch_related("look_fors")[:100]
    )
    return render(request, "learning/shared_list.html", {"requests": reqs, "visits": shared_visits})


# --- kijkwijzers ---------------------------------------------------------------------------------


@member_required
def kijkwijzer_list(request):
    items = list(request.school.kijkwijzers.prefetch_related("look_fors"))
    return render(
        request,
        "learning/kijkwijzer_list.html",
        {"kijkwijzers": items, "can_curate": kijkwijzers.can_curate(request.membership)},
    )


def _require_curator(request):
    if not kijkwijzers.can_curate(request.membership):
        raise PermissionDenied(_("Alleen teacher leaders en de schoolleider beheren de kijkwijzers."))


@member_required
def kijkwijzer_create(request):
    return _kijkwijzer_form(request, None)


@member_required
def kijkwijzer_edit(request, pk):
    return _kijkwijzer_form(request, get_kijkwijzer_for_member(request, pk))


def _kijkwijzer_form(request, kw: Kijkwijzer | None):
    _require_curator(request)
    initial = {}
    if kw is not None:
        initial = {
            "title": kw.title,
            "description": kw.description,
            "is_active": kw.is_active,
            "items": "\n".join(lf.text for lf in kw.look_fors.all()),
        }
    form = KijkwijzerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kijkwijzers.save_kijkwijzer(
            request.user,
            request.school,
            kw,
            title=data["title"],
            description=data["description"],
            is_active=data["is_active"],
            items=data["items"],
        )
        messages.success(request, _("De kijkwijzer is opgeslagen."))
        return redirect("learning:kijkwijzer-list", request.school.slug)
    return render(
        request, "learning/kijkwijzer_form.html", {"form": form, "kijkwijzer": kw}, status=400 if form.errors else 200
    )
