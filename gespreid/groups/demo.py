"""Demo: three groups on the first demo school's priorities, with members, cycle entries and a meeting."""

from datetime import timedelta

from django.utils import timezone

from .models import Action, CycleEntry, Group, GroupMember, Meeting

MARKER = "PLG Rekenen met begrip"

GROUPS = [
    {
        "name": MARKER,
        "kind": "plg",
        "priority": None,  # a PLG that grew from the team itself: not every group needs a priority
        "goal": "Leerlingen begrijpen wat ze rekenen: we onderzoeken hoe we met concreet materiaal en modellen werken.",
        "stage": "uitproberen",
        "hours": 40,
        "entries": [
            (
                "vraag",
                "Hoe zorgen we dat leerlingen in groep 5 tot en met 8 begrijpen waarom een rekenstrategie werkt?",
            ),
            (
                "weten",
                "Artikel over het drieslagmodel (concreet, schematisch, abstract) gelezen en besproken.",
                "https://www.slo.nl/",
            ),
            ("weten", "Toetsgegevens: begrijpend rekenen scoort lager dan automatiseren in groep 6."),
            ("analyse", "In de meeste groepen gaan we te snel naar de kale som."),
            ("voorstel", "Elke rekenles start met vijf minuten 'rekenmuur' en een model op het bord."),
            ("uitproberen", "Groep 5 en 7 proberen de rekenmuur vier weken uit."),
        ],
    },
    {
        "name": "Werkgroep Leesplezier",
        "kind": "werkgroep",
        "priority": "begrijpend lezen",
        "goal": "Meer leesplezier: een rijke schoolbibliotheek en elke dag vrij lezen.",
        "stage": "weten",
        "hours": 20,
        "entries": [
            ("vraag", "Wat maakt dat kinderen thuis en op school graag lezen?"),
            ("weten", "Lezersenquête in groep 4 tot en met 8 afgenomen: 62% leest graag."),
        ],
    },
    {
        "name": "Leerteam Feedback in de klas",
        "kind": "leerteam",
        "priority": "eigenaarschap",
        "goal": "We leren van elkaar hoe we feedback geven die leerlingen verder helpt, met lesbezoeken.",
        "stage": "evaluatie",
        "hours": 16,
        "entries": [
            ("vraag", "Welke feedback helpt leerlingen echt verder?"),
            ("weten", "Hattie en Timperley: feedback op taak, proces en zelfregulatie."),
            ("analyse", "Lesbezoeken: we geven vooral feedback op de taak."),
            ("voorstel", "Kijkwijzer met drie vragen voor procesfeedback."),
            ("uitproberen", "Zes collega's gebruikten de kijkwijzer bij een lesbezoek."),
            ("evaluatie", "De kijkwijzer werkt; we nemen hem op in het teambeleid."),
        ],
    },
]


def _priority(priorities, words):
    """The priority whose title mentions ``words`` (matched on content, so a rekenen PLG never lands on lezen)."""
    if not words:
        return None
    return next((p for p in priorities if words in p.title.lower()), None)


def seed(demo):
    school = demo.school
    if school.work_groups.filter(name=MARKER).exists():
        return
    year = demo.years[school.id]
    staff = demo.staff[school.id]
    tl, lid = demo.user("tl@demo.test"), demo.user("lid@demo.test")
    others = [u for u in staff if u not in (demo.user("leider@demo.test"), tl, lid)]
    priorities = list(school.priorities.order_by("id"))
    leads = [tl, others[0], others[1]]
    today = timezone.localdate()
    for i, spec in enumerate(GROUPS):
        group = Group.objects.create(
            school=school,
            school_year=year,
            priority=_priority(priorities, spec["priority"]),
            name=spec["name"],
            kind=spec["kind"],
            goal=spec["goal"],
            lead=leads[i],
            stage=spec["stage"],
            facilitated_hours=spec["hours"],
            is_open=i != 2,
        )
        people = [leads[i], *others[2 + i * 4 : 6 + i * 4]]
        if i == 0:
            people.append(lid)
        GroupMember.objects.bulk_create([GroupMember(group=group, user=u) for u in dict.fromkeys(people)])
        for n, (stage, text, *link) in enumerate(spec["entries"]):
            entry = CycleEntry.objects.create(
                group=group, stage=stage, text=text, link=link[0] if link else "", author=people[n % len(people)]
            )
            CycleEntry.objects.filter(pk=entry.pk).update(
                created_at=timezone.now() - timedelta(days=7 * (len(spec["entries"]) - n))
            )
        meeting = Meeting.objects.create(
            group=group,
            held_on=today - timedelta(days=5),
            notes="We bespraken wat we tot nu toe weten en wat de volgende stap is.",
            agreements="Volgende keer neemt iedereen één voorbeeld uit de eigen klas mee.",
            created_by=leads[i],
        )
        Action.objects.create(
            group=group,
            meeting=meeting,
            text="Verslag rondsturen aan het team",
            owner=leads[i],
            due_on=today + timedelta(days=3),
        )
        Action.objects.create(
            group=group,
            meeting=meeting,
            text="Voorbeeld uit de klas meenemen",
            owner=people[-1],
            due_on=today + timedelta(days=10),
        )
        Action.objects.create(
            group=group,
            meeting=meeting,
            text="Literatuurlijst bijwerken",
            owner=people[1 % len(people)],
            done=True,
            done_at=timezone.now(),
        )
