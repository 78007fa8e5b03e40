"""Demo: in the first school a closed network round last year and this year (large enough for every
measure, about half of the team agreed to be named), an open round, and a directory of outside contacts;
in the second school a closed round in which colleagues could also name people of the first school.

The ties are drawn from a seeded random generator with a bias to the same bouw and to two colleagues
many go to for advice, so the dependency signal and the ties between bouwen have something to show.
"""

import random
from datetime import timedelta

from django.utils import timezone

from gespreid.core.models import Bouw, Membership

from .models import QUESTION_ORDER, ContactKind, OutsideContact, Response, Round, Tie

MARKER = "Netwerkvragen najaar"
EXPLANATION = (
    "We brengen in beeld bij wie we terecht kunnen, zodat kennis niet bij een paar mensen blijft hangen "
    "en we zien waar we elkaar nog kunnen vinden. Iedereen ziet alleen het beeld van het team; je naam "
    "staat er alleen bij als jij dat aanvinkt. Afgesproken in de teamvergadering."
)
CONTACTS = [
    (
        "Pabo Utrecht (HU)",
        ContactKind.PABO,
        "Lotte van Dam, stagecoördinator",
        ["onderzoek", "lesontwerp"],
        "Stageplaatsen en praktijkonderzoek met studenten.",
    ),
    (
        "Universiteit Utrecht, lerarenopleiding",
        ContactKind.UNIVERSITY,
        "dr. Jesse Bakker",
        ["onderzoek", "rekenen-wiskunde"],
        "Denkt mee over onderzoek in de school; leest mee met PLG-vragen.",
    ),
    (
        "Samenwerkingsverband Passend Onderwijs",
        ContactKind.SUPPORT,
        "Orthopedagoog Rian Mulder",
        ["gedragsproblemen", "leerproblemen"],
        "Consultatie bij zorgen over gedrag en leren; arrangementen.",
    ),
    (
        "Logopediepraktijk De Klank",
        ContactKind.SPECIALIST,
        "",
        ["taal-lezen", "jonge-kind"],
        "Screening en advies bij taalontwikkeling in groep 1-2.",
    ),
    (
        "Gemeente Utrecht, team onderwijs",
        ContactKind.MUNICIPALITY,
        "Kees Vos",
        ["ouderbetrokkenheid"],
        "Subsidies voor ouderbetrokkenheid en de brede school.",
    ),
    (
        "Centraal Museum, educatie",
        ContactKind.MUSEUM,
        "",
        ["kunstzinnige-orientatie", "wereldorientatie"],
        "Lessen en rondleidingen op maat voor alle groepen.",
    ),
    (
        "TechniekLab Utrecht",
        ContactKind.COMPANY,
        "Femke Jansen",
        ["wetenschap-techniek", "duurzaamheid"],
        "Gastlessen techniek en een leskist duurzame energie.",
    ),
    (
        "OBS De Regenboog",
        ContactKind.SCHOOL,
        "IB'er",
        ["begrijpend-lezen", "duurzaamheid"],
        "Werkt al twee jaar met een leesaanpak; collega's komen graag kijken.",
    ),
]


def _give_bouw(school, people):
    """Demo memberships without a bouw get one (groups 1-2, 3-5, 6-8), so the drawing has colours."""
    order = [Bouw.LOWER, Bouw.MIDDLE, Bouw.UPPER]
    for i, membership in enumerate(Membership.objects.filter(school=school, user__in=people).order_by("id")):
        if not membership.bouw and not membership.is_leader:
            membership.bouw = order[i % 3]
            membership.save(update_fields=["bouw"])


def _ties(rng, round_obj, people, bouw, hubs, named_share, others=()):
    responses, ties = [], []
    for person in people:
        if rng.random() < 0.12:  # some colleagues do not answer
            continue
        responses.append(Response(round=round_obj, user=person, may_be_named=rng.random() < named_share))
        colleagues = [p for p in people if p != person]
        for question in round_obj.questions:
            weights = [
                (4 if p in hubs and question == "advies" else 1) * (3 if bouw.get(p.pk) == bouw.get(person.pk) else 1)
                for p in colleagues
            ]
            chosen = {c for c in rng.choices(colleagues, weights=weights, k=rng.randint(1, 4))}
            for target in chosen:
                ties.append(
                    Tie(round=round_obj, source=person, target=target, question=question, frequency=rng.randint(1, 4))
                )
        if others and rng.random() < 0.3:
            ties.append(Tie(round=round_obj, source=person, target=rng.choice(others), question="advies", frequency=1))
    Response.objects.bulk_create(responses)
    Tie.objects.bulk_create(ties)


def _round(demo, school, year, title, *, closed, rng, hubs, named_share=0.5, others=(), across_board=False):
    people = demo.staff[school.id]
    bouw = dict(Membership.objects.filter(school=school).values_list("user_id", "bouw"))
    now = timezone.now()
    round_obj = Round.objects.create(
        school=school,
        school_year=year,
        title=title,
        explanation=EXPLANATION,
        questions=list(QUESTION_ORDER),
        across_board=across_board,
        opened_by=people[0],
        opened_at=now - timedelta(days=40 if closed else 2),
        closed_at=now - timedelta(days=20) if closed else None,
        closes_on=None if closed else timezone.localdate() + timedelta(days=12),
    )
    if closed:
        _ties(rng, round_obj, people, bouw, hubs, named_share, others)
    return round_obj


def seed(demo):
    school = demo.school
    if school.network_rounds.filter(title=MARKER).exists():
        return
    rng = random.Random(1717)
    for s in demo.schools:
        _give_bouw(s, demo.staff[s.id])
    hubs = {demo.user("tl@demo.test"), demo.staff[school.id][5]}
    _round(
        demo,
        school,
        demo.previous_years[school.id],
        MARKER + " (vorig jaar)",
        closed=True,
        rng=rng,
        hubs=hubs | {demo.staff[school.id][6]},
        named_share=0.4,
    )
    _round(demo, school, demo.years[school.id], MARKER, closed=True, rng=rng, hubs=hubs)
    _round(demo, school, demo.years[school.id], "Netwerkvragen voorjaar", closed=False, rng=rng, hubs=hubs)
    second = demo.schools[1]
    _round(
        demo,
        second,
        demo.years[second.id],
        MARKER,
        closed=True,
        rng=rng,
        hubs=set(),
        others=demo.staff[school.id][:8],
        across_board=True,
    )
    areas = {a.key: a for a in school.expertise_areas.all()}
    team = demo.staff[school.id]
    for i, (name, kind, person, keys, notes) in enumerate(CONTACTS):
        contact = OutsideContact.objects.create(
            school=school,
            name=name,
            kind=kind,
            contact_person=person,
            email=f"contact{i + 1}@voorbeeld.test",
            how_to_reach="Mail eerst; bellen kan op dinsdag en donderdag." if i % 2 else "",
            notes=notes,
            added_by=team[i % len(team)],
        )
        contact.areas.set([areas[k] for k in keys if k in areas])
        contact.known_by.set([team[(i * 3) % len(team)], team[(i * 3 + 7) % len(team)]])
