"""Network rounds: open, answer, close (state + audit + notification in one transaction), and the
team picture of a closed round with the naming rules applied in one place.

Naming rule: a person's name appears only if they answered the round and agreed to be named;
a pair of people (a tie in the export) only if both agreed. Everything else is team-level.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gespreid.core import audit, notify
from gespreid.core.models import Bouw, Function, Membership

from . import drawing, measures
from .apps import MAIL_KIND
from .models import QUESTION_ORDER, Question, Response, Round, Tie

ROLE_LEADERSHIP, ROLE_TEACHER, ROLE_SUPPORT = "leiding", "leerkracht", "ondersteuning"
ROLE_LABELS = {
    ROLE_LEADERSHIP: gettext_lazy("Schoolleiding"),
    ROLE_TEACHER: gettext_lazy("Leerkracht"),
    ROLE_SUPPORT: gettext_lazy("IB, specialist, ondersteuning"),
}
BOUW_ORDER = [b.value for b in Bouw]
ROLE_ORDER = [ROLE_LEADERSHIP, ROLE_TEACHER, ROLE_SUPPORT]


def round_url(round_obj) -> str:
    return reverse("network:round-detail", args=[round_obj.school.slug, round_obj.pk])


def role_of(membership) -> str:
    if membership.is_leader or membership.function in (Function.DIRECTOR, Function.DEPUTY):
        return ROLE_LEADERSHIP
    if membership.function == Function.TEACHER:
        return ROLE_TEACHER
    return ROLE_SUPPORT


def open_round_of(school):
    """The round people can answer now, or None (one at a time)."""
    today = timezone.localdate()
    return (
        school.network_rounds.filter(closed_at__isnull=True).exclude(closes_on__lt=today).order_by("-opened_at").first()
    )


def eligible_memberships(round_obj):
    """Whom a respondent may name: the school's active team, with the board's other schools if the round says so."""
    if round_obj.across_board:
        scope = Membership.objects.filter(school__board_id=round_obj.school.board_id)
    else:
        scope = Membership.objects.filter(school=round_obj.school)
    return scope.filter(is_active=True).select_related("user", "school").order_by("school__name", "user__name")


def open_round(actor, school, year, *, title, explanation, questions, closes_on=None, across_board=False) -> Round:
    questions = [q for q in QUESTION_ORDER if q in set(questions)]
    if not questions:
        raise ValidationError(_("Kies minstens één vraag: een ronde zonder vragen kan niemand invullen."))
    if not explanation.strip():
        raise ValidationError(_("Schrijf de uitleg die iedereen leest voordat hij of zij invult."))
    if open_round_of(school) is not None:
        raise ValidationError(_("Er loopt al een netwerkronde. Sluit die eerst."))
    with transaction.atomic():
        round_obj = Round.objects.create(
            school=school,
            school_year=year,
            title=title.strip(),
            explanation=explanation.strip(),
            questions=questions,
            closes_on=closes_on,
            across_board=across_board,
            opened_by=actor,
        )
        audit.record(actor, "network.round_open", school=school, target=round_obj, summary=round_obj.title)
        team = get_user_model().objects.filter(memberships__school=school, memberships__is_active=True)
        notify.notify(
            school,
            team.exclude(pk=actor.pk),
            _("Netwerkvragen: %(title)s. Lees de uitleg en vul in wie je waarvoor opzoekt.")
            % {"title": round_obj.title},
            round_url(round_obj),
            email_subject=_("Netwerkvragen: %(title)s") % {"title": round_obj.title},
            kind=MAIL_KIND,
        )
    return round_obj


def save_response(round_obj, user, answers: dict[str, dict[int, int]], may_be_named: bool) -> Response:
    """Replace ``user``'s answers: ``answers[question][target user id] = frequency``.

    Dutch errors for naming yourself, a person outside the school, a question the round does not ask
    or a closed round.
    """
    if not round_obj.is_open:
        raise ValidationError(_("Deze ronde is gesloten; je kunt niet meer invullen."))
    allowed = set(eligible_memberships(round_obj).values_list("user_id", flat=True))
    rows = []
    for question, targets in answers.items():
        if question not in round_obj.questions:
            raise ValidationError(_("Deze vraag hoort niet bij deze ronde."))
        for target, frequency in targets.items():
            if target == user.pk:
                raise ValidationError(_("Je kunt jezelf niet kiezen; kies collega's naar wie je toe gaat."))
            if target not in allowed:
                raise ValidationError(_("Je kunt alleen collega's van je eigen school kiezen."))
            rows.append(Tie(round=round_obj, source=user, target_id=target, question=question, frequency=frequency))
    with transaction.atomic():
        response, _created = Response.objects.update_or_create(
            round=round_obj, user=user, defaults={"may_be_named": may_be_named, "submitted_at": timezone.now()}
        )
        round_obj.ties.filter(source=user).delete()
        Tie.objects.bulk_create(rows)
    return response


def my_answers(round_obj, user) -> dict[str, dict[int, int]]:
    answers: dict[str, dict[int, int]] = {}
    for question, target, frequency in round_obj.ties.filter(source=user).values_list(
        "question", "target_id", "frequency"
    ):
        answers.setdefault(question, {})[target] = frequency
    return answers


def close_round(actor, round_obj) -> Round:
    if round_obj.closed_at is not None:
        raise ValidationError(_("Deze ronde is al gesloten."))
    with transaction.atomic():
        round_obj.closed_at = timezone.now()
        round_obj.save(update_fields=["closed_at"])
        audit.record(actor, "network.round_close", school=round_obj.school, target=round_obj, summary=round_obj.title)
        respondents = get_user_model().objects.filter(network_responses__round=round_obj)
        notify.notify(
            round_obj.school,
            respondents,
            _("De netwerkronde %(title)s is gesloten: bekijk het beeld van het team.") % {"title": round_obj.title},
            round_url(round_obj),
            kind=MAIL_KIND,
        )
    return round_obj


class Member(NamedTuple):
    user_id: int
    name: str
    bouw: str
    function: str
    is_leader: bool


def close_due_rounds(school=None) -> int:
    """Scheduled job: close rounds past their closing date (claimed with a conditional UPDATE: idempotent)."""
    today = timezone.localdate()
    closed = 0
    due = Round.objects.filter(closed_at__isnull=True, closes_on__lt=today).select_related("school")
    for round_obj in due.filter(school=school) if school is not None else due:
        with transaction.atomic():
            now = timezone.now()
            if not Round.objects.filter(pk=round_obj.pk, closed_at__isnull=True).update(closed_at=now):
                continue  # another worker closed it
            round_obj.closed_at = now
            audit.record(
                None, "network.round_close", school=round_obj.school, target=round_obj, summary=round_obj.title
            )
            notify.notify(
                round_obj.school,
                get_user_model().objects.filter(network_responses__round=round_obj),
                _("De netwerkronde %(title)s is gesloten: bekijk het beeld van het team.") % {"title": round_obj.title},
                round_url(round_obj),
                kind=MAIL_KIND,
            )
            closed += 1
    return closed


@dataclass
class RoundData:
    """What one round's results are made of, loaded in five queries. People who have left the team
    since are not in the picture (nor their ties)."""

    team: list[Member]  # the school's active team
    respondents: int
    named: set[int]  # user ids who answered and agreed to be named
    ties: dict[str, list[tuple[int, int, int]]]  # per question, inside the school
    outside_ties: int  # ties to colleagues of other schools of the board


def load(round_obj) -> RoundData:
    team = [
        Member(*row)
        for row in round_obj.school.memberships.filter(is_active=True)
        .order_by("user__name", "user_id")
        .values_list("user_id", "user__name", "bouw", "function", "is_leader")
    ]
    ids = {m.user_id for m in team}
    ever = set(round_obj.school.memberships.values_list("user_id", flat=True))  # also who has left since
    responses = list(round_obj.responses.values_list("user_id", "may_be_named"))
    ties: dict[str, list] = {q: [] for q in round_obj.questions}
    outside = 0
    for source, target, question, frequency in round_obj.ties.values_list(
        "source_id", "target_id", "question", "frequency"
    ):
        if source in ids and target in ids:
            ties.setdefault(question, []).append((source, target, frequency))
        elif target not in ever:  # a colleague of another school (a round across the board)
            outside += 1
    return RoundData(
        team=team,
        respondents=len(responses),
        named={u for u, ok in responses if ok and u in ids},
        ties=ties,
        outside_ties=outside,
    )


def picture(data: RoundData) -> measures.TeamPicture:
    return measures.team_picture(
        [m.user_id for m in data.team], data.respondents, data.ties, {m.user_id: m.bouw for m in data.team}
    )


CACHE_SECONDS = 60 * 60 * 24 * 7


def _cache_key(round_obj, data: RoundData, *parts) -> str:
    """A closed round's answers never change; the team (names, bouw) does: the key holds a digest of the
    team as loaded for this picture (no version counter to remember to raise)."""
    import hashlib

    state = round_obj.closed_at.timestamp() if round_obj.closed_at else "open"
    team = hashlib.sha256(repr([tuple(m) for m in data.team]).encode()).hexdigest()[:16]
    return ":".join(str(p) for p in ("network", round_obj.pk, state, team, *parts))


def cached_picture(round_obj, data: RoundData) -> measures.TeamPicture:
    key = _cache_key(round_obj, data, "picture")
    result = cache.get(key)
    if result is None:
        result = picture(data)
        cache.set(key, result, CACHE_SECONDS)
    return result


def cached_svg(round_obj, data: RoundData, colour_by: str = "bouw", question: str = "") -> str:
    from django.utils.translation import get_language

    key = _cache_key(round_obj, data, "svg", colour_by, question, get_language())
    result = cache.get(key)
    if result is None:
        result = svg(round_obj, data, colour_by, question)
        cache.set(key, result, CACHE_SECONDS)
    return result


def may_show(data: RoundData) -> bool:
    return data.respondents >= measures.MIN_RESPONDENTS


def previous_round(round_obj):
    """The latest closed round of the school in an earlier school year: 'how did this change since last year?'."""
    return (
        round_obj.school.network_rounds.filter(
            closed_at__isnull=False, school_year__starts_on__lt=round_obj.school_year.starts_on
        )
        .select_related("school", "school_year")
        .order_by("-school_year__starts_on", "-closed_at")
        .first()
    )


def svg(round_obj, data: RoundData, colour_by: str = "bouw", question: str = "") -> str:
    """The drawing of one round (all questions, or one), names only of people who agreed."""
    all_ties = [t for ts in data.ties.values() for t in ts]
    nodes = [m.user_id for m in data.team]
    pos = drawing.cached_layout(round_obj, nodes, sorted({(s, t) for s, t, _w in all_ties}))
    shown = data.ties.get(question, []) if question else all_ties
    strongest: dict[tuple[int, int], int] = {}
    for s, t, w in shown:
        strongest[(s, t)] = max(w, strongest.get((s, t), 0))
    if colour_by == "rol":
        category = {m.user_id: role_of(m) for m in data.team}
        order, labels = ROLE_ORDER, ROLE_LABELS
        legend_title = _("kleur: rol")
    else:
        category = {m.user_id: m.bouw for m in data.team}
        order, labels = BOUW_ORDER, dict(Bouw.choices)
        legend_title = _("kleur: bouw")
    people = [
        drawing.Person(m.user_id, m.name if m.user_id in data.named else "", category[m.user_id]) for m in data.team
    ]
    label = Question(question).label if question else _("alle vragen")
    title = _("Netwerk van het team (%(question)s)") % {"question": label}
    desc = _(
        "%(people)s mensen als stippen, %(ties)s verbindingen als pijlen van wie vraagt naar wie gevraagd wordt; "
        "%(legend)s. Alleen wie dat goed vond, staat er met naam bij (%(named)s)."
    ) % {"people": len(people), "ties": len(strongest), "legend": legend_title, "named": len(data.named)}
    return drawing.render_svg(
        people,
        [(s, t, w) for (s, t), w in sorted(strongest.items())],
        pos,
        title=title,
        desc=desc,
        category_order=order,
        category_labels=labels,
        other_label=_("onbekend of kleine groep"),
    )


def named_pairs(round_obj, data: RoundData) -> list[tuple[str, str, str, int]]:
    """Ties in which BOTH people agreed to be named: (question, from, to, frequency). For the export."""
    names = {m.user_id: m.name for m in data.team if m.user_id in data.named}
    rows = []
    for question in QUESTION_ORDER:
        for s, t, w in data.ties.get(question, []):
            if s in names and t in names:
                rows.append((question, names[s], names[t], w))
    return sorted(rows)
