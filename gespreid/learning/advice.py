"""Advice and feedback requests: ask, answer, a short thread, close with what I do with it, share when both agree.

Private to the two: no audit entries with names (the audit log is the leader's page), notifications
only to the two. The school sees counts per expertise area (``advice_counts_by_area``), nothing else.
Each function changes state and notifies in one transaction.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gespreid.core import audit, notify
from gespreid.core.models import Membership, School
from gespreid.core.params import int_param

from .apps import MAIL_KIND
from .models import AdviceMessage, AdviceRequest, ShareScope

MAX_MESSAGES = 30  # a short thread; beyond this, talk in person
Status = AdviceRequest.Status


def detail_path(req, user) -> str:
    """The request's page in the school where ``user`` sees it (their own side of a cross-school request)."""
    school = req.school if user.pk == req.asker_id else req.recipient_school
    return reverse("learning:request-detail", args=[school.slug, req.pk])


def visible_to(user, school):
    """The requests ``user`` sees in ``school``: the ones they asked from here and the ones they were asked here."""
    return AdviceRequest.objects.filter(Q(school=school, asker=user) | Q(recipient_school=school, recipient=user))


def find_recipient(asker, school, user_id, school_slug=""):
    """The colleague to ask, and their school. Raises ValidationError (Dutch) for anyone who may not be asked.

    In the asker's own school: any active member but the asker. At another school of the board: only
    where the board allows cross-school search and the person is findable (their profile is visible to the board).
    """
    from gespreid.expertise.models import Profile

    user_id = int_param(str(user_id))
    if user_id is None:
        raise ValidationError(_("Kies een collega om je vraag aan te stellen."))
    if user_id == asker.pk:
        raise ValidationError(_("Je kunt jezelf geen vraag stellen. Kies een collega."))
    target_school = school
    if school_slug and school_slug != school.slug:
        target_school = School.objects.filter(slug=school_slug, board_id=school.board_id).first()
        if target_school is None or not school.board.allow_cross_school_search:
            raise ValidationError(_("Deze collega kun je via Gespreid niet vragen."))
    membership = (
        Membership.objects.filter(school=target_school, user_id=user_id, is_active=True).select_related("user").first()
    )
    if membership is None:
        raise ValidationError(_("Deze collega kun je via Gespreid niet vragen."))
    if target_school != school:
        year = target_school.current_year()
        findable = (
            year is not None
            and Profile.objects.filter(
                school=target_school, school_year=year, user_id=user_id, visible_to_board=True
            ).exists()
        )
        if not findable:
            raise ValidationError(_("Deze collega kun je via Gespreid niet vragen."))
    return membership.user, target_school


def create_request(
    asker, school, recipient, recipient_school, *, kind, question, context="", areas=(), wish_date=None, upload=None
) -> AdviceRequest:
    if recipient.pk == asker.pk:
        raise ValidationError(_("Je kunt jezelf geen vraag stellen. Kies een collega."))
    with transaction.atomic():
        req = AdviceRequest(
            school=school,
            recipient_school=recipient_school,
            asker=asker,
            recipient=recipient,
            kind=kind,
            question=question,
            context=context,
            wish_date=wish_date,
        )
        if upload is not None:
            req.attachment_name = upload.name[-150:]
            req.attachment.save(upload.name, upload, save=False)
        req.save()
        if areas:
            req.areas.set(areas)
        if kind == AdviceRequest.Kind.FEEDBACK:
            message = _("%(name)s vraagt je om feedback: %(q)s")
        else:
            message = _("%(name)s vraagt je om advies: %(q)s")
        message = message % {"name": asker.name, "q": question[:120]}
        notify.notify(
            recipient_school,
            [recipient],
            message,
            detail_path(req, recipient),
            email_subject=_("Een collega vraagt je iets"),
            kind=MAIL_KIND,
        )
    return req


def _require(req, actor, *, asker=None, recipient=None, status=None):
    if asker and actor.pk != req.asker_id:
        raise ValidationError(_("Alleen wie de vraag stelde, kan dit doen."))
    if recipient and actor.pk != req.recipient_id:
        raise ValidationError(_("Alleen de collega aan wie de vraag gesteld is, kan dit doen."))
    if actor.pk not in (req.asker_id, req.recipient_id):
        raise ValidationError(_("Dit gesprek is alleen van jullie tweeën."))
    if status and req.status not in status:
        raise ValidationError(
            _("Dit kan nu niet meer: de vraag is %(status)s.") % {"status": req.get_status_display().lower()}
        )


def _claim(req, from_status, **changes) -> bool:
    """Move the request on with a conditional UPDATE, so a double click or two tabs act once."""
    n = AdviceRequest.objects.filter(pk=req.pk, status__in=from_status).update(**changes)
    if n:
        for key, value in changes.items():
            setattr(req, key, value)
    return bool(n)


def answer(req, actor, *, accept: bool, word: str = "") -> AdviceRequest:
    """The colleague accepts or declines, with a short word ("niet nu" is a fine answer)."""
    _require(req, actor, recipient=True, status=[Status.OPEN])
    with transaction.atomic():
        new = Status.ACCEPTED if accept else Status.DECLINED
        if not _claim(
            req, [Status.OPEN], status=new, accepted=accept, answer_word=word[:200], answered_at=timezone.now()
        ):
            raise ValidationError(_("Deze vraag is al beantwoord."))
        if accept:
            message = _("%(name)s wil je graag helpen met je vraag.") % {"name": actor.name}
        else:
            message = _(
                "%(name)s kan nu niet helpen met je vraag. Dat is een prima antwoord; vraag gerust iemand anders."
            ) % {"name": actor.name}
        if word:
            message = f"{message} “{word[:120]}”"
        notify.notify(
            req.school,
            [req.asker],
            message,
            detail_path(req, req.asker),
            email_subject=_("Antwoord op je vraag"),
            kind=MAIL_KIND,
        )
    return req


def add_message(req, actor, text: str) -> AdviceMessage:
    _require(req, actor, status=[Status.ACCEPTED])
    if req.messages.count() >= MAX_MESSAGES:
        raise ValidationError(_("Dit gesprek is lang genoeg geworden: spreek elkaar even, of rond de vraag af."))
    with transaction.atomic():
        msg = AdviceMessage.objects.create(request=req, author=actor, text=text)
        other = req.other(actor)
        school = req.school if other.pk == req.asker_id else req.recipient_school
        notify.notify(
            school,
            [other],
            _("%(name)s schreef in jullie gesprek: %(text)s") % {"name": actor.name, "text": text[:120]},
            detail_path(req, other),
            kind=MAIL_KIND,
        )
    return msg


def close(req, actor, outcome: str) -> AdviceRequest:
    """The asker closes the request with what they will do with it."""
    _require(req, actor, asker=True, status=[Status.ACCEPTED, Status.DECLINED])
    was_accepted = req.status == Status.ACCEPTED
    with transaction.atomic():
        if not _claim(
            req, [Status.ACCEPTED, Status.DECLINED], status=Status.CLOSED, outcome=outcome, closed_at=timezone.now()
        ):
            raise ValidationError(_("Deze vraag is al afgerond."))
        if was_accepted:
            notify.notify(
                req.recipient_school,
                [req.recipient],
                _("%(name)s rondde jullie gesprek af en schreef op wat hij of zij ermee doet.") % {"name": actor.name},
                detail_path(req, req.recipient),
                kind=MAIL_KIND,
            )
    return req


def withdraw(req, actor) -> AdviceRequest:
    _require(req, actor, asker=True, status=[Status.OPEN])
    with transaction.atomic():
        if not _claim(req, [Status.OPEN], status=Status.WITHDRAWN, closed_at=timezone.now()):
            raise ValidationError(_("Deze vraag is al beantwoord."))
    return req


def share_groups(req):
    """The groups a request may be shared with: the current groups of the asker's school."""
    groups = req.school.work_groups.all()
    year = req.school.current_year()
    return groups.filter(school_year=year) if year else groups.none()


def propose_share(req, actor, *, scope: str, group=None, what: str) -> AdviceRequest:
    """One of the two proposes to share; nothing is shared until the other agrees."""
    _require(req, actor, status=[Status.CLOSED])
    if req.shared_at:
        raise ValidationError(_("Dit gesprek is al gedeeld."))
    if scope == ShareScope.GROUP and (group is None or group.school_id != req.school_id):
        raise ValidationError(_("Kies de werkgroep waarmee je het wilt delen."))
    with transaction.atomic():
        req.share_scope, req.share_group, req.share_what = scope, group if scope == ShareScope.GROUP else None, what
        req.share_proposed_by = actor
        req.save(update_fields=["share_scope", "share_group", "share_what", "share_proposed_by"])
        other = req.other(actor)
        school = req.school if other.pk == req.asker_id else req.recipient_school
        notify.notify(
            school,
            [other],
            _("%(name)s stelt voor om jullie gesprek te delen. Het wordt pas gedeeld als jij ook akkoord bent.")
            % {"name": actor.name},
            detail_path(req, other),
            kind=MAIL_KIND,
        )
    return req


def agree_share(req, actor) -> AdviceRequest:
    _require(req, actor, status=[Status.CLOSED])
    if not req.share_scope or req.share_proposed_by_id in (None, actor.pk):
        raise ValidationError(_("Je collega moet het voorstel om te delen nog goedkeuren."))
    with transaction.atomic():
        if not AdviceRequest.objects.filter(pk=req.pk, shared_at__isnull=True).update(shared_at=timezone.now()):
            raise ValidationError(_("Dit gesprek is al gedeeld."))
        req.refresh_from_db()
        audit.record(
            actor, "learning.request_share", school=req.school, target=req, summary=req.get_share_what_display()
        )
        other = req.other(actor)
        school = req.school if other.pk == req.asker_id else req.recipient_school
        notify.notify(school, [other], _("Jullie gesprek is nu gedeeld."), detail_path(req, other), kind=MAIL_KIND)
    return req


def withdraw_share_proposal(req, actor) -> AdviceRequest:
    """Either of the two says no to sharing (or takes back their own proposal): nothing is shared."""
    _require(req, actor, status=[Status.CLOSED])
    if req.shared_at:
        raise ValidationError(_("Dit gesprek is al gedeeld."))
    req.share_scope, req.share_group, req.share_what, req.share_proposed_by = "", None, "", None
    req.save(update_fields=["share_scope", "share_group", "share_what", "share_proposed_by"])
    return req


def advice_counts_by_area(school, year) -> dict[str, int]:
    """How often colleagues of ``school`` were asked for advice or feedback in ``year``, per area key.

    Counts only: no names, no content. Requests from another school count for the school of the person
    asked (the area is matched by its key, the same in every school's copy of the taxonomy). Withdrawn
    requests do not count. One query. Used by the expertise palette and by the network work.
    """
    if year is None:
        return {}
    rows = (
        AdviceRequest.objects.filter(
            recipient_school=school,
            created_at__date__gte=year.starts_on,
            created_at__date__lte=year.ends_on,
        )
        .exclude(status=Status.WITHDRAWN)
        .filter(areas__isnull=False)
        .values("areas__key")
        .annotate(n=Count("id", distinct=True))
    )
    return {row["areas__key"]: row["n"] for row in rows}
