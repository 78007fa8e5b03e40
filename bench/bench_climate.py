"""pulse_results_p95_ms: the results page of a trust pulse in a school of 60 with 10 closed rounds.

The page shows the spread per statement, the breakdown by bouw and the trend over all rounds; its query
count must not depend on the number of rounds or answers: a school of 10 with 2 rounds is measured too.
"""

import random
import time
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bench.common import emit, logged_in_client, page_stats


def ensure_school(slug: str, people: int, rounds: int):
    from django.contrib.auth import get_user_model

    from gespreid.climate import pulse
    from gespreid.climate.models import Answer, Kind, Participation, Round
    from gespreid.core.models import Board, Membership, School, SchoolYear, school_year_bounds, school_year_start
    from gespreid.core.registry import set_up_school

    school = School.objects.filter(slug=slug).first()
    if school is not None and school.climate_rounds.count() >= rounds:
        return school
    today = timezone.localdate()
    rng = random.Random(16)
    with transaction.atomic():
        board, _ = Board.objects.get_or_create(slug="bench-klimaat-bestuur", defaults={"name": "Bench klimaat"})
        school = School.objects.create(board=board, name=slug, slug=slug, brin=f"{people:02d}KL", town="Utrecht")
        set_up_school(school)  # the default statements, as for every new school
        start, end = school_year_bounds(school_year_start(today))
        SchoolYear.objects.create(school=school, starts_on=start, ends_on=end)
        users = get_user_model().objects.bulk_create(
            [get_user_model()(email=f"p{j}@{slug}.test", name=f"Collega {j}", password="!") for j in range(people)]
        )
        bouws = ["onderbouw", "middenbouw", "bovenbouw"]
        Membership.objects.bulk_create(
            [Membership(user=u, school=school, is_leader=(j == 0), bouw=bouws[j % 3]) for j, u in enumerate(users)]
        )
        leader = users[0]
        statements = school.climate_statements.filter(kind=Kind.PULSE)
        for i in range(rounds):
            r = pulse.create_round(
                leader,
                school,
                kind=Kind.PULSE,
                title=f"Puls {i}",
                opens_on=today,
                closes_on=today,
                statements=statements,
            )
            takers = users[: max(5, people - rng.randrange(0, 10))]
            Participation.objects.bulk_create([Participation(round=r, user=u) for u in takers])
            answers = [
                Answer(
                    round=r,
                    statement=s,
                    score=rng.randint(2, 5),
                    remark="Opmerking" if rng.random() < 0.1 else "",
                    bouw=bouws[j % 3],
                )
                for j, _u in enumerate(takers)
                for s in r.statements.all()
            ]
            rng.shuffle(answers)
            Answer.objects.bulk_create(answers)
            pulse.close_round(leader, r)
            Round.objects.filter(pk=r.pk).update(
                opens_on=today - timedelta(days=30 * (rounds - i)),
                closes_on=today - timedelta(days=30 * (rounds - i) - 14),
            )
    return school


def interleaved_ratio(client, path: str, floor: str = "/_bench/bare-logged-in/", n: int = 60) -> tuple[float, float]:
    """Median ms of ``path`` and of the logged-in floor, requested in turn, so machine load hits both alike."""
    page, base = [], []
    for _ in range(n):
        for url, out in ((path, page), (floor, base)):
            t0 = time.perf_counter()
            client.get(url)
            out.append((time.perf_counter() - t0) * 1000)
    page.sort()
    base.sort()
    return page[n // 2], base[n // 2]


def run():
    big = ensure_school("bench-klimaat-60", 60, 10)
    small = ensure_school("bench-klimaat-10", 10, 2)
    results = []
    for school, n in ((big, 100), (small, 20)):
        leader = school.memberships.get(is_leader=True).user
        client = logged_in_client(leader)
        latest = school.climate_rounds.order_by("-opens_on").first()
        results.append(page_stats(client, reverse("climate:round-detail", args=[school.slug, latest.pk]), n=n))
        results.append(page_stats(client, reverse("climate:overview", args=[school.slug]), n=n))
    detail, overview, small_detail, small_overview = results
    emit(
        "pulse_results_p95_ms",
        detail["p95_ms"],
        "ms",
        compared_to="results page of the latest of 10 closed rounds, school of 60 (spread, breakdown by bouw, trend)",
    )
    emit(
        "pulse_results_queries",
        detail["queries"],
        "queries",
        compared_to=f"{small_detail['queries']} queries for a school of 10 with 2 rounds",
        ratio=round(detail["queries"] / small_detail["queries"], 3),
    )
    emit(
        "pulse_overview_p95_ms",
        overview["p95_ms"],
        "ms",
        compared_to="climate overview with trend of 10 rounds, school of 60",
    )
    emit(
        "pulse_overview_queries",
        overview["queries"],
        "queries",
        compared_to=f"{small_overview['queries']} queries for a school of 10 with 2 rounds",
        ratio=round(overview["queries"] / small_overview["queries"], 3),
    )
    leader = big.memberships.get(is_leader=True).user
    client = logged_in_client(leader)
    latest = big.climate_rounds.order_by("-opens_on").first()
    page_ms, floor_ms = interleaved_ratio(client, reverse("climate:round-detail", args=[big.slug, latest.pk]))
    path = reverse("climate:round-detail", args=[big.slug, latest.pk])
    t0 = time.process_time()
    for _ in range(30):
        client.get(path)
    emit(
        "pulse_results_cpu_ms",
        round((time.process_time() - t0) * 1000 / 30, 1),
        "ms",
        compared_to="CPU time of one request in this process (less sensitive to the load of a shared machine)",
    )
    emit(
        "pulse_results_vs_logged_in_floor",
        round(page_ms / floor_ms, 1),
        "ratio",
        compared_to=f"median {page_ms:.1f} ms vs {floor_ms:.1f} ms for the empty logged-in view, same client, interleaved",
        ratio=round(page_ms / floor_ms, 1),
    )
