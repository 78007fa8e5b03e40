"""The pulse's writes and reads: one named function per write (state, audit, notification in one transaction).

Anonymity (docs/climate.md): ``answer`` writes a ``Participation`` and ONE pending row with the person's
scores, and no audit entry or notification at all. ``_flush`` moves pending rows to ``Answer`` in shuffled
batches once five of one bouw are waiting; ``close_round`` flushes the rest and rewrites the whole round
once in a random order with fresh keys, keeping a bouw label only where ``results.shown_parts`` allows it.
"""

import random
from collections import defaultdict
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gespreid.core import audit
from gespreid.core.notify import notify

from . import charts, results
from .apps import MAIL_KIND
from .models import Answer, ClimateSettings, Kind, Participation, PendingAnswer, Round, RoundStatement, Statement

# Written for this product in plain Dutch (B1); the construct is psychological safety.
DEFAULT_STATEMENTS = {
    Kind.PULSE: [
        ("openheid", "In ons team kan ik zeggen wat ik denk, ook als ik het ergens niet mee eens ben."),
        ("respect", "Collega's gaan met respect met elkaar om, ook als we het oneens zijn."),
        ("vertrouwen", "Ik vertrouw erop dat collega's het goed met mij voorhebben."),
        ("experiment", "Ik krijg de ruimte om iets nieuws uit te proberen in mijn werk."),
        ("fouten", "Als ik een fout maak, wordt dat niet tegen mij gebruikt."),
        ("hulp", "Ik durf een collega om hulp te vragen als ik iets niet weet."),
        ("feedback", "Ik krijg en geef feedback die mij verder helpt in mijn werk."),
        ("leider-vraagt", "De schoolleider vraagt het team om feedback op het eigen werk."),
    ],
    Kind.LEADER: [
        ("luistert", "De schoolleider luistert echt naar wat ik te zeggen heb."),
        ("ruimte", "De schoolleider geeft mij ruimte om zelf beslissingen te nemen."),
        ("duidelijk", "Ik weet waar ik met de schoolleider aan toe ben."),
        ("steunt", "De schoolleider steunt mij als ik iets nieuws probeer."),
        ("doet-iets", "De schoolleider vraagt om feedback en doet er ook iets mee."),
    ],
}
BATCH = results.MIN_ANSWERS
REMINDER_DAYS_BEFORE = 2
MAX_FOCUS_POINTS = 2


def ensure_statements(school) -> None:
    """Give a school the default statements of each kind it has none of (idempotent)."""
    have = set(school.climate_statements.values_list("kind", flat=True).distinct())
    Statement.objects.bulk_create(
        [
            Statement(school=school, kind=kind, code=code, text=text, position=i)
            for kind, items in DEFAULT_STATEMENTS.items()
            if kind not in have
            for i, (code, text) in enumerate(items)
        ]
    )


def settings_for(school) -> ClimateSettings:
    """The school's settings, unsaved defaults when it has none (no write on GET)."""
    return ClimateSettings.objects.filter(school=school).first() or ClimateSettings(school=school)


def may_run_pulse(membership, settings=None) -> bool:
    if membership.can_manage:
        return True
    settings = settings or settings_for(membership.school)
    return settings.coordinator_id is not None and settings.coordinator_id == membership.user_id


def may_run(membership, round_) -> bool:
    """Who closes a round and records focus points: for feedback only the leader it is about."""
    if round_.kind == Kind.LEADER:
        return round_.subject_id == membership.user_id
    return may_run_pulse(membership)


def may_see_results(membership, round_) -> bool:
    if round_.kind == Kind.LEADER:
        return round_.subject_id == membership.user_id or round_.shared
    return True


def may_answer(membership, round_) -> bool:
    return not (round_.kind == Kind.LEADER and round_.subject_id == membership.user_id)


def audience(school, round_):
    """The active members who are asked to answer (for feedback: everyone but the leader it is about)."""
    people = school.memberships.filter(is_active=True)
    if round_.kind == Kind.LEADER and round_.subject_id:
        people = people.exclude(user_id=round_.subject_id)
    return people


@transaction.atomic
def create_round(actor, school, *, kind, title, opens_on, closes_on, statements) -> Round:
    """Open (or plan) a round with a copy of the chosen statements; errors in plain Dutch."""
    statements = list(statements)
    if not statements:
        raise ValidationError(_("Kies minstens één stelling: een ronde zonder stellingen kan niet."))
    if closes_on < opens_on:
        raise ValidationError(_("De sluitdatum ligt voor de openingsdatum. Kies een latere sluitdatum."))
    if closes_on < timezone.localdate():
        raise ValidationError(_("De sluitdatum ligt in het verleden."))
    if any(s.school_id != school.id or s.kind != kind or not s.is_active for s in statements):
        raise ValidationError(_("Kies alleen stellingen die bij deze soort ronde horen en aan staan."))
    round_ = Round.objects.create(
        school=school,
        kind=kind,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        opened_by=actor,
        subject=actor if kind == Kind.LEADER else None,
    )
    RoundStatement.objects.bulk_create(
        [RoundStatement(round=round_, code=s.code, text=s.text, position=i) for i, s in enumerate(statements)]
    )
    audit.record(actor, "climate.round_create", school=school, target=round_, summary=title)
    url = reverse("climate:round-detail", args=[school.slug, round_.pk])
    if kind == Kind.LEADER:
        message = _("%(name)s vraagt je om anonieme feedback: %(title)s") % {"name": actor.name, "title": title}
    else:
        message = _("De teampuls staat open: %(title)s. Je antwoord is anoniem.") % {"title": title}
    people = [m.user for m in audience(school, round_).exclude(user=actor).select_related("user")]
    notify(
        school, people, message, url, email_subject=_("Anoniem invullen: %(title)s") % {"title": title}, kind=MAIL_KIND
    )
    return round_


@transaction.atomic
def update_round(actor, round_, *, title, opens_on, closes_on, statements) -> Round:
    """Change a round that has not opened yet, its statements included; once open they stay fixed."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.state() != "planned":
        raise ValidationError(_("Deze ronde is al geopend: de stellingen en data liggen nu vast."))
    statements = list(statements)
    if not statements:
        raise ValidationError(_("Kies minstens één stelling: een ronde zonder stellingen kan niet."))
    if closes_on < opens_on:
        raise ValidationError(_("De sluitdatum ligt voor de openingsdatum. Kies een latere sluitdatum."))
    if closes_on < timezone.localdate():
        raise ValidationError(_("De sluitdatum ligt in het verleden."))
    if any(s.school_id != round_.school_id or s.kind != round_.kind or not s.is_active for s in statements):
        raise ValidationError(_("Kies alleen stellingen die bij deze soort ronde horen en aan staan."))
    round_.title, round_.opens_on, round_.closes_on = title, opens_on, closes_on
    round_.save(update_fields=["title", "opens_on", "closes_on"])
    round_.statements.all().delete()  # nobody can have answered a round that has not opened
    RoundStatement.objects.bulk_create(
        [RoundStatement(round=round_, code=s.code, text=s.text, position=i) for i, s in enumerate(statements)]
    )
    audit.record(actor, "climate.round_update", school=round_.school, target=round_, summary=title)
    return round_


def answer(round_pk: int, membership, scores: dict[int, tuple[int, str]]) -> None:
    """Record one person's answers: a Participation and one pending row. No audit entry, no notification.

    ``scores``: round statement id -> (score 1–5, remark). Refuses a second answer in plain Dutch.
    """
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_pk)
        if not round_.is_open:
            raise ValidationError(_("Deze ronde is niet open: invullen kan niet (meer)."))
        if not may_answer(membership, round_):
            raise PermissionDenied(_("Feedback over jezelf vul je niet zelf in."))
        ids = set(round_.statements.values_list("id", flat=True))
        if set(scores) != ids or any(s not in results.SCALE for s, _r in scores.values()):
            raise ValidationError(_("Geef bij elke stelling een score van 1 tot 5."))
        if Participation.objects.filter(round=round_, user_id=membership.user_id).exists():
            raise ValidationError(_("Je hebt deze ronde al ingevuld. Je kunt maar één keer antwoorden."))
        Participation.objects.create(round=round_, user_id=membership.user_id)
        items = [[sid, score, (remark or "").strip()[:500]] for sid, (score, remark) in scores.items()]
        random.SystemRandom().shuffle(items)
        PendingAnswer.objects.create(round=round_, bouw=membership.bouw or "", scores=items)
        _flush(round_)


def _flush(round_, everything: bool = False) -> None:
    """Write waiting answers as shuffled ``Answer`` rows: per bouw once ``BATCH`` are waiting (or all)."""
    pending = list(round_.pending.all())
    by_bouw = defaultdict(list)
    for p in pending:
        by_bouw[p.bouw].append(p)
    rng = random.SystemRandom()
    for bouw, items in by_bouw.items():
        if not everything and len(items) < BATCH:
            continue
        rows = [
            Answer(round=round_, statement_id=sid, score=score, remark=remark, bouw=bouw)
            for p in items
            for sid, score, remark in p.scores
        ]
        rng.shuffle(rows)
        _secure_delete()
        PendingAnswer.objects.filter(pk__in=[p.pk for p in items]).delete()
        Answer.objects.bulk_create(rows)


def _secure_delete() -> None:
    """SQLite keeps deleted rows' bytes in free pages unless told not to; overwrite them."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


def _respondents_per_bouw(round_) -> dict[str, int]:
    first = round_.statements.order_by("position", "id").values_list("id", flat=True).first()
    rows = Answer.objects.filter(round=round_, statement_id=first).values("bouw").annotate(n=Count("id"))
    return {r["bouw"]: r["n"] for r in rows}


def _rewrite_shuffled(round_) -> None:
    """The whole round once more in a random order, fresh keys, bouw only on parts that may be shown."""
    shown, _hidden = results.shown_parts(_respondents_per_bouw(round_))
    keep = set(shown)
    rows = [
        Answer(
            round=round_,
            statement_id=a.statement_id,
            score=a.score,
            remark=a.remark,
            bouw=a.bouw if a.bouw in keep else "",
        )
        for a in Answer.objects.filter(round=round_)
    ]
    random.SystemRandom().shuffle(rows)
    _secure_delete()
    Answer.objects.filter(round=round_).delete()
    Answer.objects.bulk_create(rows)


def _store_counts(round_) -> None:
    """Keep the answers per score on each round statement: a closed round never changes again."""
    counts = defaultdict(lambda: [0] * 5)
    rows = Answer.objects.filter(round=round_).values("statement_id", "score").annotate(n=Count("id"))
    for r in rows:
        counts[r["statement_id"]][r["score"] - 1] = r["n"]
    statements = list(round_.statements.all())
    for s in statements:
        s.counts = counts[s.pk]
    RoundStatement.objects.bulk_update(statements, ["counts"])


def close_round(actor, round_) -> bool:
    """Close a round: flush and shuffle its answers, note it, tell the team. False if it was closed already."""
    with transaction.atomic():
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        if round_.closed_at is not None:
            return False
        if timezone.localdate() < round_.opens_on:
            raise ValidationError(_("Deze ronde is nog niet open; sluiten kan pas als hij geopend is."))
        _flush(round_, everything=True)
        _rewrite_shuffled(round_)
        _store_counts(round_)
        round_.closed_at = timezone.now()
        round_.save(update_fields=["closed_at"])
        audit.record(actor, "climate.round_close", school=round_.school, target=round_, summary=round_.title)
        url = reverse("climate:round-detail", args=[round_.school.slug, round_.pk])
        if round_.kind == Kind.LEADER:
            people = [round_.subject] if round_.subject else []
            message = _("Je feedbackronde is gesloten: %(title)s") % {"title": round_.title}
        else:
            people = [m.user for m in round_.school.memberships.filter(is_active=True).select_related("user")]
            message = _("De teampuls is gesloten: %(title)s. Bekijk de uitkomst en kies samen een focuspunt.") % {
                "title": round_.title
            }
        notify(round_.school, people, message, url, kind=MAIL_KIND)
    return True


def close_due_rounds(school=None) -> int:
    """Scheduled: close rounds past their closing date (idempotent: close_round locks and checks)."""
    today = timezone.localdate()
    n = 0
    due = Round.objects.filter(closed_at__isnull=True, closes_on__lt=today).select_related("school")
    for round_ in due.filter(school=school) if school is not None else due:
        n += close_round(None, round_)
    return n


def send_reminders(school=None) -> int:
    """Scheduled: one reminder, REMINDER_DAYS_BEFORE the end, to who has not answered; never twice."""
    today = timezone.localdate()
    due = Round.objects.filter(
        closed_at__isnull=True,
        reminder_sent=False,
        opens_on__lte=today,
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=REMINDER_DAYS_BEFORE),
    ).select_related("school")
    if school is not None:
        due = due.filter(school=school)
    sent = 0
    for round_ in due:
        with transaction.atomic():
            if not Round.objects.filter(pk=round_.pk, reminder_sent=False).update(reminder_sent=True):
                continue  # another run claimed it
            done = Participation.objects.filter(round=round_).values("user_id")
            people = [m.user for m in audience(round_.school, round_).exclude(user_id__in=done).select_related("user")]
            url = reverse("climate:round-answer", args=[round_.school.slug, round_.pk])
            message = _("Herinnering: %(title)s sluit op %(date)s. Invullen kost vijf minuten en is anoniem.") % {
                "title": round_.title,
                "date": formats.date_format(round_.closes_on, "DATE_FORMAT"),
            }
            notify(
                round_.school,
                people,
                message,
                url,
                email_subject=_("Herinnering: %(title)s") % {"title": round_.title},
                kind=MAIL_KIND,
            )
            sent += 1
    return sent


@transaction.atomic
def share_feedback(actor, round_, shared: bool) -> None:
    if round_.kind != Kind.LEADER or round_.subject_id != actor.pk:
        raise PermissionDenied(_("Alleen de schoolleider over wie de feedback gaat, kan die delen."))
    round_.shared = shared
    round_.save(update_fields=["shared"])
    audit.record(
        actor, "climate.feedback_share" if shared else "climate.feedback_unshare", school=round_.school, target=round_
    )


@transaction.atomic
def add_focus_point(actor, round_, *, form, title, owner=None, due_on=None):
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_closed:
        raise ValidationError(_("Focuspunten kies je na afloop van de ronde, in een teamgesprek over de uitkomst."))
    if round_.focus_points.count() >= MAX_FOCUS_POINTS:
        raise ValidationError(_("Kies er hooguit twee: dan gebeurt er ook echt iets mee."))
    if form == "actie" and (owner is None or due_on is None):
        raise ValidationError(_("Een actie heeft een eigenaar en een datum."))
    point = round_.focus_points.create(form=form, title=title, owner=owner, due_on=due_on)
    audit.record(actor, "climate.focus_add", school=round_.school, target=point, summary=title)
    if owner is not None and owner != actor:
        url = reverse("climate:round-detail", args=[round_.school.slug, round_.pk])
        notify(
            round_.school,
            [owner],
            _("Je bent eigenaar van een focuspunt: %(title)s") % {"title": title},
            url,
            kind=MAIL_KIND,
        )
    return point


@transaction.atomic
def update_focus_point(actor, point, *, done: bool, outcome: str):
    point.done, point.outcome = done, outcome
    point.save(update_fields=["done", "outcome"])
    audit.record(actor, "climate.focus_update", school=point.round.school, target=point, summary=point.title)


@transaction.atomic
def save_settings(actor, school, *, coordinator, share_with_board: bool) -> ClimateSettings:
    obj, _created = ClimateSettings.objects.update_or_create(
        school=school, defaults={"coordinator": coordinator, "share_with_board": share_with_board}
    )
    audit.record(actor, "climate.settings", school=school, target=obj)
    return obj


@transaction.atomic
def add_statement(actor, school, kind, text) -> Statement:
    ensure_statements(school)
    last = school.climate_statements.filter(kind=kind).order_by("-position").first()
    statement = Statement.objects.create(
        school=school, kind=kind, text=text, position=(last.position + 1) if last else 0
    )
    audit.record(actor, "climate.statement_add", school=school, target=statement, summary=text)
    return statement


@transaction.atomic
def toggle_statement(actor, statement) -> None:
    """Switch a bank statement on or off; rounds already made keep their own copy, so none changes mid-round."""
    statement.is_active = not statement.is_active
    statement.save(update_fields=["is_active"])
    audit.record(actor, "climate.statement_toggle", school=statement.school, target=statement, summary=statement.text)


# Reads ------------------------------------------------------------------------------------------


def round_answers(round_) -> list[tuple]:
    """(statement id, score, remark, bouw) of every answer of a closed round, in one query."""
    if not round_.is_closed:
        return []
    return list(Answer.objects.filter(round=round_).values_list("statement_id", "score", "remark", "bouw"))


def round_results(round_, answers=None) -> list[results.StatementResult]:
    """Per statement of a closed round: spread, average and remarks, each only from five answers."""
    if not round_.is_closed:
        return []
    answers = round_answers(round_) if answers is None else answers
    grouped = defaultdict(list)
    for sid, score, remark, _bouw in answers:
        grouped[sid].append((score, remark))
    out = [results.summarize(s.pk, s.text, s.code, grouped[s.pk]) for s in round_.statements.all()]
    for r in out:
        r.svg = charts.spread_svg(r) if r.enough else ""
    return out


def breakdown(round_, statement_results, answers=None) -> dict:
    """Averages per bouw: only parts that shown_parts allows, with hidden parts together (or nothing)."""
    from gespreid.core.models import Bouw

    if not round_.is_closed or not statement_results:
        return {}
    answers = round_answers(round_) if answers is None else answers
    first = statement_results[0].statement_id
    sizes = defaultdict(int)
    for sid, _score, _remark, bouw in answers:
        if sid == first:
            sizes[bouw] += 1
    shown, hidden = results.shown_parts(sizes)
    if not shown:
        return {}
    labels = dict(Bouw.choices)
    means = defaultdict(lambda: defaultdict(list))
    keep = set(shown)
    for sid, score, _remark, bouw in answers:
        means[sid][bouw if bouw in keep else "_rest"].append(score)
    columns = [(b, labels.get(b) or _("overige samen"), sizes[b]) for b in shown]
    if hidden:
        columns.append(("_rest", _("overige samen"), sum(sizes[b] for b in hidden)))
    if len(columns) < 2:
        return {}  # one part is the total: nothing to break down
    rows = []
    for r in statement_results:
        cells = [round(sum(v) / len(v), 1) if (v := means[r.statement_id][key]) else None for key, _l, _n in columns]
        rows.append({"text": r.text, "cells": cells})
    return {"columns": columns, "rows": rows}


def trend(school, kind=Kind.PULSE, limit: int = 10, subject=None) -> dict | None:
    """Averages per statement code over the last ``limit`` closed rounds, with the change rule applied."""
    rounds = list(
        school.climate_rounds.filter(kind=kind, closed_at__isnull=False).order_by("-closes_on", "-id")[:limit]
    )
    if subject is not None:
        rounds = [r for r in rounds if r.subject_id == subject.pk]
    rounds.reverse()
    if len(rounds) < 1:
        return None
    by_key = {}
    texts = {}
    rows = RoundStatement.objects.filter(round__in=rounds).order_by("position", "id")
    for round_id, code, text, counts in rows.values_list("round_id", "code", "text", "counts"):
        key = code or text
        texts.setdefault(key, text)
        n = sum(counts or [])
        mean = round(sum((i + 1) * c for i, c in enumerate(counts)) / n, 2) if n else None
        by_key[(key, round_id)] = (n, mean)
    keys = list(texts)
    series, changes = [], []
    for key in keys:
        values, ns = [], []
        for rd in rounds:
            n, mean = by_key.get((key, rd.pk), (0, None))
            values.append(mean if n >= results.MIN_ANSWERS else None)
            ns.append(n)
        series.append({"name": texts[key], "values": values})
        if len(rounds) >= 2:
            before, after = values[-2], values[-1]
            changed = results.is_change(before, after, ns[-2], ns[-1])
            changes.append(
                {
                    "text": texts[key],
                    "before": before,
                    "after": after,
                    "changed": changed,
                    "direction": ("up" if after > before else "down") if changed else "same",
                    "threshold": results.change_threshold(ns[-2], ns[-1]) if ns[-2] and ns[-1] else None,
                }
            )
    labels = [formats.date_format(r.closes_on, "SHORT_DATE_FORMAT") for r in rounds]
    chart = results.trend_chart(labels, series)
    return {"chart": chart, "svg": charts.trend_svg(chart), "changes": changes, "rounds": rounds}


def participation_counts(rounds) -> dict[int, int]:
    rows = Participation.objects.filter(round__in=rounds).values("round_id").annotate(n=Count("id"))
    return {r["round_id"]: r["n"] for r in rows}


def board_totals(board) -> dict:
    """Totals over the board's schools from each school's latest closed pulse round with five answers or more.

    Only default statements (with a code) add up across schools. A school appears by name only with its
    consent (``share_with_board``), and only when that cannot reveal a school without consent: the total
    needs at least two schools, and named schools are shown only if none or at least two counted
    schools without consent remain in the total.
    """
    from gespreid.core.models import School

    schools = list(School.objects.filter(board=board).order_by("name"))
    consent = set(
        ClimateSettings.objects.filter(school__board=board, share_with_board=True).values_list("school_id", flat=True)
    )
    latest = {}
    for r in Round.objects.filter(school__board=board, kind=Kind.PULSE, closed_at__isnull=False).order_by(
        "closes_on", "id"
    ):
        latest[r.school_id] = r
    rounds = list(latest.values())
    per_round = defaultdict(dict)
    for st in RoundStatement.objects.filter(round__in=rounds).exclude(code=""):
        per_round[st.round_id][st.code] = list(st.counts or [0] * 5)
    counted = []
    for rd in rounds:
        codes = per_round[rd.pk]
        if codes and min(sum(c) for c in codes.values()) >= results.MIN_ANSWERS:
            counted.append(rd)
    without_consent = [rd for rd in counted if rd.school_id not in consent]
    show_named = len(without_consent) != 1
    texts = dict(DEFAULT_STATEMENTS[Kind.PULSE])

    def summary(selected):
        out = []
        for code, _text in DEFAULT_STATEMENTS[Kind.PULSE]:
            counts = [0] * 5
            for rd in selected:
                for i, c in enumerate(per_round[rd.pk].get(code, [0] * 5)):
                    counts[i] += c
            n = sum(counts)
            out.append(
                {
                    "code": code,
                    "text": texts[code],
                    "n": n,
                    "counts": counts,
                    "mean": round(sum((i + 1) * c for i, c in enumerate(counts)) / n, 2) if n else None,
                }
            )
        return out

    names = {s.id: s for s in schools}
    return {
        "schools": len(schools),
        "counted": len(counted),
        "enough": len(counted) >= 2,
        "total": summary(counted) if len(counted) >= 2 else [],
        "named": [
            {"school": names[rd.school_id], "round": rd, "statements": summary([rd])}
            for rd in counted
            if rd.school_id in consent and show_named
        ],
    }
