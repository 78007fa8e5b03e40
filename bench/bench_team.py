"""team_page_*: the team page of a 40-person school in a database of 500 schools."""

from django.urls import reverse

from bench.common import compare_with_bare_view, compare_with_logged_in_view, emit, ensure_schools, logged_in_client, member_of, page_stats


def run():
    school = ensure_schools()
    client = logged_in_client(member_of(school))
    url = reverse("core:team", args=[school.slug])
    stats = page_stats(client, url)
    emit("team_page_p95_ms", stats["p95_ms"], "ms", compared_to="40 people, 500 schools in the database")
    # The query count must not depend on team size: measure a school with 10 people too.
    small = ensure_small_school()
    small_stats = page_stats(logged_in_client(member_of(small)), reverse("core:team", args=[small.slug]), n=10)
    emit("team_page_queries", stats["queries"], "queries", compared_to=f"{small_stats['queries']} queries for a 10-person school",
         ratio=round(stats["queries"] / small_stats["queries"], 3))
    compare_with_bare_view("team_page", url, client)
    compare_with_logged_in_view("team_page", url, client)


def ensure_small_school():
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from gespreid.core.models import Membership, School

    school = School.objects.get(slug="bench-0001")
    extra = Membership.objects.filter(school=school).count() - 10
    if extra > 0:
        small, created = School.objects.get_or_create(
            slug="bench-small", defaults={"board": school.board, "name": "Kleine benchschool", "brin": "99ZZ", "town": "Zeist"}
        )
        if created:
            User = get_user_model()
            users = User.objects.bulk_create([User(email=f"p{j}@bench-small.test", name=f"Klein {j}", password="!") for j in range(10)])
            Membership.objects.bulk_create([Membership(user=u, school=small, fte=Decimal("1")) for u in users])
        return small
    return school
