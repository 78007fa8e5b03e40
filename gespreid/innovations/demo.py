"""Demo: one trajectory in 'uitproberen' with a closed check-in of eight answers (and an open one),
one in 'borgen' with agreements, one of which is due for review."""

from datetime import timedelta

from django.utils import timezone

from gespreid.groups.models import Group, GroupMember

from .models import CheckIn, CheckInAnswer, CheckInParticipation, Embedding, Milestone, Trajectory, TrajectoryEvent

MARKER = "Rekenmuur in elke rekenles"

# (willing, able, learning preference, remark) — eight colleagues, one shares with the lead.
ANSWERS = [
    (5, 4, "samen", "Ik zie nu al dat kinderen beter uitleggen wat ze doen."),
    (4, 2, "voorbeeld", "Ik wil graag eerst zien hoe het in groep 5 gaat."),
    (4, 3, "samen", ""),
    (3, 2, "uitleg", "De tijd is krap naast de methode."),
    (2, 2, "lezen", "Ik twijfel of het bij kleuters past."),
    (5, 5, "uitproberen", ""),
    (4, 2, "coaching", "Graag iemand die een keer meekijkt in mijn les."),
    (3, 3, "voorbeeld", ""),
]


def _group(demo, index, name):
    groups = list(demo.school.work_groups.order_by("id"))
    if len(groups) > index:
        return groups[index]
    group = Group.objects.create(
        school=demo.school,
        school_year=demo.years[demo.school.id],
        name=name,
        kind="plg",
        lead=demo.user("tl@demo.test"),
    )
    GroupMember.objects.create(group=group, user=group.lead)
    return group


def seed(demo):
    school = demo.school
    if school.trajectories.filter(title=MARKER).exists():
        return
    today = timezone.localdate()
    tl, leader = demo.user("tl@demo.test"), demo.user("leider@demo.test")
    staff = [u for u in demo.staff[school.id] if u not in (tl, leader, demo.user("lid@demo.test"))]

    group = _group(demo, 0, "PLG Rekenen met begrip")
    t1 = Trajectory.objects.create(
        school=school,
        title=MARKER,
        description="Elke rekenles begint met vijf minuten rekenmuur en een model op het bord, zodat leerlingen begrijpen wat ze doen.",
        group=group,
        priority=group.priority,
        lead=tl,
        phase="uitproberen",
    )
    Milestone.objects.bulk_create(
        [
            Milestone(
                trajectory=t1,
                phase="voorbereiden",
                title="Literatuur en toetsgegevens bespreken",
                planned_start=today - timedelta(days=70),
                planned_end=today - timedelta(days=56),
                actual_start=today - timedelta(days=70),
                actual_end=today - timedelta(days=52),
            ),
            Milestone(
                trajectory=t1,
                phase="voorbereiden",
                title="Teamvergadering: voorstel toelichten",
                planned_start=today - timedelta(days=50),
                planned_end=today - timedelta(days=45),
                actual_start=today - timedelta(days=48),
                actual_end=today - timedelta(days=45),
            ),
            Milestone(
                trajectory=t1,
                phase="uitproberen",
                title="Vier weken uitproberen in groep 5 en 7",
                planned_start=today - timedelta(days=30),
                planned_end=today - timedelta(days=3),
                actual_start=today - timedelta(days=28),
            ),
            Milestone(
                trajectory=t1,
                phase="monitoren",
                title="Lesbezoeken met de kijkwijzer",
                planned_start=today + timedelta(days=7),
                planned_end=today + timedelta(days=35),
            ),
        ]
    )
    TrajectoryEvent.objects.create(
        trajectory=t1, kind="fase", from_phase="voorbereiden", to_phase="uitproberen", actor=tl
    )
    TrajectoryEvent.objects.create(
        trajectory=t1,
        kind="vertragen",
        actor=tl,
        reason="We nemen twee weken extra zodat ook de onderbouw mee kan doen.",
    )
    t1.slowing_down = True
    t1.slowdown_reason = "We nemen twee weken extra zodat ook de onderbouw mee kan doen."
    t1.slowdown_since = today - timedelta(days=4)
    t1.save()

    closed = CheckIn.objects.create(
        trajectory=t1,
        question="Hoe staan we ervoor met de rekenmuur?",
        opened_by=tl,
        closes_on=today - timedelta(days=8),
    )
    CheckIn.objects.filter(pk=closed.pk).update(
        opened_at=timezone.now() - timedelta(days=20), closed_at=timezone.now() - timedelta(days=7)
    )
    people = staff[:8]
    CheckInParticipation.objects.bulk_create([CheckInParticipation(check_in=closed, user=u) for u in people])
    rows = [
        CheckInAnswer(
            check_in=closed, willing=w, able=a, learning=lp, remark=r, shared_by=people[1] if i == 1 else None
        )
        for i, (w, a, lp, r) in enumerate(ANSWERS)
    ]
    demo.rng.shuffle(rows)
    CheckInAnswer.objects.bulk_create(rows)
    CheckIn.objects.create(
        trajectory=t1,
        question="Na vier weken uitproberen: hoe gaat het nu?",
        opened_by=tl,
        closes_on=today + timedelta(days=10),
    )

    group2 = _group(demo, 2, "Leerteam Feedback in de klas")
    t2 = Trajectory.objects.create(
        school=school,
        title="Kijkwijzer procesfeedback",
        description="Collega's gebruiken bij lesbezoeken een kijkwijzer met drie vragen over procesfeedback.",
        group=group2,
        priority=group2.priority,
        lead=group2.lead or tl,
        phase="borgen",
    )
    start = today - timedelta(days=200)
    for i, (phase, title) in enumerate(
        [
            ("voorbereiden", "Kijkwijzer maken"),
            ("uitproberen", "Zes lesbezoeken"),
            ("monitoren", "Ervaringen verzamelen"),
            ("bijstellen", "Kijkwijzer aanscherpen"),
            ("borgen", "Opnemen in teambeleid"),
        ]
    ):
        Milestone.objects.create(
            trajectory=t2,
            phase=phase,
            title=title,
            planned_start=start + timedelta(days=35 * i),
            planned_end=start + timedelta(days=35 * i + 28) if i < 4 else today + timedelta(days=30),
            actual_start=start + timedelta(days=35 * i),
            actual_end=start + timedelta(days=35 * i + 30) if i < 4 else None,
        )
        if i:
            event = TrajectoryEvent.objects.create(
                trajectory=t2,
                kind="fase",
                from_phase=Trajectory._meta.get_field("phase").choices[i - 1][0],
                to_phase=phase,
                actor=t2.lead,
            )
            TrajectoryEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=200 - 35 * i))
    Embedding.objects.create(
        trajectory=t2,
        agreement="Bij elk lesbezoek gebruiken we de kijkwijzer procesfeedback.",
        recorded_in="Teambeleid, map 'Lesbezoeken', versie 2",
        review_on=today - timedelta(days=2),
        created_by=t2.lead,
    )
    Embedding.objects.create(
        trajectory=t2,
        agreement="Nieuwe collega's krijgen de kijkwijzer in hun inwerkprogramma.",
        recorded_in="Inwerkmap nieuwe collega's",
        review_on=today + timedelta(days=120),
        created_by=t2.lead,
    )
