"""The default Dutch expertise taxonomy (domain -> areas). Every school gets its own copy.

Keys are stable: cross-school search and the other apps' demo data refer to areas by key.
"""

from django.db import transaction

from .models import Area, Domain

DEFAULT_TAXONOMY: list[tuple[str, str, list[tuple[str, str]]]] = [
    ("bekwaamheid", "Bekwaamheidsdomeinen", [
        ("vakinhoudelijk", "Vakinhoudelijk bekwaam"),
        ("vakdidactisch", "Vakdidactisch bekwaam"),
        ("pedagogisch", "Pedagogisch bekwaam"),
    ]),
    ("vakken", "Vakken", [
        ("taal-lezen", "Taal en lezen"),
        ("begrijpend-lezen", "Begrijpend lezen"),
        ("rekenen-wiskunde", "Rekenen en wiskunde"),
        ("wereldorientatie", "Wereldoriëntatie"),
        ("wetenschap-techniek", "Wetenschap en techniek"),
        ("bewegingsonderwijs", "Bewegingsonderwijs"),
        ("kunstzinnige-orientatie", "Kunstzinnige oriëntatie"),
        ("engels", "Engels"),
    ]),
    ("vakoverstijgend", "Vakoverstijgende expertise", [
        ("leerproblemen", "Leerproblemen (o.a. dyslexie, dyscalculie)"),
        ("gedragsproblemen", "Gedragsproblemen"),
        ("hoogbegaafdheid", "Meer- en hoogbegaafdheid"),
        ("ict-digitale-geletterdheid", "ICT en digitale geletterdheid"),
        ("duurzaamheid", "Duurzaamheid"),
        ("pedagogisch-klimaat", "Pedagogisch klimaat"),
        ("21e-eeuwse-vaardigheden", "21e-eeuwse vaardigheden"),
        ("onderzoek", "Praktijkgericht onderzoek"),
        ("lesontwerp", "Lesontwerp"),
        ("ouderbetrokkenheid", "Ouderbetrokkenheid"),
        ("jonge-kind", "Onderwijs aan het jonge kind"),
    ]),
    ("leiderschap", "Leiderschap", [
        ("organisatie", "Organiseren"),
        ("coaching", "Coachen"),
        ("visie", "Visie ontwikkelen"),
        ("teambuilding", "Teambuilding"),
        ("veranderkunde", "Veranderkunde"),
        ("communicatie", "Communicatie"),
        ("feedback", "Feedback geven"),
    ]),
]


@transaction.atomic
def install_default_taxonomy(school) -> None:
    """Give a school the default domains and areas it does not have yet (by key). Idempotent."""
    for d_order, (d_key, d_name, areas) in enumerate(DEFAULT_TAXONOMY):
        domain, _ = Domain.objects.get_or_create(school=school, key=d_key, defaults={"name": d_name, "order": d_order})
        existing = set(school.expertise_areas.filter(domain=domain).values_list("key", flat=True))
        Area.objects.bulk_create(
            [Area(school=school, domain=domain, key=key, name=name, order=i) for i, (key, name) in enumerate(areas) if key not in existing]
        )
