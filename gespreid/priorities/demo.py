"""Demo data: four priorities for the first school (with some gaps), one for the second.

The groups demo attaches its groups to these with ``school.priorities.order_by("id")``: keep the order.
Idempotent: a school that already has priorities is left alone.
"""

from .models import Priority, Requirement

FIRST_SCHOOL = [
    (
        "Begrijpend lezen versterken",
        "Alle groepen werken met dezelfde aanpak voor begrijpend lezen; de resultaten stijgen twee jaar op rij.",
        "lid@demo.test",
        True,
        [("begrijpend-lezen", 3, 2), ("taal-lezen", 3, 1), ("leerproblemen", 3, 1)],
    ),
    (
        "Eigenaarschap bij leerlingen",
        "Leerlingen stellen eigen doelen en kijken daar samen met de leerkracht op terug.",
        "tl@demo.test",
        False,
        [("pedagogisch-klimaat", 3, 2), ("coaching", 3, 2), ("21e-eeuwse-vaardigheden", 3, 1)],
    ),
    (
        "Duurzaamheid in het curriculum",
        "Duurzaamheid heeft een vaste plek in wereldoriëntatie en techniek, in alle bouwen.",
        "leider@demo.test",
        False,
        [("duurzaamheid", 3, 2), ("wetenschap-techniek", 3, 1), ("wereldorientatie", 2, 2)],
    ),
    (  # last, so the groups demo keeps its order; the rekencoordinator's role and the automatiseren decision belong here
        "Basisvaardigheden rekenen",
        "De tafels en bewerkingen zitten er bij meer kinderen in groep 5 tot en met 8 voldoende in.",
        "tl@demo.test",
        False,
        [("rekenen-wiskunde", 3, 1)],
    ),
]
SECOND_SCHOOL = [
    (
        "Rekenen op maat",
        "Elke leerling krijgt rekeninstructie op zijn eigen niveau.",
        "anders@demo.test",
        False,
        [("rekenen-wiskunde", 3, 2), ("hoogbegaafdheid", 2, 1)],
    ),
]


def seed(demo):
    for school, specs in ((demo.schools[0], FIRST_SCHOOL), (demo.schools[1], SECOND_SCHOOL)):
        if school.priorities.exists():
            continue
        year, previous = demo.years[school.id], demo.previous_years.get(school.id)
        areas = {a.key: a for a in school.expertise_areas.all()}
        for title, result, owner, from_last_year, needs in specs:
            priority = Priority.objects.create(
                school=school,
                title=title,
                intended_result=result,
                owner=demo.accounts.get(owner),
                first_year=previous if from_last_year and previous else year,
                last_year=None,
            )
            Requirement.objects.bulk_create(
                [
                    Requirement(priority=priority, area=areas[key], min_level=level, people_needed=n)
                    for key, level, n in needs
                    if key in areas
                ]
            )
