"""The default Dutch expertise taxonomy (domain -> areas). Every school gets its own copy.

Keys are stable: cross-school search and the other apps' demo data refer to areas by key.
"""

from django.db import transaction

from .models import Area, Domain

DEFAULT_TAXONOMY: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "bekwaamheid",
        "Bekwaamheidsdomeinen",
        [
            ("vakinhoudelijk", "Vakinhoudelijk bekwaam"),
            ("vakdidactisch", "Vakdidactisch bekwaam"),
            ("pedagogisch", "Pedagogisch bekwaam"),
        ],
    ),
    (
        "vakken",
        "Vakken",
        [
            ("taal-lezen", "Taal en lezen"),
            ("begrijpend-lezen", "Begrijpend lezen"),
            ("rekenen-wiskunde", "Rekenen en wiskunde"),
            ("wereldorientatie", "Wereldoriëntatie"),
            ("wetenschap-techniek", "Wetenschap en techniek"),
            ("bewegingsonderwijs", "Bewegingsonderwijs"),
            ("kunstzinnige-orientatie", "Kunstzinnige oriëntatie"),
            ("engels", "Engels"),
        ],
    ),
    (
        "vakoverstijgend",
        "Vakoverstijgende expertise",
        [
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
        ],
    ),
    (
        "leiderschap",
        "Leiderschap",
        [
            ("organisatie", "Organiseren"),
            ("coaching", "Coachen"),
            ("visie", "Visie ontwikkelen"),
            ("teambuilding", "Teambuilding"),
            ("veranderkunde", "Veranderkunde"),
            ("communicatie", "Communicatie"),
            ("feedback", "Feedback geven"),
        ],
    ),
]


@transaction.atomic
def install_default_taxonomy(school) -> None:
    """Give a school the default domains and areas it does not have yet (by key). Idempotent."""
    for d_order, (d_key, d_name, areas) in enumerate(DEFAULT_TAXONOMY):
        domain, _ = Domain.objects.get_or_create(school=school, key=d_key, defaults={"name": d_name, "order": d_order})
        existing = set(school.expertise_areas.filter(domain=domain).values_list("key", flat=True))
        Area.objects.bulk_create(
            [
                Area(school=school, domain=domain, key=key, name=name, order=i)
                for i, (key, name) in enumerate(areas)
                if key not in existing
            ]
        )


def _unique_key(school, model, base: str, max_length: int) -> str:
    from django.utils.text import slugify

    base = (slugify(base) or "vak")[: max_length - 4]
    key, n = base, 2
    while model.objects.filter(school=school, key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def add_domain(actor, school, name: str) -> Domain:
    from gespreid.core import audit

    order = (school.expertise_domains.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    domain = Domain.objects.create(school=school, key=_unique_key(school, Domain, name, 60), name=name, order=order)
    audit.record(actor, "expertise.domain_add", school=school, target=domain, summary=name)
    return domain


@transaction.atomic
def add_area(actor, school, domain, name: str) -> Area:
    from gespreid.core import audit

    order = (domain.areas.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    area = Area.objects.create(
        school=school, domain=domain, key=_unique_key(school, Area, name, 80), name=name, order=order
    )
    audit.record(actor, "expertise.area_add", school=school, target=area, summary=name)
    return area


@transaction.atomic
def rename_area(actor, area, name: str) -> Area:
    """A new name only: the key (and so everyone's entries and cross-school search) stays the same."""
    from gespreid.core import audit

    old = area.name
    area.name = name
    area.save(update_fields=["name"])
    audit.record(actor, "expertise.area_rename", school=area.school, target=area, summary=f"{old} -> {name}")
    return area


@transaction.atomic
def retire_area(actor, area) -> Area:
    """Hide an area from new entries; everyone's entries stay readable in earlier years."""
    from django.utils import timezone

    from gespreid.core import audit

    area.retired_at = timezone.now()
    area.save(update_fields=["retired_at"])
    audit.record(actor, "expertise.area_retire", school=area.school, target=area, summary=area.name)
    return area


@transaction.atomic
def restore_area(actor, area) -> Area:
    from gespreid.core import audit

    area.retired_at = None
    area.save(update_fields=["retired_at"])
    audit.record(actor, "expertise.area_restore", school=area.school, target=area, summary=area.name)
    return area
