"""team_page_*: the team page of a 40-person school in a database of 500 schools."""

from django.urls import reverse

from bench.common import (
    compare_with_bare_view,
    compare_with_logged_in_view,
    emit,
    ensure_schools,
    logged_in_client,
    member_of,
    page_stats,
)


def run():
    school = ensure_schools()
    client = logged_in_client(member_of(school))
    url = reverse("core:team", args=[school.slug])
    stats = page_stats(client, url)
    emit("team_page_p95_ms", stats["p95_ms"], "ms", compared_to="40 people, 500 schools in the database")
    # The query count must not depend on team size: measure a school with 10 people too.
    small = ensure_small_school()
    small_stats = page_stats(logged_in_client(member_of(small)), reverse("core:team", args=[small.slug]), n=10)
    emit(
        "team_page_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries for a 10-person school",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    compare_with_bare_view("team_page", url, client)
    compare_with_logged_in_view("team_page", url, client)
    run_import()


def ensure_small_school():
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from gespreid.core.models import Membership, School

    school = School.objects.get(slug="bench-0001")
    extra = Membership.objects.filter(school=school).count() - 10
    if extra > 0:
        small, created = School.objects.get_or_create(
            slug="bench-small",
            defaults={"board": school.board, "name": "Kleine benchschool", "brin": "96ZT", "town": "Zeist"},
        )
        if created:
            User = get_user_model()
            users = User.objects.bulk_create(
                [User(email=f"p{j}@bench-small.test", name=f"Klein {j}", password="!") for j in range(10)]
            )
            Membership.objects.bulk_create([Membership(user=u, school=small, fte=Decimal("1")) for u in users])
        return small
    return school


def run_import():
    """team_import_*: checking a 10,000-row file (refused by the cap), and a 1,000-row file checked and confirmed."""
    import time

    from django.contrib.auth import get_user_model

    from gespreid.accounts.models import Invitation, TeamImport
    from gespreid.accounts.team_import import (
        MAX_ROWS,
        ImportError_,
        check_rows,
        confirm_import,
        prepare_import,
        read_rows,
    )
    from gespreid.core.models import Membership, School

    school = ensure_schools()
    User = get_user_model()
    target, _ = School.objects.get_or_create(
        slug="bench-import", defaults={"board": school.board, "name": "Importschool", "brin": "95ZI", "town": "Ede"}
    )
    # The import school's own leader: the page mix's school leader stays in one school.
    leader, _ = User.objects.get_or_create(email="leider@importschool.test", defaults={"name": "Leider Importschool"})
    Membership.objects.get_or_create(user=leader, school=target, defaults={"is_leader": True})
    User.objects.filter(email__endswith="@bench-import.test").delete()
    Invitation.objects.filter(school=target).delete()
    TeamImport.objects.filter(school=target).delete()

    def csv_of(n):
        return (
            "naam;e-mail;functie;fte\n"
            + "".join(f"Persoon {i};p{i}@bench-import.test;leerkracht;0,8\n" for i in range(n))
        ).encode()

    big = csv_of(10_000)
    t0 = time.perf_counter()
    try:
        check_rows(target, read_rows("groot.csv", big))
    except ImportError_:
        pass
    emit(
        "team_import_10000_rows_refused_ms",
        round((time.perf_counter() - t0) * 1000, 1),
        "ms",
        compared_to=f"cap {MAX_ROWS} rows; the upload answers with a Dutch message",
    )
    t0 = time.perf_counter()
    prepared = prepare_import(leader, target, "cap.csv", csv_of(MAX_ROWS))
    emit(
        "team_import_1000_rows_check_ms",
        round((time.perf_counter() - t0) * 1000, 1),
        "ms",
        compared_to="preview stored server-side",
    )
    t0 = time.perf_counter()
    confirm_import(leader, prepared)
    emit(
        "team_import_1000_rows_confirm_ms",
        round((time.perf_counter() - t0) * 1000, 1),
        "ms",
        compared_to="1,000 invitations in one transaction (nobody joins before accepting)",
    )
