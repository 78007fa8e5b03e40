"""network_*: the team picture of a school of 60 (measures + layout + drawing, cold) and the board's
network of 1,000 people with 8,000 ties (cold), plus the size of the drawing.

Builds its own data (a board "bench-network" with one school of 60 and 25 schools of 40), so it
does not need the 500-school database of the other benchmarks. Ties are seeded random, with a bias
to the same bouw; 10 % of the board's ties go to a colleague of another school.
"""

import random
import statistics
import time
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from bench.common import emit, logged_in_client, page_stats

QUESTIONS = ["advies", "hulp", "feedback", "ideeen", "steun"]
BOUWEN = ["onderbouw", "middenbouw", "bovenbouw"]


def _school(board, slug, people, start, end):
    from django.contrib.auth import get_user_model

    from gespreid.core.models import Membership, School, SchoolYear

    school = School.objects.filter(slug=slug).first()
    if school is not None:
        return school
    n = School.objects.count()
    school = School.objects.create(
        board=board, name=slug, slug=slug, brin=f"{n % 100:02d}Z{chr(65 + n // 100 % 26)}{n % 97:02d}", town="Utrecht"
    )
    SchoolYear.objects.create(school=school, starts_on=start, ends_on=end)
    users = get_user_model().objects.bulk_create(
        [get_user_model()(email=f"p{j}@{slug}.test", name=f"Persoon {j} {slug}", password="!") for j in range(people)]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, school=school, fte=Decimal("1.0"), is_leader=(j == 0), bouw=BOUWEN[j % 3] if j else "")
            for j, u in enumerate(users)
        ]
    )
    return school


def _closed_round(school, ties_per_person, rng, others=()):
    from gespreid.network.models import Response, Round, Tie

    existing = school.network_rounds.first()
    if existing is not None:
        return existing
    people = [m.user_id for m in school.memberships.order_by("id")]
    round_obj = Round.objects.create(
        school=school,
        school_year=school.current_year(),
        title="Bench",
        explanation="Bench",
        questions=QUESTIONS,
        across_board=bool(others),
        opened_at=timezone.now() - timedelta(days=30),
        closed_at=timezone.now() - timedelta(days=1),
    )
    Response.objects.bulk_create([Response(round=round_obj, user_id=u, may_be_named=(u % 2 == 0)) for u in people])
    ties = set()
    for source in people:
        while len([t for t in ties if t[0] == source]) < ties_per_person:
            pool = others if others and rng.random() < 0.1 else people
            target = rng.choice(pool)
            if target != source:
                ties.add((source, target, rng.choice(QUESTIONS)))
    Tie.objects.bulk_create(
        [Tie(round=round_obj, source_id=s, target_id=t, question=q, frequency=rng.randint(1, 4)) for s, t, q in ties]
    )
    return round_obj


def ensure_data():
    from gespreid.core.models import Board, school_year_bounds, school_year_start

    start, end = school_year_bounds(school_year_start(timezone.localdate()))
    rng = random.Random(60)
    with transaction.atomic():
        board, _ = Board.objects.get_or_create(slug="bench-network", defaults={"name": "Bench netwerk"})
        school = _school(board, "bench-net-60", 60, start, end)
        school_round = _closed_round(school, 6, rng)
        big_board, _ = Board.objects.get_or_create(slug="bench-network-1000", defaults={"name": "Bench netwerk 1000"})
        schools = [_school(big_board, f"bench-net-b{i:02d}", 40, start, end) for i in range(25)]
        everyone = [m.user_id for s in schools for m in s.memberships.all()]
        for s in schools:
            _closed_round(s, 8, rng, others=everyone)  # 40 x 8 = 320 ties per school, 8,000 on the board
    return school, school_round, big_board, start.year


def _cold(func, n):
    from django.core.cache import cache

    times = []
    for _ in range(n):
        cache.clear()
        t0 = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 1), result


def run():
    from gespreid.network import board, rounds
    from gespreid.network.models import Tie

    school, school_round, big_board, start = ensure_data()

    def school_picture():
        data = rounds.load(school_round)
        rounds.picture(data)
        return rounds.svg(school_round, data)

    ms, svg = _cold(school_picture, 7)
    ties = school_round.ties.count()
    emit(
        "network_school_ms",
        ms,
        "ms",
        compared_to=f"60 people, {ties} ties: load + measures + layout + SVG, cold cache (median of 7)",
    )
    emit("network_svg_bytes", len(svg.encode()), "bytes", compared_to="the drawing of 60 people, all questions")
    board_ties = Tie.objects.filter(round__school__board=big_board).count()
    ms, (picture, _chosen) = _cold(lambda: board.picture(big_board, start), 3)
    emit(
        "network_board_ms",
        ms,
        "ms",
        compared_to=f"{picture.people} people, {board_ties} ties, 25 schools: load + measures, cold (median of 3)",
        ratio=round(ms / 2700, 3),
    )
    leader = school.memberships.get(is_leader=True).user
    client = logged_in_client(leader)
    stats = page_stats(client, f"/{school.slug}/netwerk/rondes/{school_round.pk}/", n=30)
    team = page_stats(client, f"/{school.slug}/team/", n=30)
    emit(
        "network_results_page_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to=f"the team page of the same 60 people: {team['p95_ms']} ms (warm picture and drawing, {stats['queries']} queries)",
        ratio=round(stats["p95_ms"] / team["p95_ms"], 2) if team["p95_ms"] else None,
    )
