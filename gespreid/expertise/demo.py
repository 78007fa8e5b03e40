"""Demo data: filled profiles with believable spreads for both demo schools (this year and last).

tl@demo.test is strong in rekenen and coaching; lid@demo.test wants to grow in begrijpend lezen and ICT.
Nobody in the first school is advanced in duurzaamheid (the second school has someone), and begrijpend
lezen rests on one person: the priorities demo shows those gaps. Idempotent: a school that already has
profiles this year is left alone.
"""

import random
from datetime import timedelta

from django.utils import timezone

from .models import Acquired, ExpertiseEntry, InventoryRound, Profile, Suggestion

FIXED = {
    "leider@demo.test": {
        "organisatie": (4, False),
        "visie": (4, False),
        "veranderkunde": (3, False),
        "communicatie": (3, False),
        "coaching": (3, False),
        "pedagogisch-klimaat": (3, False),
        "onderzoek": (2, True),
    },
    "tl@demo.test": {
        "rekenen-wiskunde": (4, False),
        "coaching": (4, False),
        "feedback": (3, False),
        "lesontwerp": (3, False),
        "vakdidactisch": (3, False),
        "21e-eeuwse-vaardigheden": (2, True),
        "veranderkunde": (1, True),
    },
    "lid@demo.test": {
        "begrijpend-lezen": (2, True),
        "ict-digitale-geletterdheid": (1, True),
        "taal-lezen": (3, False),
        "jonge-kind": (3, False),
        "ouderbetrokkenheid": (2, False),
        "pedagogisch": (3, False),
    },
    "anders@demo.test": {"duurzaamheid": (4, False), "wetenschap-techniek": (3, False), "rekenen-wiskunde": (3, False)},
}
QUALITIES = {
    "leider@demo.test": "Overzicht houden, mensen verbinden, rust brengen als het druk is.",
    "tl@demo.test": "Rekenspecialist. Ik denk graag mee over instructie en coach collega's bij rekenlessen.",
    "lid@demo.test": "Kleuters, voorlezen, contact met ouders. Ik wil meer weten van begrijpend lezen.",
    "anders@demo.test": "Schooltuin, techniekprojecten en duurzame keuzes in de klas.",
}
# Other colleagues' own words (most write something; a few leave it empty).
MORE_QUALITIES = [
    "Rust in de klas, duidelijke afspraken. Vraag me gerust als een groep onrustig is.",
    "Muziek en drama: ik help graag bij de musical en de weekopening.",
    "Ik maak graag overzichten en planningen; goed in Excel en in ParnasSys.",
    "Gesprekken met ouders, ook als het lastig wordt.",
    "Bewegend leren en buitenlessen.",
    "Ik lees veel jeugdboeken en tip ze graag door.",
    "Kinderen die meer aankunnen: verrijkingswerk en de plusklas.",
    "Handig met de digiborden en Chromebooks; ik help collega's graag op weg.",
]
# A wish wider than one area, for the leader's POP conversations.
AMBITIONS = {
    "tl@demo.test": "Wil teacher leader worden voor de hele school, niet alleen voor rekenen.",
    "lid@demo.test": "Wil over een paar jaar IB'er worden.",
}


# How someone came by an area, by area: a diploma only where one exists for it (a Master SEN is for
# learning and behaviour, not for Engels), volunteering only where it fits (not for Veranderkunde).
LEADERSHIP = {"organisatie", "visie", "veranderkunde", "teambuilding", "communicatie", "coaching", "feedback"}
DIPLOMAS = {
    "leerproblemen": ["Master SEN", "Post-hbo dyslexiespecialist"],
    "gedragsproblemen": ["Master SEN", "Post-hbo gedragsspecialist"],
    "hoogbegaafdheid": ["Post-hbo specialist hoogbegaafdheid", "Master SEN"],
    "rekenen-wiskunde": ["Post-hbo rekenspecialist"],
    "taal-lezen": ["Post-hbo taalspecialist"],
    "begrijpend-lezen": ["Post-hbo taalspecialist", "Post-hbo leesspecialist"],
    "jonge-kind": ["Post-hbo specialist jonge kind"],
    "engels": ["Tweedegraads lerarenopleiding Engels"],
    "bewegingsonderwijs": ["ALO", "Leergang vakbekwaam bewegingsonderwijs"],
    "ict-digitale-geletterdheid": ["Post-hbo ICT-coördinator"],
    "onderzoek": ["Master Leren en Innoveren"],
    "lesontwerp": ["Master Leren en Innoveren"],
    "coaching": ["Post-hbo coaching", "Master Educational Leadership"],
    **{key: ["Master Educational Leadership"] for key in LEADERSHIP - {"coaching", "feedback"}},
}
PABO = {"vakinhoudelijk", "vakdidactisch", "pedagogisch", "pedagogisch-klimaat", "wereldorientatie", "taal-lezen"}
EXPERIENCE = {
    "jonge-kind": ["Jaren in groep 1/2"],
    "taal-lezen": ["Jaren in groep 3"],
    "begrijpend-lezen": ["Jaren in de bovenbouw"],
    "engels": ["Jaren Engels in de bovenbouw"],
    "hoogbegaafdheid": ["Plusklas begeleid"],
    "ouderbetrokkenheid": ["Lid van de MR"],
}
GENERAL_EXPERIENCE = ["Werkgroep op school", "Vorige school", "Jaren in de praktijk"]
COURSES = ["Cursus via het bestuur", "Tweedaagse training", "Online leergang", "Studiedag"]
VOLUNTEERING = {
    "ouderbetrokkenheid": "Vrijwilligerswerk bij de oudervereniging",
    "duurzaamheid": "Vrijwilligerswerk bij een natuurvereniging",
    "bewegingsonderwijs": "Trainer bij een sportclub",
    "kunstzinnige-orientatie": "Dirigent van een kinderkoor",
    "wetenschap-techniek": "Vrijwilliger bij een techniekclub",
}


def _acquired(key, level, rng):
    """(how, note) for an entry on area ``key`` at ``level``: what a real profile would say."""
    if not level:
        return "", ""
    options = [(Acquired.COURSE, rng.choice(COURSES)), (Acquired.OTHER, "Eigen interesse")]
    if level >= 2:
        options.append((Acquired.EXPERIENCE, rng.choice(EXPERIENCE.get(key, GENERAL_EXPERIENCE))))
    if key in VOLUNTEERING:
        options.append((Acquired.OTHER, VOLUNTEERING[key]))
    if level >= 3 and key in DIPLOMAS:  # nobody with a master is still a beginner in its subject
        options.append((Acquired.DIPLOMA, rng.choice(DIPLOMAS[key])))
    if level >= 2 and key in PABO:
        options.append((Acquired.DIPLOMA, "Pabo"))
    if level == 4:  # an expert learned it by doing or by study, not at one study day
        options = [o for o in options if o[0] in (Acquired.DIPLOMA, Acquired.EXPERIENCE)]
    return rng.choice(options)


# Kept out of the random spread in the first school, so the demo priorities show real gaps.
SCARCE = {"begrijpend-lezen", "duurzaamheid", "21e-eeuwse-vaardigheden", "leerproblemen"}
LEVEL_WEIGHTS = [(1, 20), (2, 40), (3, 28), (4, 12)]


def _level(rng):
    return rng.choices([lv for lv, _ in LEVEL_WEIGHTS], weights=[w for _, w in LEVEL_WEIGHTS])[0]


def _plan(user, rng, keys, first_school):
    if user.email in FIXED:
        return {k: v for k, v in FIXED[user.email].items() if k in keys}
    pool = [k for k in keys if not (first_school and k in SCARCE)]
    plan = {k: (_level(rng), False) for k in rng.sample(pool, rng.randint(4, 9))}
    for k in rng.sample(keys, rng.randint(0, 2)):
        level = plan.get(k, (None, False))[0]
        if first_school and k in SCARCE:
            level = min(level or 1, 2)
        if level != 4:
            plan[k] = (level, True)
    return plan


def _entry(school, year, user, area, level, grow, rng):
    acquired, note = _acquired(area.key, level, rng)
    return ExpertiseEntry(
        school=school,
        school_year=year,
        user=user,
        area=area,
        level=level,
        wants_growth=grow,
        target_level=min((level or 1) + 1 + rng.randint(0, 1), 4) if grow else None,
        acquired=acquired,
        acquired_note=note,
        acquired_year=rng.randint(2005, timezone.localdate().year - 1) if acquired and rng.random() < 0.6 else None,
    )


def seed(demo):
    for index, school in enumerate(demo.schools):
        year, previous = demo.years[school.id], demo.previous_years.get(school.id)
        if Profile.objects.filter(school=school, school_year=year).exists():
            continue
        rng = random.Random(f"expertise-{school.slug}")
        areas = {a.key: a for a in school.expertise_areas.filter(retired_at__isnull=True)}
        keys = sorted(areas)
        entries, profiles = [], []
        staff = demo.staff[school.id]
        more = iter(MORE_QUALITIES)  # each text once per school: no two colleagues write the same words
        for n, user in enumerate(staff):
            plan = _plan(user, rng, keys, first_school=index == 0)
            if index == 0 and n == 3:  # the IB'er: the one person begrijpend lezen rests on
                plan["begrijpend-lezen"] = (4, False)
                plan["leerproblemen"] = (3, False)
            # Last year: a little less, and without some of this year's growth wishes.
            if previous is not None:
                profiles.append(
                    Profile(school=school, school_year=previous, user=user, qualities=QUALITIES.get(user.email, ""))
                )
                for key, (level, grow) in plan.items():
                    if rng.random() < 0.85:
                        old = max(1, level - 1) if level and rng.random() < 0.3 else level
                        entries.append(
                            _entry(school, previous, user, areas[key], old, grow and rng.random() < 0.5, rng)
                        )
            # A few colleagues have not updated their profile this school year yet.
            if user.email not in FIXED and n % 7 == 6:
                continue
            profiles.append(
                Profile(
                    school=school,
                    school_year=year,
                    user=user,
                    qualities=QUALITIES.get(user.email) or ("" if n % 3 == 2 else next(more, "")),
                    ambition=AMBITIONS.get(user.email, ""),
                    visible_to_board=n % 9 != 5,
                )
            )
            entries.extend(
                _entry(school, year, user, areas[key], level, grow, rng) for key, (level, grow) in plan.items()
            )
        Profile.objects.bulk_create(profiles)
        ExpertiseEntry.objects.bulk_create(entries)
        if index == 0:
            _round_and_suggestion(demo, school, year)


def _round_and_suggestion(demo, school, year):
    leader, lid = demo.user("leider@demo.test"), demo.user("lid@demo.test")
    today = timezone.localdate()
    deadline = min(today + timedelta(days=10), year.ends_on)
    if deadline > today and not InventoryRound.objects.filter(school=school).exists():
        InventoryRound.objects.create(
            school=school,
            school_year=year,
            deadline=deadline,
            started_by=leader,
            started_at=timezone.now() - timedelta(days=5),
            message="Dan bespreken we het beeld op de studiedag.",
        )
    engels = school.expertise_areas.filter(key="engels").first()
    if engels and not Suggestion.objects.filter(school=school, user=lid).exists():
        Suggestion.objects.create(
            school=school,
            school_year=year,
            user=lid,
            area=engels,
            level=3,
            suggested_by=leader,
            note="Je Engelse les in groep 6 was echt goed!",
        )
