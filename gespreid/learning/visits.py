"""Lesson visits (collegiale consultatie): propose moments, accept one, observe per look-for, reflect, share.

The visited person owns the visit. Only the two see it until the owner shares it; the school sees
only how many visits took place (``visits_this_year``). A visit is not an appraisal. Each function
changes state and notifies in one transaction; calendar mail goes out after commit.
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from gespreid.core import audit, notify, outbox

from . import ics
from .apps import MAIL_KIND
from .models import ShareScope, Visit, VisitLookFor, VisitMoment

Status = Visit.Status
MAX_MOMENTS = 3
MAX_LOOK_FORS = 12


def detail_path(visit) -> str:
    return reverse("learning:visit-detail", args=[visit.school.slug, visit.pk])


def visible_to(user, school):
    return Visit.objects.filter(Q(owner=user) | Q(visitor=user), school=school)


def _require(visit, actor, *, owner=False, visitor=False, status=None):
    if actor.pk not in (visit.owner_id, visit.visitor_id):
        raise ValidationError(_("Dit lesbezoek is alleen van jullie tweeën."))
    if owner and actor.pk != visit.owner_id:
        raise ValidationError(_("Alleen wie bezocht wordt, kan dit doen."))
    if visitor and actor.pk != visit.visitor_id:
        raise ValidationError(_("Alleen wie op bezoek komt, kan dit doen."))
    if status and visit.status not in status:
        raise ValidationError(
            _("Dit kan nu niet: het lesbezoek is %(status)s.") % {"status": visit.get_status_display().lower()}
        )


def _claim(visit, from_status, **changes) -> bool:
    n = Visit.objects.filter(pk=visit.pk, status__in=from_status).update(**changes)
    if n:
        for key, value in changes.items():
            if not hasattr(value, "resolve_expression"):
                setattr(visit, key, value)
    return bool(n)


def _send_calendar(visit, *, cancel=False):
    """E-mail the .ics to both through the outbox, each in their own language (nothing is sent for a change
    that was rolled back)."""
    visit = Visit.objects.select_related("owner", "visitor", "moment", "school").get(pk=visit.pk)
    data = ics.build(visit, cancel=cancel)
    method = "CANCEL" if cancel else "REQUEST"
    attachment = (ics.filename(visit), data.decode("utf-8"), f"text/calendar; method={method}; charset=utf-8")
    # Through the outbox, in the caller's transaction: sent by a worker after commit, retried when the mail
    # server is down; a change that is rolled back sends nothing. Always at once (kind "calendar").
    for user in (visit.owner, visit.visitor):
        with override(getattr(user, "language", None) or "nl"):
            subject = _("Lesbezoek afgezegd") if cancel else _("Uitnodiging: lesbezoek")
            body = _(
                "In de bijlage staat het lesbezoek voor je agenda.\n\nEen lesbezoek is geen beoordeling: je kijkt mee en leert samen.\n%(url)s"
            ) % {"url": settings.SITE_URL + detail_path(visit)}
        outbox.queue(
            user.email, subject, body, user=user, school=visit.school, kind="calendar", attachments=[attachment]
        )


def clean_moments(moments, now=None):
    """1-3 moments, each in the future; raises ValidationError (Dutch)."""
    now = now or timezone.now()
    if not moments:
        raise ValidationError(_("Stel minstens één moment voor."))
    if len(moments) > MAX_MOMENTS:
        raise ValidationError(_("Stel hoogstens drie momenten voor."))
    for m in moments:
        if m["starts_at"] <= now:
            raise ValidationError(_("Een moment ligt in het verleden. Kies een datum en tijd die nog komen."))


def create_visit(owner, school, visitor, *, focus, moments, look_fors, priority=None, group=None, now=None) -> Visit:
    """``moments``: dicts with starts_at, minutes, class_group, subject; ``look_fors``: (text, source LookFor or None)."""
    from gespreid.core.models import Membership

    if visitor.pk == owner.pk:
        raise ValidationError(_("Je kunt jezelf niet uitnodigen. Kies een collega."))
    if not Membership.objects.filter(school=school, user=visitor, is_active=True).exists():
        raise ValidationError(_("Alleen een collega van je eigen school kan op lesbezoek komen."))
    if not (focus or "").strip():
        raise ValidationError(_("Schrijf een focusvraag: waar wil je dat je collega op let?"))
    clean_moments(moments, now)
    if not look_fors:
        raise ValidationError(_("Kies minstens één kijkpunt of schrijf er zelf een."))
    with transaction.atomic():
        visit = Visit.objects.create(
            school=school, owner=owner, visitor=visitor, focus=focus.strip(), priority=priority, group=group
        )
        VisitMoment.objects.bulk_create([VisitMoment(visit=visit, **m) for m in moments])
        VisitLookFor.objects.bulk_create(
            [
                VisitLookFor(visit=visit, text=text, source=source, order=i)
                for i, (text, source) in enumerate(look_fors[:MAX_LOOK_FORS])
            ]
        )
        notify.notify(
            school,
            [visitor],
            _("%(name)s nodigt je uit voor een lesbezoek: %(focus)s")
            % {"name": owner.name, "focus": visit.focus[:120]},
            detail_path(visit),
            email_subject=_("Uitnodiging voor een lesbezoek"),
            kind=MAIL_KIND,
        )
    return visit


def accept(visit, actor, moment, *, word="") -> Visit:
    _require(visit, actor, visitor=True, status=[Status.PROPOSED])
    if moment.visit_id != visit.pk:
        raise ValidationError(_("Kies een van de voorgestelde momenten."))
    if moment.starts_at <= timezone.now():
        raise ValidationError(_("Dit moment is al voorbij. Kies een ander moment of vraag om een nieuw voorstel."))
    with transaction.atomic():
        if not _claim(
            visit,
            [Status.PROPOSED],
            status=Status.PLANNED,
            moment=moment,
            accepted_at=timezone.now(),
            answer_word=word[:200],
        ):
            raise ValidationError(_("Dit lesbezoek is al beantwoord."))
        visit.moment = moment
        notify.notify(
            visit.school,
            [visit.owner],
            _("%(name)s komt op %(when)s op lesbezoek.")
            % {
                "name": actor.name,
                "when": formats.date_format(timezone.localtime(moment.starts_at), "DATETIME_FORMAT"),
            },
            detail_path(visit),
            kind=MAIL_KIND,
        )
        _send_calendar(visit)
    return visit


def decline(visit, actor, *, word="") -> Visit:
    _require(visit, actor, visitor=True, status=[Status.PROPOSED])
    with transaction.atomic():
        if not _claim(
            visit, [Status.PROPOSED], status=Status.DECLINED, answer_word=word[:200], cancelled_at=timezone.now()
        ):
            raise ValidationError(_("Dit lesbezoek is al beantwoord."))
        message = _(
            "%(name)s kan nu niet op lesbezoek komen. Dat is een prima antwoord; vraag gerust iemand anders."
        ) % {"name": actor.name}
        if word:
            message = f"{message} “{word[:120]}”"
        notify.notify(visit.school, [visit.owner], message, detail_path(visit), kind=MAIL_KIND)
    return visit


def reschedule(visit, actor, starts_at, *, now=None) -> Visit:
    """The owner moves the planned visit: SEQUENCE goes up and both get the changed invitation."""
    _require(visit, actor, owner=True, status=[Status.PLANNED])
    if starts_at <= (now or timezone.now()):
        raise ValidationError(_("Een moment ligt in het verleden. Kies een datum en tijd die nog komen."))
    with transaction.atomic():
        VisitMoment.objects.filter(pk=visit.moment_id).update(starts_at=starts_at)
        Visit.objects.filter(pk=visit.pk).update(ics_sequence=F("ics_sequence") + 1, reminder_before_sent_at=None)
        visit.refresh_from_db()
        notify.notify(
            visit.school,
            [visit.visitor],
            _("%(name)s verzette het lesbezoek naar %(when)s.")
            % {"name": actor.name, "when": formats.date_format(timezone.localtime(starts_at), "DATETIME_FORMAT")},
            detail_path(visit),
            kind=MAIL_KIND,
        )
        _send_calendar(visit)
    return visit


def cancel(visit, actor) -> Visit:
    """Either of the two calls it off; a planned visit gets METHOD:CANCEL with a raised SEQUENCE."""
    _require(visit, actor, status=[Status.PROPOSED, Status.PLANNED])
    was_planned = visit.status == Status.PLANNED
    with transaction.atomic():
        if not _claim(
            visit,
            [Status.PROPOSED, Status.PLANNED],
            status=Status.CANCELLED,
            cancelled_at=timezone.now(),
            ics_sequence=F("ics_sequence") + 1,
        ):
            raise ValidationError(_("Dit lesbezoek is al afgezegd."))
        visit.refresh_from_db()
        other = visit.other(actor)
        notify.notify(
            visit.school,
            [other],
            _("%(name)s zegde het lesbezoek af.") % {"name": actor.name},
            detail_path(visit),
            kind=MAIL_KIND,
        )
        if was_planned:
            _send_calendar(visit, cancel=True)
    return visit


def has_started(visit, now=None) -> bool:
    return visit.moment is not None and visit.moment.starts_at <= (now or timezone.now())


def save_observation(visit, actor, look_for, *, seen: str, note: str) -> VisitLookFor:
    """The visitor's note on one look-for, saved as they type (no notification: it is a draft until they talk)."""
    _require(visit, actor, visitor=True, status=[Status.PLANNED, Status.REFLECTED])
    if look_for.visit_id != visit.pk:
        raise ValidationError(_("Dit kijkpunt hoort niet bij dit lesbezoek."))
    look_for.seen, look_for.note, look_for.updated_at = seen, note, timezone.now()
    look_for.save(update_fields=["seen", "note", "updated_at"])
    return look_for


def reflect(visit, actor, *, learned, will_try, cycle_group=None, now=None) -> Visit:
    """The owner writes down the follow-up conversation; optionally as an entry in a PLG's research cycle."""
    from gespreid.groups import cycle
    from gespreid.groups import membership as group_membership

    _require(visit, actor, owner=True, status=[Status.PLANNED, Status.REFLECTED])
    if not has_started(visit, now):
        raise ValidationError(_("Het nagesprek schrijf je op na het bezoek."))
    if not (learned or "").strip() and not (will_try or "").strip():
        raise ValidationError(_("Schrijf op wat je leerde of wat je gaat uitproberen."))
    first = visit.status == Status.PLANNED
    with transaction.atomic():
        visit.learned, visit.will_try = learned.strip(), will_try.strip()
        visit.status = Status.REFLECTED
        visit.reflected_at = visit.reflected_at or timezone.now()
        fields = ["learned", "will_try", "status", "reflected_at"]
        if cycle_group is not None and visit.cycle_entry_id is None:
            if cycle_group.school_id != visit.school_id or not group_membership.is_member(actor, cycle_group):
                raise ValidationError(_("Je kunt alleen iets toevoegen aan een groep waarin je meedoet."))
            text = _("Uit een lesbezoek. Geleerd: %(learned)s Uitproberen: %(try)s") % {
                "learned": visit.learned,
                "try": visit.will_try,
            }
            visit.cycle_entry = cycle.add_entry(actor, cycle_group, stage=cycle_group.stage, text=text[:2000])
            fields.append("cycle_entry")
        visit.save(update_fields=fields)
        if first:
            notify.notify(
                visit.school,
                [visit.visitor],
                _("%(name)s schreef het nagesprek van jullie lesbezoek op.") % {"name": actor.name},
                detail_path(visit),
                kind=MAIL_KIND,
            )
    return visit


def add_takeaway(visit, actor, text: str, now=None) -> Visit:
    _require(visit, actor, visitor=True, status=[Status.PLANNED, Status.REFLECTED])
    if not has_started(visit, now):
        raise ValidationError(_("Wat je meeneemt, schrijf je op na het bezoek."))
    visit.takeaway = text.strip()
    visit.save(update_fields=["takeaway"])
    return visit


def share(visit, actor, *, scope: str, group=None, what: str) -> Visit:
    """Only the owner shares, and only after the reflection: with a group or the whole team."""
    _require(visit, actor, owner=True, status=[Status.REFLECTED])
    if scope == ShareScope.GROUP and (group is None or group.school_id != visit.school_id):
        raise ValidationError(_("Kies de werkgroep waarmee je het wilt delen."))
    with transaction.atomic():
        visit.share_scope, visit.share_group = scope, group if scope == ShareScope.GROUP else None
        visit.share_what, visit.shared_at = what, timezone.now()
        visit.save(update_fields=["share_scope", "share_group", "share_what", "shared_at"])
        audit.record(
            actor, "learning.visit_share", school=visit.school, target=visit, summary=visit.get_share_what_display()
        )
    return visit


def unshare(visit, actor) -> Visit:
    _require(visit, actor, owner=True)
    visit.share_scope, visit.share_group, visit.share_what, visit.shared_at = "", None, "", None
    visit.save(update_fields=["share_scope", "share_group", "share_what", "shared_at"])
    return visit


def visits_this_year(school, year, now=None) -> int:
    """How many lesson visits took place in the school this school year: the one number the leader sees."""
    if year is None:
        return 0
    now = now or timezone.now()
    return Visit.objects.filter(
        school=school,
        status__in=[Status.PLANNED, Status.REFLECTED],
        moment__starts_at__date__gte=year.starts_on,
        moment__starts_at__date__lte=year.ends_on,
        moment__starts_at__lte=now,
    ).count()


def send_reminders(now=None) -> int:
    """The scheduled job: one reminder the day before a visit (both), one two days after it (owner: reflection).

    Each reminder is claimed with a conditional UPDATE on its ``*_sent_at`` column, so it is never sent twice.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    tomorrow_end = timezone.make_aware(datetime.combine(today + timedelta(days=2), time.min))
    before = Visit.objects.filter(
        status=Status.PLANNED,
        reminder_before_sent_at__isnull=True,
        moment__starts_at__gt=now,
        moment__starts_at__lt=tomorrow_end,
    ).select_related("school", "moment", "owner", "visitor")
    for visit in before:
        with transaction.atomic():
            if Visit.objects.filter(pk=visit.pk, reminder_before_sent_at__isnull=True).update(
                reminder_before_sent_at=now
            ):
                when = formats.date_format(timezone.localtime(visit.moment.starts_at), "DATETIME_FORMAT")
                notify.notify(
                    visit.school,
                    [visit.owner, visit.visitor],
                    _(
                        "Morgen (%(when)s) is jullie lesbezoek. Een lesbezoek is geen beoordeling: kijk mee en leer samen."
                    )
                    % {"when": when},
                    detail_path(visit),
                    email_subject=_("Herinnering: lesbezoek"),
                    kind=MAIL_KIND,
                )
                sent += 1
    two_days_ago = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    after = Visit.objects.filter(
        status=Status.PLANNED,
        reminder_after_sent_at__isnull=True,
        moment__starts_at__lt=two_days_ago,
    ).select_related("school", "owner")
    for visit in after:
        with transaction.atomic():
            if Visit.objects.filter(pk=visit.pk, reminder_after_sent_at__isnull=True).update(
                reminder_after_sent_at=now
            ):
                notify.notify(
                    visit.school,
                    [visit.owner],
                    _("Hoe was het lesbezoek? Schrijf het nagesprek op: wat leerde je, wat ga je uitproberen?"),
                    detail_path(visit),
                    email_subject=_("Herinnering: nagesprek lesbezoek"),
                    kind=MAIL_KIND,
                )
                sent += 1
    return sent
