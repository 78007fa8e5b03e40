"""The proposal page: what is kept rendered, and what is built for each request.

Kept (``core.school_cache``, so fresh after every change of the school's data):

- the proposal's state, the same for everyone: its rounds (to tell which one is open *now*) and who gave
  a response or objection with their name hidden;
- the body (the proposal text, every round with its responses and objections, the versions) as HTML,
  under the rounds open now (a round past its closing time shows as closed at once, before the job closes
  it) and the names the viewer may see (``consent.can_see_name``): the author sees every name, someone
  with a hidden response or objection their own as well, everyone else the names shown to the team;
- the actions of those who steer (the author and the leaders: the same links for each), under the rounds
  open now;
- per person: whether they were asked in the open round and their own response (the form's initial data).

- per person: the response form's fields, unbound, with their own response as starting values.

Built each time: the title and the response form's ``<form>`` with its CSRF token around the kept fields.
"""

from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from gespreid.core import school_cache

from . import consent
from .forms import ResponseForm
from .models import Objection, Response


def page_context(request, proposal) -> dict:
    now = timezone.now()
    state = school_cache.cached_value(request, "decisions-proposal-state", lambda: _state(proposal), proposal.pk)
    open_rounds = [r for r in state["rounds"] if r.is_open(now)]
    open_round = open_rounds[0] if open_rounds else None
    viewer = request.user.pk
    if viewer == proposal.author_id:
        names = "indiener"  # the author sees every name
    elif viewer in state["hidden_owners"]:
        names = f"eigen{viewer}"  # their own hidden name, and the names shown to the team
    else:
        names = "team"
    open_now = "open" + "-".join(str(r.pk) for r in open_rounds)
    body = school_cache.cached_html(
        request,
        "decisions-proposal-body",
        lambda: _body_html(request.school, proposal, viewer, now),
        proposal.pk,
        open_now,
        names,
    )
    actions = ""
    if consent.can_steer(request.membership, proposal):  # the author and the leaders: the same for each of them
        actions = school_cache.cached_html(
            request,
            "decisions-proposal-actions",
            lambda: _actions_html(request.school, proposal, open_round),
            proposal.pk,
            open_now,
            "sturen",
        )
    form = my_response = None
    asked = False
    if open_round is not None:
        mine = school_cache.cached_value(
            request,
            "decisions-proposal-mine",
            lambda: _mine(proposal, open_round, viewer),
            open_round.pk,
            per_person=True,
        )
        asked, my_response = mine["asked"], mine["response"]
        if asked:
            form = ResponseForm(round_kind=open_round.kind, initial=my_response and my_response["initial"])
    # The form's fields (no token: the <form> and its token are drawn on every request around them), unbound,
    # with the person's own response as their starting values.
    fields = form and school_cache.cached_html(
        request,
        "decisions-proposal-fields",
        lambda: render_to_string("core/form_fields.html", {"form": form}),
        open_round.pk,
        per_person=True,
    )
    return {
        "form_fields": fields,
        "proposal": proposal,
        "open_round": open_round,
        "i_am_asked": asked,
        "my_response": my_response,
        "form": form,
        "silence": open_round and consent.silence_text(open_round.kind, open_round.silence_rule),
        "actions": actions,
        "body": body,
    }


def _state(proposal) -> dict:
    hidden = (
        Response.objects.filter(round__proposal=proposal, name_visible=False)
        .order_by()
        .values_list("user_id")
        .union(
            Objection.objects.filter(round__proposal=proposal, name_visible=False)
            .order_by()
            .values_list("raised_by_id")
        )
    )
    return {
        "rounds": list(
            proposal.rounds.only("pk", "proposal_id", "kind", "silence_rule", "closes_at", "closed_at").order_by(
                "-opened_at", "-id"
            )
        ),
        "hidden_owners": {user_id for (user_id,) in hidden},
    }


def _mine(proposal, open_round, viewer) -> dict:
    found = open_round.responses.filter(user_id=viewer).select_related("version").first()
    if found is None:  # only those asked can respond: a response says they were asked
        return {"asked": open_round.invitations.filter(user_id=viewer).exists(), "response": None}
    return {
        "asked": True,
        "response": {
            "kind": found.get_kind_display(),
            "version": found.version.number,
            "initial": {
                "kind": found.kind,
                "text": found.text,
                "suggestion": found.suggestion,
                "name_visible": "1" if found.name_visible else "0",
            },
        },
    }


def _actions_html(school, proposal, open_round) -> str:
    current = proposal.versions.only("pk", "proposal_id", "frozen").order_by("-number").first()
    return render_to_string(
        "decisions/_proposal_actions.html",
        {"school": school, "proposal": proposal, "current": current, "open_round": open_round},
    )


def _body_html(school, proposal, viewer, now) -> str:
    versions = list(proposal.versions.select_related("created_by").order_by("number"))
    rounds = list(
        proposal.rounds.select_related("outcome__version", "opened_version", "audience_group")
        .annotate(n_invited=Count("invitations", distinct=True))
        .prefetch_related(
            Prefetch(
                "responses", queryset=Response.objects.select_related("user", "version").order_by("created_at", "id")
            ),
            Prefetch(
                "objections",
                queryset=Objection.objects.select_related("raised_by", "version", "answered_in").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .order_by("-opened_at", "-id")
    )
    for r in rounds:
        r.open_now = r.is_open(now)
        r.responses_list = list(r.responses.all())
        for resp in r.responses_list:
            resp.show_name = consent.can_see_name(resp, viewer, proposal)
        r.counts = {kind: sum(1 for x in r.responses_list if x.kind == kind) for kind, _label in Response.KIND_CHOICES}
        r.n_responded = len(r.responses_list)
        r.objections_list = list(r.objections.all())
        for o in r.objections_list:
            o.show_name = consent.can_see_name(o, viewer, proposal)
        r.silence = consent.silence_text(r.kind, r.silence_rule)
        r.visible_consents = [x for x in r.responses_list if x.kind == Response.CONSENT and x.show_name]
        r.hidden_consents = r.counts[Response.CONSENT] - len(r.visible_consents)
        r.concerns = [x for x in r.responses_list if x.kind == Response.CONCERN]
        r.advice = [x for x in r.responses_list if x.kind == Response.ADVICE]
    # Which objections each version answers (over all rounds).
    answers: dict = {}
    for r in rounds:
        for o in r.objections_list:
            if o.answered_in_id:
                answers.setdefault(o.answered_in_id, []).append(o)
    for v in versions:
        v.answers_list = answers.get(v.pk, [])
    return render_to_string(
        "decisions/_proposal_body.html",
        {
            "school": school,
            "proposal": proposal,
            "versions": versions,
            "current": versions[-1] if versions else None,
            "rounds": rounds,
        },
    )
