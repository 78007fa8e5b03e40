"""Demo: two closed team pulses (a trend, focus points, one done), one open pulse, and a closed
feedback round for the school leader (not shared)."""

from datetime import timedelta

from django.utils import timezone

from gespreid.core.models import Membership, Notification

from . import pulse
from .models import FocusPoint, Kind, Round

MARKER = "Teampuls voorjaar"
REMARKS = [
    "In de bouwvergadering durf ik meer te zeggen dan in de teamvergadering.",
    "Soms voelt het alsof nieuwe ideeën meteen worden afgeschoten.",
    "Fijn dat we elkaars lessen mogen bezoeken.",
    "Ik weet niet altijd bij wie ik terecht kan met een vraag.",
    "We vieren te weinig wat goed gaat.",
    "Feedback krijg ik vooral van de IB'er, weinig van collega's.",
]
BOUWS = ["onderbouw", "middenbouw", "bovenbouw"]


def _answers(round_, memberships, base, rng):
    statements = list(round_.statements.all())
    for i, m in enumerate(memberships):
        scores = {}
        for j, s in enumerate(statements):
            score = max(1, min(5, base[j % len(base)] + rng.choice([-1, 0, 0, 1])))
            remark = REMARKS[(i + j) % len(REMARKS)] if (i * 7 + j) % 11 == 0 else ""
            scores[s.pk] = (score, remark)
        pulse.answer(round_.pk, m, scores)


def _round(school, actor, kind, title, statements):
    today = timezone.localdate()
    return pulse.create_round(
        actor,
        school,
        kind=kind,
        title=title,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        statements=statements,
    )


def _move(round_, days_ago):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        opens_on=today - timedelta(days=days_ago), closes_on=today - timedelta(days=days_ago - 14)
    )


def seed(demo):
    school = demo.school
    if school.climate_rounds.filter(title=MARKER).exists():
        return
    pulse.ensure_statements(school)
    rng = demo.rng
    leader, tl, lid = demo.user("leider@demo.test"), demo.user("tl@demo.test"), demo.user("lid@demo.test")
    memberships = list(school.memberships.filter(is_active=True).select_related("user").order_by("user__email"))
    if not any(m.bouw for m in memberships):  # give the demo team bouwen so the breakdown has something to show
        for i, m in enumerate(memberships):
            m.bouw = BOUWS[i % 3]
        Membership.objects.bulk_update(memberships, ["bouw"])
    others = [m for m in memberships if m.user_id not in (leader.pk, tl.pk, lid.pk)]
    pulse_statements = school.climate_statements.filter(kind=Kind.PULSE, is_active=True)

    first = _round(school, leader, Kind.PULSE, MARKER, pulse_statements)
    _answers(first, others[:18], [3, 4, 4, 3, 3, 4, 3, 2], rng)
    pulse.close_round(leader, first)
    _move(first, 120)
    FocusPoint.objects.create(
        round=first,
        form="actie",
        title="Elke teamvergadering begint met een ervaring die goed of juist mis ging",
        owner=tl,
        due_on=timezone.localdate() - timedelta(days=60),
        done=True,
        outcome="Gedaan sinds maart; collega's brengen om de beurt een voorbeeld in.",
    )
    FocusPoint.objects.create(
        round=first, form="voorstel", title="Voorstel: de schoolleider vraagt elk half jaar om feedback"
    )

    second = _round(school, leader, Kind.PULSE, "Teampuls najaar", pulse_statements)
    _answers(second, others[:20], [4, 4, 4, 4, 4, 4, 4, 3], rng)
    pulse.close_round(leader, second)
    _move(second, 40)
    FocusPoint.objects.create(
        round=second,
        form="actie",
        title="Collegiale lesbezoeken: iedereen één keer per periode",
        owner=leader,
        due_on=timezone.localdate() + timedelta(days=30),
    )

    feedback = _round(
        school, leader, Kind.LEADER, "Feedback voor Marieke", school.climate_statements.filter(kind=Kind.LEADER)
    )
    _answers(feedback, others[:9], [4, 3, 3, 4, 3], rng)
    pulse.close_round(leader, feedback)
    _move(feedback, 30)

    current = _round(school, leader, Kind.PULSE, "Teampuls winter", pulse_statements)
    _answers(current, others[:7], [4, 4, 4, 4, 4, 4, 4, 4], rng)
    # The notifications of rounds that are long over would only clutter the demo inbox.
    Notification.objects.filter(school=school, url__contains="/klimaat/rondes/").exclude(
        url__contains=f"/rondes/{current.pk}/"
    ).delete()
