"""Deciding together: versions, rounds, responses, objections and outcomes.

Every write with side effects goes through one function here: the state change, an audit entry
and the notifications happen in one transaction. Rounds are locked (``select_for_update``) while a
response is stored or the round is closed, so a response and a close at the same moment never
lose anything: either the response is in before the close (and counts) or it is refused.
"""

import logging
import math
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gespreid.core import school_cache
from gespreid.core.audit import record
from gespreid.core.models import Membership
from gespreid.core.notify import notify

from . import objections as machine
from .apps import MAIL_KIND
from .models import DecisionSettings, Invitation, Objection, Outcome, Proposal, ProposalVersion, Response, Round

logger = logging.getLogger(__name__)


class DecisionError(Exception):
    """A refused action; ``str(exc)`` is a clear Dutch message for the person."""


# --- reading -------------------------------------------------------------------------------


def can_see_name(item, viewer_id, proposal) -> bool:
    """Whose name shows on a response or objection: everyone's when they chose so, else the author's and their own."""
    return item.name_visible or viewer_id in (
        proposal.author_id,
        getattr(item, "user_id", None) or getattr(item, "raised_by_id", None),
    )


def settings_for(school) -> DecisionSettings:
    """The school's settings, or the defaults (unsaved) when the school never changed them."""
    found = DecisionSettings.objects.filter(school=school).first()
    return found or DecisionSettings(school=school)


def can_steer(membership, proposal) -> bool:
    """The author and the school leader (or administrator) open, close and edit."""
    return membership.can_manage or proposal.author_id == membership.user_id


def latest_version(proposal):
    return proposal.versions.order_by("-number").first()


def silence_text(kind: str, rule: str) -> str:
    if kind == Round.ADVICE:
        return _("Geen reactie = geen advies. Wie reageert, doet mee.")
    if rule == DecisionSettings.SILENCE_QUORUM:
        return _(
            "Geen reactie = niet meegedaan. Het besluit telt alleen als minstens de helft van de gevraagden reageert en er geen open bezwaren zijn."
        )
    return _("Geen reactie = geen bezwaar. Wie niet reageert, stemt stilzwijgend in.")


def quorum_needed(invited: int) -> int:
    return math.ceil(invited / 2)


def _proposal_url(proposal) -> str:
    return reverse("decisions:proposal-detail", args=[proposal.school.slug, proposal.pk])


def _steerers(proposal):
    return [proposal.author]


# --- proposals and versions ----------------------------------------------------------------


@transaction.atomic
def create_proposal(school, author, *, title, problem, body, group=None, priority=None, note="") -> Proposal:
    proposal = Proposal.objects.create(
        school=school, author=author, title=title, problem=problem, group=group, priority=priority
    )
    ProposalVersion.objects.create(
        proposal=proposal, number=1, title=title, problem=problem, body=body, note=note, created_by=author
    )
    record(author, "decisions.proposal_created", school=school, target=proposal, summary=title)
    return proposal


def ensure_first_version(proposal, actor) -> ProposalVersion:
    """A proposal made elsewhere (with only a title and problem) gets its first version here."""
    version = latest_version(proposal)
    if version is None:
        version = ProposalVersion.objects.create(
            proposal=proposal,
            number=1,
            title=proposal.title,
            problem=proposal.problem,
            body=proposal.problem,
            created_by=actor,
        )
    return version


@transaction.atomic
def edit_proposal(
    proposal, actor, *, title, problem, body, note="", answers=(), author_confirms=False
) -> ProposalVersion:
    """Change the text. Before any round opened the draft changes in place; after that, every edit is a new version.

    ``answers``: objections this version answers (they move to "being worked on" and wait for the
    objector again); with ``author_confirms`` the author also confirms the proposal still solves the problem.
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.decided_at:
        raise DecisionError(_("Dit voorstel is al besloten. Een besluit verander je met een nieuw voorstel."))
    open_round = next((r for r in proposal.rounds.all() if r.is_open()), None)
    last = latest_version(proposal)
    if last is not None and not last.frozen and not answers:
        last.title, last.problem, last.body, last.note = title, problem, body, note
        last.save(update_fields=["title", "problem", "body", "note"])
        version = last
    else:
        version = ProposalVersion.objects.create(
            proposal=proposal,
            number=(last.number + 1 if last else 1),
            title=title,
            problem=problem,
            body=body,
            note=note,
            created_by=actor,
        )
        if open_round is not None:
            version.frozen = True
            version.save(update_fields=["frozen"])
    proposal.title, proposal.problem = title, problem
    proposal.save(update_fields=["title", "problem"])
    answered = []
    for objection in answers:
        objection = Objection.objects.select_for_update().select_related("round").get(pk=objection.pk)
        if objection.round.proposal_id != proposal.pk or not objection.round.is_open():
            continue
        _fire(objection, "answer", machine.AUTHOR)
        if author_confirms:
            _fire(objection, "author_confirm", machine.AUTHOR)
        objection.answered_in = version
        objection.save()
        answered.append(objection)
    record(
        actor, "decisions.version_saved", school=proposal.school, target=version, summary=f"{title} v{version.number}"
    )
    if open_round is not None and version.frozen:
        responders = [r.user for r in open_round.responses.select_related("user") if r.user_id != actor.pk]
        notify(
            proposal.school,
            responders,
            _("Nieuwe versie (%(n)s) van “%(title)s”: bekijk wat er veranderde en pas je reactie aan als dat nodig is.")
            % {"n": version.number, "title": title},
            _proposal_url(proposal),
            kind=MAIL_KIND,
        )
        for objection in answered:
            notify(
                proposal.school,
                [objection.raised_by],
                _("Versie %(n)s van “%(title)s” gaat in op je bezwaar. Bevestig of het nog geldt.")
                % {"n": version.number, "title": title},
                reverse("decisions:objection-detail", args=[proposal.school.slug, proposal.pk, objection.pk]),
                email_subject=_("Gespreid: reactie op je bezwaar"),
                kind=MAIL_KIND,
            )
    return version


# --- rounds --------------------------------------------------------------------------------


def _invitees(proposal, audience, group, people):
    school = proposal.school
    active = Membership.objects.filter(school=school, is_active=True)
    if audience == Round.TEAM:
        ids = active.values_list("user_id", flat=True)
    elif audience == Round.GROUP:
        ids = active.filter(Q(user__group_memberships__group=group) | Q(user_id=group.lead_id)).values_list(
            "user_id", flat=True
        )
    else:
        ids = active.filter(user__in=people).values_list("user_id", flat=True)
    return sorted(set(ids) - {proposal.author_id})


@transaction.atomic
def open_round(proposal, actor, *, kind, audience, closes_at, group=None, people=(), review_on=None, now=None) -> Round:
    now = now or timezone.now()
    proposal = Proposal.objects.select_for_update().select_related("school").get(pk=proposal.pk)
    if proposal.decided_at:
        raise DecisionError(_("Dit voorstel is al besloten; er kan geen nieuwe ronde meer bij."))
    if closes_at <= now:
        raise DecisionError(_("De sluitdatum ligt in het verleden. Kies een moment na nu."))
    if any(r.is_open(now) for r in proposal.rounds.all()):
        raise DecisionError(_("Er loopt al een ronde over dit voorstel. Sluit die eerst."))
    user_ids = _invitees(proposal, audience, group, people)
    if not user_ids:
        raise DecisionError(_("Er is niemand om te vragen. Kies het hele team, een werkgroep met leden of collega's."))
    version = ensure_first_version(proposal, actor)
    proposal.versions.filter(frozen=False).update(frozen=True)
    rule = (
        settings_for(proposal.school).silence_rule if kind == Round.CONSENT else DecisionSettings.SILENCE_NO_OBJECTION
    )
    round_ = Round.objects.create(
        proposal=proposal,
        kind=kind,
        audience=audience,
        audience_group=group if audience == Round.GROUP else None,
        silence_rule=rule,
        opened_version=version,
        opened_by=actor,
        opened_at=now,
        closes_at=closes_at,
        review_on=review_on,
    )
    Invitation.objects.bulk_create([Invitation(round=round_, user_id=uid) for uid in user_ids])
    record(
        actor,
        "decisions.round_opened",
        school=proposal.school,
        target=round_,
        summary=f"{round_.get_kind_display()}: {proposal.title}",
    )
    users = list(Membership.objects.filter(school=proposal.school, user_id__in=user_ids).select_related("user"))
    closes = formats.date_format(timezone.localtime(closes_at), "DATETIME_FORMAT")
    notify(
        proposal.school,
        [m.user for m in users],
        _("%(kind)s over “%(title)s”: reageer vóór %(closes)s. %(silence)s")
        % {
            "kind": round_.get_kind_display(),
            "title": proposal.title,
            "closes": closes,
            "silence": silence_text(kind, rule),
        },
        _proposal_url(proposal),
        email_subject=_("Gespreid: je mening gevraagd over “%(title)s”") % {"title": proposal.title},
        kind=MAIL_KIND,
    )
    return round_


@transaction.atomic
def change_closing(round_, actor, closes_at, now=None) -> Round:
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().select_related("proposal__school").get(pk=round_.pk)
    if not round_.is_open(now):
        raise DecisionError(_("Deze ronde is gesloten en kan niet meer veranderen."))
    if closes_at <= now:
        raise DecisionError(_("De sluitdatum ligt in het verleden. Kies een moment na nu."))
    round_.closes_at = closes_at
    round_.save(update_fields=["closes_at", "reminder_sent_at"])
    record(
        actor, "decisions.round_closing_changed", school=round_.proposal.school, target=round_, summary=str(closes_at)
    )
    return round_


# --- responses -----------------------------------------------------------------------------


@transaction.atomic
def respond(round_id, user, *, kind, text="", suggestion="", name_visible=True, now=None) -> Response:
    """Store or change a person's response. Refused when the round is closed or they were not asked."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().select_related("proposal__school").get(pk=round_id)
    if not round_.is_open(now):
        raise DecisionError(_("Deze ronde is gesloten. Je reactie is niet meer opgeslagen."))
    if not round_.invitations.filter(user=user).exists():
        raise DecisionError(_("Je bent niet gevraagd in deze ronde."))
    allowed = {
        Round.ADVICE: {Response.ADVICE},
        Round.CONSENT: {Response.CONSENT, Response.CONCERN, Response.OBJECTION},
    }[round_.kind]
    if kind not in allowed:
        raise DecisionError(_("Deze reactie past niet bij deze ronde."))
    text, suggestion = (text or "").strip(), (suggestion or "").strip()
    if kind == Response.OBJECTION and not text:
        raise DecisionError(
            _(
                "Een bezwaar heeft een reden nodig: welke schade doet het voorstel aan het doel van de school of aan je werk?"
            )
        )
    if kind == Response.ADVICE and not text:
        raise DecisionError(_("Schrijf je advies op."))
    version = latest_version(round_.proposal)
    response, created = Response.objects.update_or_create(
        round=round_,
        user=user,
        defaults={
            "kind": kind,
            "text": text,
            "suggestion": suggestion,
            "name_visible": name_visible,
            "version": version,
            "updated_at": now,
        },
    )
    current = (
        Objection.objects.select_for_update()
        .filter(round=round_, raised_by=user, status__in=Objection.OPEN_STATES)
        .first()
    )
    proposal = round_.proposal
    if kind == Response.OBJECTION:
        if current is None:
            current = Objection.objects.create(
                round=round_,
                raised_by=user,
                version=version,
                harm=text,
                suggestion=suggestion,
                name_visible=name_visible,
                created_at=now,
                updated_at=now,
            )
            notify(
                proposal.school,
                _steerers(proposal),
                _("Nieuw bezwaar bij “%(title)s”. Bekijk het en werk het samen uit.") % {"title": proposal.title},
                reverse("decisions:objection-detail", args=[proposal.school.slug, proposal.pk, current.pk]),
                email_subject=_("Gespreid: bezwaar bij “%(title)s”") % {"title": proposal.title},
                kind=MAIL_KIND,
            )
        else:
            current.harm, current.suggestion, current.name_visible, current.updated_at = (
                text,
                suggestion,
                name_visible,
                now,
            )
            current.save(update_fields=["harm", "suggestion", "name_visible", "updated_at"])
    elif current is not None:
        # Changing the response away from an objection withdraws it.
        _fire(current, "withdraw", machine.OBJECTOR)
        current.save()
    record(
        user,
        "decisions.responded",
        school=proposal.school,
        target=response,
        summary=f"{response.get_kind_display()}: {proposal.title}",
        hide_actor=not name_visible,
    )
    school_cache.school_changed(proposal.school_id)  # no signal finds the school of a response or objection
    return response


# --- objections ----------------------------------------------------------------------------


def _fire(objection, event, role, explanation=""):
    state = machine.ObjectionState(
        objection.status, objection.objector_confirmed, objection.author_confirmed, objection.explanation
    )
    new = machine.apply(state, event, role, explanation=explanation)
    objection.status, objection.objector_confirmed = new.status, new.objector_confirmed
    objection.author_confirmed, objection.explanation = new.author_confirmed, new.explanation
    objection.updated_at = timezone.now()
    return new


def role_for(objection, membership, proposal):
    if objection.raised_by_id == membership.user_id:
        return machine.OBJECTOR
    if can_steer(membership, proposal):
        return machine.AUTHOR
    return None


@transaction.atomic
def objection_event(objection, membership, event, *, explanation="", now=None) -> Objection:
    now = now or timezone.now()
    round_ = (
        Round.objects.select_for_update()
        .select_related("proposal__school", "proposal__author")
        .get(pk=objection.round_id)
    )
    objection = Objection.objects.select_for_update().get(pk=objection.pk)
    if not round_.is_open(now):
        raise DecisionError(_("Deze ronde is gesloten en kan niet meer veranderen."))
    proposal = round_.proposal
    role = role_for(objection, membership, proposal)
    if role is None:
        raise DecisionError(_("Alleen wie het bezwaar maakte, de indiener of de schoolleider kan dit doen."))
    try:
        _fire(objection, event, role, explanation)
    except machine.TransitionRefused as exc:
        raise DecisionError(str(exc)) from exc
    objection.save()
    if objection.status in (Objection.RESOLVED, Objection.WITHDRAWN):
        Response.objects.filter(round=round_, user=objection.raised_by, kind=Response.OBJECTION).update(
            kind=Response.CONSENT, version=latest_version(proposal), updated_at=now
        )
    record(
        membership.user,
        f"decisions.objection_{event}",
        school=proposal.school,
        target=objection,
        summary=proposal.title,
        hide_actor=role == machine.OBJECTOR and not objection.name_visible,
    )
    other = objection.raised_by if role == machine.AUTHOR else proposal.author
    if other.pk != membership.user_id:
        notify(
            proposal.school,
            [other],
            _("Het bezwaar bij “%(title)s” is bijgewerkt: %(status)s.")
            % {"title": proposal.title, "status": objection.get_status_display()},
            reverse("decisions:objection-detail", args=[proposal.school.slug, proposal.pk, objection.pk]),
            kind=MAIL_KIND,
        )
    school_cache.school_changed(proposal.school_id)  # nor of an objection; the update() above sends none
    return objection


# --- closing -------------------------------------------------------------------------------


def summarize_changes(round_) -> str:
    """What changed thanks to objections and concerns, written out for the outcome."""
    lines = []
    for objection in round_.objections.select_related("answered_in").order_by("created_at", "id"):
        if objection.status == Objection.RESOLVED:
            where = _(" (versie %(n)s)") % {"n": objection.answered_in.number} if objection.answered_in else ""
            lines.append(_("Bezwaar opgelost%(where)s: %(harm)s") % {"where": where, "harm": objection.harm[:300]})
        elif objection.status == Objection.NOT_ADOPTED:
            lines.append(
                _("Bezwaar gehoord, niet overgenomen: %(harm)s — %(why)s")
                % {"harm": objection.harm[:200], "why": objection.explanation[:300]}
            )
        elif objection.status == Objection.WITHDRAWN:
            lines.append(_("Bezwaar ingetrokken: %(harm)s") % {"harm": objection.harm[:200]})
        else:
            lines.append(_("Bezwaar nog open: %(harm)s") % {"harm": objection.harm[:300]})
    for response in round_.responses.filter(kind=Response.CONCERN).order_by("created_at", "id"):
        lines.append(_("Zorg genoteerd: %(text)s") % {"text": (response.text or "—")[:300]})
    for version in round_.proposal.versions.filter(number__gt=round_.opened_version.number).order_by("number"):
        lines.append(_("Versie %(n)s: %(note)s") % {"n": version.number, "note": version.note or _("tekst aangepast")})
    return "\n".join("- " + line for line in lines)[:5000]


def can_adopt(round_) -> tuple[bool, str]:
    """Whether a consent round may be closed as a decision now, and if not, why (Dutch)."""
    open_count = round_.objections.filter(status__in=Objection.OPEN_STATES).count()
    if open_count:
        return False, ngettext(
            "Er is nog %(n)s open bezwaar. Werk het uit (opgelost, ingetrokken of gehoord en niet overgenomen) of sluit als “niet besloten”.",
            "Er zijn nog %(n)s open bezwaren. Werk ze uit (opgelost, ingetrokken of gehoord en niet overgenomen) of sluit als “niet besloten”.",
            open_count,
        ) % {"n": open_count}
    if round_.silence_rule == DecisionSettings.SILENCE_QUORUM:
        invited = round_.invitations.count()
        responded = round_.responses.count()
        if responded < quorum_needed(invited):
            return False, _("Te weinig reacties: %(r)s van de %(n)s nodig.") % {
                "r": responded,
                "n": quorum_needed(invited),
            }
    return True, ""


def early_close_note(round_, actor, now) -> str:
    """What an outcome says when a round is closed before its announced time: when, by whom, how many
    responded, and who had not yet (their time had not run out, so their silence is no consent)."""
    from django.utils.formats import date_format

    invited = list(round_.invitations.select_related("user").order_by("user__name"))
    responded = set(round_.responses.values_list("user_id", flat=True))
    silent = ", ".join(inv.user.name for inv in invited if inv.user_id not in responded) or "-"
    return _(
        "Vroeg gesloten op %(when)s door %(who)s, vóór de aangekondigde sluiting op %(closes)s. %(responded)s van de "
        "%(invited)s gevraagden reageerden. Niet gereageerd (hun tijd liep nog, dus hun stilte telt niet als "
        "instemming): %(silent)s."
    ) % {
        "when": date_format(timezone.localtime(now), "j F Y H:i"),
        "who": actor.name,
        "closes": date_format(timezone.localtime(round_.closes_at), "j F Y H:i"),
        "responded": len(responded & {inv.user_id for inv in invited}),
        "invited": len(invited),
        "silent": silent,
    }


@transaction.atomic
def close_round(
    round_id, actor=None, *, adopt=True, decision_text="", changes=None, review_on=None, now=None
) -> Outcome:
    """Close a round and publish its outcome. ``actor`` None means the scheduled job (or a late computation).

    A consent round is only adopted when no objection is open (and the quorum is met when the school
    uses that rule); otherwise it closes as "niet besloten", with the open objections listed. A
    person closing by hand who asks to adopt while that is not possible gets a DecisionError instead.
    """
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().select_related("proposal__school", "proposal__author").get(pk=round_id)
    if round_.closed_at is not None:
        raise DecisionError(_("Deze ronde is al gesloten."))
    proposal = round_.proposal
    school = proposal.school
    version = latest_version(proposal)
    if round_.kind == Round.ADVICE:
        result = Outcome.ADVICE
    else:
        ok, why = can_adopt(round_)
        if adopt and not ok and actor is not None:
            raise DecisionError(why)
        result = Outcome.ADOPTED if adopt and ok else Outcome.NOT_DECIDED
    if not decision_text:
        if result == Outcome.ADOPTED:
            decision_text = _("Besloten: %(title)s (versie %(n)s).") % {"title": version.title, "n": version.number}
        elif result == Outcome.NOT_DECIDED:
            decision_text = _("Niet besloten: %(title)s. Het voorstel kan verbeterd opnieuw in een ronde.") % {
                "title": version.title
            }
        else:
            decision_text = _("Advies opgehaald over %(title)s (versie %(n)s).") % {
                "title": version.title,
                "n": version.number,
            }
    if actor is not None and now < round_.closes_at:
        # Closed early by hand: the outcome says so, and silence is "niet gereageerd", not consent.
        decision_text = f"{decision_text}\n\n{early_close_note(round_, actor, now)}"
    if review_on is None and result == Outcome.ADOPTED:
        months = settings_for(school).review_months
        review_on = round_.review_on or (timezone.localdate(now) + timedelta(days=round(30.4 * months)))
    if result != Outcome.ADOPTED:
        review_on = None
    round_.closed_at = now
    round_.closed_by = actor
    round_.save(update_fields=["closed_at", "closed_by"])
    outcome = Outcome.objects.create(
        school=school,
        round=round_,
        proposal=proposal,
        result=result,
        decision_text=decision_text[:5000],
        version=version,
        changes=(changes if changes is not None else summarize_changes(round_))[:5000],
        review_on=review_on,
        published_at=now,
    )
    if result == Outcome.ADOPTED:
        proposal.decided_at = now
        proposal.save(update_fields=["decided_at"])
    record(
        actor,
        "decisions.round_closed",
        school=school,
        target=round_,
        summary=f"{outcome.get_result_display()}: {proposal.title}",
    )
    people = {inv.user_id: inv.user for inv in round_.invitations.select_related("user")}
    people[proposal.author_id] = proposal.author
    notify(
        school,
        people.values(),
        _("Uitkomst van “%(title)s”: %(result)s.") % {"title": proposal.title, "result": outcome.get_result_display()},
        _proposal_url(proposal),
        email_subject=_("Gespreid: uitkomst van “%(title)s”") % {"title": proposal.title},
        kind=MAIL_KIND,
    )
    return outcome


@transaction.atomic
def save_settings(decision_settings, actor):
    """The school's rules for rounds (what silence means); they hold for rounds opened after this."""
    decision_settings.save()
    record(
        actor,
        "decisions.settings_changed",
        school=decision_settings.school,
        target=decision_settings,
        summary=decision_settings.silence_rule,
    )
    return decision_settings


def close_due_rounds(now=None, school=None) -> int:
    """The scheduled job: close every round whose closing time passed. Safe to run late or twice."""
    now = now or timezone.now()
    due = Round.objects.filter(closed_at__isnull=True, closes_at__lte=now)
    if school is not None:
        due = due.filter(proposal__school=school)
    closed = 0
    for round_id in list(due.values_list("pk", flat=True)):
        try:
            close_round(round_id, None, now=now)
            closed += 1
        except DecisionError:
            pass  # someone else closed it in the meantime
        except Exception:
            # One round that cannot close (a mail server down, a bug) must not stop the others, nor
            # turn every decisions page of the school into an error: log it, try again next run.
            logger.exception("Ronde %s kon niet sluiten", round_id)
    return closed


def send_reminders(now=None, school=None) -> int:
    """One reminder per round, shortly before closing, only to those asked who have not responded."""
    now = now or timezone.now()
    sent = 0
    candidates = Round.objects.filter(
        closed_at__isnull=True, reminder_sent_at__isnull=True, closes_at__gt=now
    ).select_related("proposal__school")
    if school is not None:
        candidates = candidates.filter(proposal__school=school)
    for candidate in candidates:
        hours = settings_for(candidate.proposal.school).reminder_hours
        window = min(timedelta(hours=hours), (candidate.closes_at - candidate.opened_at) / 2)
        if now < candidate.closes_at - window:
            continue
        with transaction.atomic():
            round_ = Round.objects.select_for_update().select_related("proposal__school").get(pk=candidate.pk)
            if round_.reminder_sent_at is not None or not round_.is_open(now):
                continue
            responded = round_.responses.values_list("user_id", flat=True)
            waiting = list(round_.invitations.exclude(user_id__in=responded).select_related("user"))
            round_.reminder_sent_at = now
            round_.save(update_fields=["reminder_sent_at"])
            Invitation.objects.filter(pk__in=[inv.pk for inv in waiting]).update(reminded_at=now)
            proposal = round_.proposal
            closes = formats.date_format(timezone.localtime(round_.closes_at), "DATETIME_FORMAT")
            if waiting:
                notify(
                    proposal.school,
                    [inv.user for inv in waiting],
                    _("Herinnering: “%(title)s” sluit op %(closes)s. %(silence)s")
                    % {
                        "title": proposal.title,
                        "closes": closes,
                        "silence": silence_text(round_.kind, round_.silence_rule),
                    },
                    _proposal_url(proposal),
                    email_subject=_("Gespreid: herinnering “%(title)s”") % {"title": proposal.title},
                    kind=MAIL_KIND,
                )
            sent += len(waiting)
    return sent
