"""matrix_* and board_search_*: the expertise matrix of a 40-person school with 60 areas, and
"Wie weet iets van …?" across a board of 40 schools, in a database of 500 schools.

Expertise entries are generated here (bulk, idempotent) for the benchmark board if missing.
"""

import random

from django.db import transaction
from django.urls import reverse

from bench.common import compare_with_bare_view, emit, ensure_schools, logged_in_client, member_of, page_stats

AREAS = 60
ENTRIES_PER_PERSON = 12


def run():
    school = ensure_schools()
    board_schools = list(school.board.schools.order_by("slug"))
    people, entries = ensure_expertise(board_schools, main=school)
    client = logged_in_client(member_of(school))
    url = reverse("expertise:matrix", args=[school.slug])
    stats = page_stats(client, url)
    areas = school.expertise_areas.filter(retired_at__isnull=True).count()
    emit(
        "matrix_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to=f"40 people x {areas} areas, 500 schools in the database; target 150 ms",
        ratio=round(stats["p95_ms"] / 150, 3),
    )
    small = ensure_small_school(school)
    small_stats = page_stats(logged_in_client(member_of(small)), reverse("expertise:matrix", args=[small.slug]), n=10)
    emit(
        "matrix_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries for a 10-person school with the same areas",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    search_url = reverse("expertise:search", args=[school.slug]) + "?q=rekenen&bestuur=1"
    search_stats = page_stats(client, search_url)
    emit(
        "board_search_p95_ms",
        search_stats["p95_ms"],
        "ms",
        compared_to=f"board of {len(board_schools)} schools, {people} people, {entries} entries; target 50 ms",
        ratio=round(search_stats["p95_ms"] / 50, 3),
    )
    compare_with_bare_view("matrix", url, client)


def _ensure_areas(school, total=AREAS):
    from gespreid.expertise.models import Area, Domain

    missing = total - school.expertise_areas.count()
    if missing > 0:
        domain, _ = Domain.objects.get_or_create(
            school=school, key="bench-extra", defaults={"name": "Extra (bench)", "order": 9}
        )
        Area.objects.bulk_create(
            [
                Area(school=school, domain=domain, key=f"bench-extra-{i:02d}", name=f"Extra vakgebied {i:02d}", order=i)
                for i in range(missing)
            ]
        )


def _fill(school, rng, per_person):
    """Profiles and entries for everyone in ``school`` this year, unless the school has some already."""
    from gespreid.expertise.models import ExpertiseEntry, Profile

    year = school.current_year()
    if year is None or ExpertiseEntry.objects.filter(school=school).exists():
        return
    areas = list(school.expertise_areas.filter(retired_at__isnull=True))
    users = list(school.memberships.values_list("user_id", flat=True))
    Profile.objects.bulk_create(
        [Profile(school=school, school_year=year, user_id=u, visible_to_board=rng.random() > 0.1) for u in users],
        ignore_conflicts=True,  # another benchmark may have given people a profile already
    )
    rows = []
    for u in users:
        for area in rng.sample(areas, min(per_person, len(areas))):
            grow = rng.random() < 0.15
            rows.append(
                ExpertiseEntry(
                    school=school,
                    school_year=year,
                    user_id=u,
                    area=area,
                    level=rng.choice([1, 2, 2, 3, 3, 4]),
                    wants_growth=grow,
                    target_level=4 if grow else None,
                )
            )
    ExpertiseEntry.objects.bulk_create(rows, batch_size=2000)


def ensure_expertise(board_schools, main):
    from gespreid.core.models import Membership
    from gespreid.expertise.models import ExpertiseEntry

    rng = random.Random(3)
    with transaction.atomic():
        _ensure_areas(main)
        for school in board_schools:
            _fill(school, rng, 24 if school == main else ENTRIES_PER_PERSON)
    ids = [s.id for s in board_schools]
    return Membership.objects.filter(school_id__in=ids).count(), ExpertiseEntry.objects.filter(
        school_id__in=ids
    ).count()


def ensure_small_school(big):
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from gespreid.core.models import Board, Membership, School, SchoolYear
    from gespreid.core.registry import set_up_school

    small = School.objects.filter(slug="bench-expertise-small").first()
    if small is None:
        with transaction.atomic():
            board, _ = Board.objects.get_or_create(slug="bench-board-small", defaults={"name": "Klein bestuur"})
            small = School.objects.create(
                board=board, name="Kleine expertiseschool", slug="bench-expertise-small", brin="98ZY", town="Zeist"
            )
            set_up_school(small)
            year = big.current_year()
            SchoolYear.objects.create(school=small, starts_on=year.starts_on, ends_on=year.ends_on)
            User = get_user_model()
            users = User.objects.bulk_create(
                [User(email=f"p{j}@bench-expertise-small.test", name=f"Klein {j}", password="!") for j in range(10)]
            )
            Membership.objects.bulk_create(
                [Membership(user=u, school=small, fte=Decimal("1"), is_leader=j == 0) for j, u in enumerate(users)]
            )
            _ensure_areas(small)
            _fill(small, random.Random(4), 24)
    return small
