"""The research cycle: where a group is, what its next step is, and the writes on the group page.

vraag → wat weten we → analyse → voorstel → uitproberen → evaluatie.
"""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gespreid.core import audit, notify

from .apps import MAIL_KIND
from .models import STAGE_ORDER, Action, CycleEntry, CycleStage, Meeting


@dataclass
class StageView:
    value: str
    label: str
    count: int
    state: str  # "done", "current" or "todo"
    number: int


def stage_overview(current: str, counts: dict[str, int]) -> list[StageView]:
    """The six stages in order with their entry counts and whether they are behind, at or ahead of the group."""
    at = STAGE_ORDER.index(current) if current in STAGE_ORDER else 0
    result = []
    for i, stage in enumerate(CycleStage):
        state = "done" if i < at else ("current" if i == at else "todo")
        result.append(StageView(stage.value, stage.label, counts.get(stage.value, 0), state, i + 1))
    return result


def next_stage(current: str) -> str | None:
    i = STAGE_ORDER.index(current) if current in STAGE_ORDER else 0
    return STAGE_ORDER[i + 1] if i + 1 < len(STAGE_ORDER) else None


def next_step(stage: str, open_action=None) -> str:
    """One line for the home card: the first open action, else what the stage asks for."""
    if open_action is not None:
        if open_action.due_on:
            return _("%(text)s (uiterlijk %(due)s)") % {
                "text": open_action.text,
                "due": formats.date_format(open_action.due_on, "SHORT_DATE_FORMAT"),
            }
        return open_action.text
    hints = {
        CycleStage.QUESTION: _("Scherp de onderzoeksvraag aan."),
        CycleStage.KNOWLEDGE: _("Verzamel literatuur en gegevens."),
        CycleStage.ANALYSIS: _("Analyseer wat jullie gevonden hebben."),
        CycleStage.PROPOSAL: _("Schrijf het voorstel voor het team."),
        CycleStage.TRYOUT: _("Probeer het uit in de klas."),
        CycleStage.EVALUATION: _("Evalueer: wat werkte, wat niet?"),
    }
    return str(hints.get(stage, ""))


def group_url(group) -> str:
    return reverse("groups:group-detail", args=[group.school.slug, group.pk])


def add_entry(actor, group, *, stage, text, link="", upload=None) -> CycleEntry:
    """Store an entry; a large photo (``files.PendingPhoto``) is re-encoded by a worker after commit."""
    from . import processing
    from .files import PendingPhoto

    pending = isinstance(upload, PendingPhoto)
    with transaction.atomic():
        entry = CycleEntry(group=group, stage=stage, author=actor, text=text, link=link)
        if upload is not None:
            entry.file_name = upload.name[-150:]
            entry.file.save(upload.name, upload.upload if pending else upload, save=False)
            entry.file_state = "verwerken" if pending else "klaar"
        entry.save()
        audit.record(actor, "groups.entry", school=group.school, target=group, summary=f"{stage}: {text[:80]}")
        if pending:
            processing.start(entry, actor)
    return entry


def set_stage(actor, group, stage: str) -> None:
    if stage == group.stage:
        return
    with transaction.atomic():
        group.stage = stage
        group.save(update_fields=["stage"])
        audit.record(actor, "groups.stage", school=group.school, target=group, summary=stage)
        others = [u for u in group.members.all() if u.pk != actor.pk]
        notify.notify(
            group.school,
            others,
            _("%(group)s is nu in de fase: %(stage)s.") % {"group": group, "stage": CycleStage(stage).label},
            group_url(group),
            kind=MAIL_KIND,
        )


def record_meeting(actor, group, *, held_on, notes, agreements, actions) -> Meeting:
    """Save meeting notes with their actions; owners of an action get a notification."""
    with transaction.atomic():
        meeting = Meeting.objects.create(
            group=group, held_on=held_on, notes=notes, agreements=agreements, created_by=actor
        )
        rows = Action.objects.bulk_create(
            [
                Action(group=group, meeting=meeting, text=a["text"], owner=a.get("owner"), due_on=a.get("due_on"))
                for a in actions
            ]
        )
        audit.record(actor, "groups.meeting", school=group.school, target=meeting, summary=f"{group}: {held_on}")
        owners = {a.owner for a in rows if a.owner is not None and a.owner.pk != actor.pk}
        if owners:
            notify.notify(
                group.school,
                owners,
                _("Je hebt een actie van %(group)s.") % {"group": group},
                group_url(group),
                kind=MAIL_KIND,
            )
    return meeting


def set_action_done(actor, action, done: bool) -> Action:
    with transaction.atomic():
        action.done = done
        action.done_at = timezone.now() if done else None
        action.save(update_fields=["done", "done_at"])
        audit.record(
            actor,
            "groups.action",
            school=action.group.school,
            target=action,
            summary=f"{'gedaan' if done else 'open'}: {action.text[:80]}",
        )
    return action
