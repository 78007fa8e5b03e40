"""Writes on trajectories, check-ins and embedding: state + audit + notification in one transaction."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core import audit, notify

from . import phases
from .apps import MAIL_KIND
from .models import CheckIn, CheckInAnswer, CheckInParticipation, Embedding, Phase, TrajectoryEvent


def save_trajectory(actor, trajectory):
    """A new or changed trajectory; a new one takes its group's speerpunt when it names none."""
    with transaction.atomic():
        created = trajectory.pk is None
        if created and trajectory.priority_id is None and trajectory.group and trajectory.group.priority_id:
            trajectory.priority_id = trajectory.group.priority_id
        trajectory.save()
        action = "innovations.create" if created else "innovations.edit"
        audit.record(actor, action, school=trajectory.school, target=trajectory, summary=trajectory.title)
    return trajectory


def save_milestone(actor, milestone):
    """A new or changed milestone of a trajectory."""
    with transaction.atomic():
        milestone.save()
        audit.record(
            actor,
            "innovations.milestone",
            school=milestone.trajectory.school,
            target=milestone,
            summary=milestone.title,
        )
    return milestone


def can_lead(membership, trajectory) -> bool:
    """The trajectory's teacher leader and the school leader steer it."""
    return membership.can_manage or (trajectory.lead_id is not None and trajectory.lead_id == membership.user_id)


def trajectory_url(trajectory) -> str:
    return reverse("innovations:trajectory-detail", args=[trajectory.school.slug, trajectory.pk])


def team(school):
    return get_user_model().objects.filter(memberships__school=school, memberships__is_active=True)


def move_phase(actor, trajectory, target: str, reason: str = "") -> TrajectoryEvent:
    error = phases.check_move(trajectory.phase, target, reason)
    if error:
        raise ValidationError(error)
    with transaction.atomic():
        event = TrajectoryEvent.objects.create(
            trajectory=trajectory,
            kind=TrajectoryEvent.Kind.PHASE,
            from_phase=trajectory.phase,
            to_phase=target,
            reason=reason.strip(),
            actor=actor,
        )
        trajectory.phase = target
        trajectory.save(update_fields=["phase"])
        audit.record(
            actor,
            "innovations.phase",
            school=trajectory.school,
            target=trajectory,
            summary=f"{event.from_phase} → {target}",
        )
        if trajectory.group_id:
            people = [u for u in trajectory.group.members.all() if u.pk != actor.pk]
            notify.notify(
                trajectory.school,
                people,
                _("%(title)s is nu in de fase: %(phase)s.") % {"title": trajectory, "phase": Phase(target).label},
                trajectory_url(trajectory),
                kind=MAIL_KIND,
            )
    return event


def set_slowdown(actor, trajectory, slowing_down: bool, reason: str = "") -> TrajectoryEvent | None:
    reason = (reason or "").strip()
    if slowing_down and not reason:
        raise ValidationError(_("Schrijf op waarom jullie vertragen; het team ziet die reden."))
    if slowing_down == trajectory.slowing_down and reason == trajectory.slowdown_reason:
        return None
    with transaction.atomic():
        trajectory.slowing_down = slowing_down
        trajectory.slowdown_reason = reason if slowing_down else ""
        trajectory.slowdown_since = timezone.localdate() if slowing_down else None
        trajectory.save(update_fields=["slowing_down", "slowdown_reason", "slowdown_since"])
        kind = TrajectoryEvent.Kind.SLOW_DOWN if slowing_down else TrajectoryEvent.Kind.RESUME
        event = TrajectoryEvent.objects.create(trajectory=trajectory, kind=kind, reason=reason, actor=actor)
        audit.record(actor, f"innovations.{kind}", school=trajectory.school, target=trajectory, summary=reason[:200])
    return event


def open_check_in(actor, trajectory, question: str, closes_on=None) -> CheckIn:
    with transaction.atomic():
        check_in = CheckIn.objects.create(
            trajectory=trajectory, question=question, opened_by=actor, closes_on=closes_on
        )
        audit.record(
            actor, "innovations.checkin_open", school=trajectory.school, target=check_in, summary=question[:200]
        )
        url = reverse("innovations:checkin-answer", args=[trajectory.school.slug, trajectory.pk, check_in.pk])
        notify.notify(
            trajectory.school,
            team(trajectory.school).exclude(pk=actor.pk),
            _("Check-in over %(title)s: hoe sta jij erin? Je antwoord blijft anoniem.") % {"title": trajectory},
            url,
            kind=MAIL_KIND,
        )
    return check_in


def has_answered(user, check_in) -> bool:
    return CheckInParticipation.objects.filter(check_in=check_in, user=user).exists()


def answer_check_in(
    user, check_in, *, willing: int, able: int, learning: str, remark: str = "", share: bool = False
) -> None:
    """Store one answer. Who answered and what was answered are kept in two tables that are not linked
    (unless the person chose to share it with the lead). No audit entry, no timestamp on the answer."""
    if not check_in.is_open:
        raise ValidationError(_("Deze check-in is gesloten; je kunt niet meer antwoorden."))
    for value in (willing, able):
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError(_("Kies een getal van 1 tot en met 5."))
    try:
        with transaction.atomic():
            CheckInParticipation.objects.create(check_in=check_in, user=user)
            CheckInAnswer.objects.create(
                check_in=check_in,
                willing=willing,
                able=able,
                learning=learning,
                remark=remark.strip(),
                shared_by=user if share else None,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Je hebt deze check-in al ingevuld.")) from exc


def close_check_in(actor, check_in) -> None:
    if not check_in.is_open:
        return
    with transaction.atomic():
        check_in.closed_at = timezone.now()
        check_in.save(update_fields=["closed_at"])
        trajectory = check_in.trajectory
        audit.record(
            actor,
            "innovations.checkin_close",
            school=trajectory.school,
            target=check_in,
            summary=check_in.question[:200],
        )
        notify.notify(
            trajectory.school,
            team(trajectory.school).exclude(pk=getattr(actor, "pk", None)),
            _("De check-in over %(title)s is gesloten. Bekijk de uitkomst van het team.") % {"title": trajectory},
            reverse("innovations:checkin-detail", args=[trajectory.school.slug, trajectory.pk, check_in.pk]),
            kind=MAIL_KIND,
        )


def add_embedding(actor, trajectory, *, agreement, recorded_in, review_on) -> Embedding:
    with transaction.atomic():
        embedding = Embedding.objects.create(
            trajectory=trajectory, agreement=agreement, recorded_in=recorded_in, review_on=review_on, created_by=actor
        )
        audit.record(
            actor, "innovations.embedding", school=trajectory.school, target=embedding, summary=agreement[:200]
        )
    return embedding


def mark_reviewed(actor, embedding, next_review=None) -> None:
    """The agreement was looked at again; with ``next_review`` it comes back on that date."""
    today = timezone.localdate()
    with transaction.atomic():
        if next_review:
            embedding.review_on = next_review
            embedding.reviewed_at = None
            embedding.reminded_on = None
        else:
            embedding.reviewed_at = today
        embedding.save(update_fields=["review_on", "reviewed_at", "reminded_on"])
        audit.record(
            actor,
            "innovations.review",
            school=embedding.trajectory.school,
            target=embedding,
            summary=str(next_review or today),
        )


def due_reviews(school, today=None):
    today = today or timezone.localdate()
    return Embedding.objects.filter(trajectory__school=school, reviewed_at__isnull=True, review_on__lte=today)


# Scheduled jobs (manage.py run_scheduled)


def close_due_check_ins(today=None, school=None) -> str:
    today = today or timezone.localdate()
    due = CheckIn.objects.filter(closed_at__isnull=True, closes_on__lt=today).select_related("trajectory__school")
    if school is not None:
        due = due.filter(trajectory__school=school)
    n = 0
    for check_in in due:
        close_check_in(None, check_in)
        n += 1
    return f"{n} check-ins gesloten"


def remind_due_reviews(today=None, school=None) -> str:
    today = today or timezone.localdate()
    due = Embedding.objects.filter(
        reviewed_at__isnull=True, review_on__lte=today, reminded_on__isnull=True
    ).select_related("trajectory__school", "trajectory__lead")
    if school is not None:
        due = due.filter(trajectory__school=school)
    n = 0
    for embedding in due:
        trajectory = embedding.trajectory
        with transaction.atomic():
            if trajectory.lead_id:
                notify.notify(
                    trajectory.school,
                    [trajectory.lead],
                    _("Tijd om de afspraak over %(title)s opnieuw te bekijken.") % {"title": trajectory},
                    trajectory_url(trajectory),
                    email_subject=_("Afspraak opnieuw bekijken"),
                    kind=MAIL_KIND,
                )
            embedding.reminded_on = today
            embedding.save(update_fields=["reminded_on"])
        n += 1
    return f"{n} herinneringen"
