"""group_page_*: a group with 12 members, 200 cycle entries and meetings, in a database of 500 schools.

The query count must not depend on the number of entries: compare with a group of 10 entries.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from bench.common import compare_with_bare_view, emit, ensure_schools, logged_in_client, member_of, page_stats

STAGES = ["vraag", "weten", "analyse", "voorstel", "uitproberen", "evaluatie"]


def ensure_group(school, name, entries, members=12):
    from gespreid.core.models import Membership
    from gespreid.groups.models import Action, CycleEntry, Group, GroupMember, Meeting

    group = Group.objects.filter(school=school, name=name).first()
    if group is not None:
        return group
    people = [
        m.user
        for m in Membership.objects.filter(school=school).select_related("user").order_by("user__email")[:members]
    ]
    with transaction.atomic():
        group = Group.objects.create(
            school=school, school_year=school.current_year(), name=name, kind="plg", lead=people[0], stage="analyse"
        )
        GroupMember.objects.bulk_create([GroupMember(group=group, user=u) for u in people])
        CycleEntry.objects.bulk_create(
            [
                CycleEntry(
                    group=group,
                    stage=STAGES[i % 3 + 0],
                    author=people[i % len(people)],
                    text=f"Bijdrage {i}: wat we vonden en lazen.",
                    link="https://example.org/artikel" if i % 4 == 0 else "",
                )
                for i in range(entries)
            ]
        )
        for k in range(entries // 20 + 1):
            meeting = Meeting.objects.create(
                group=group,
                held_on=timezone.localdate() - timedelta(days=7 * k),
                notes="Aantekeningen",
                agreements="Afspraken",
            )
            Action.objects.bulk_create(
                [Action(group=group, meeting=meeting, text=f"Actie {k}-{j}", owner=people[j]) for j in range(3)]
            )
    return group


def run():
    school = ensure_schools()
    big = ensure_group(school, "Bench PLG groot", entries=200)
    small = ensure_group(school, "Bench PLG klein", entries=10)
    client = logged_in_client(member_of(school, 5))
    url = reverse("groups:group-detail", args=[school.slug, big.pk])
    url_analysis = url + "?fase=analyse"
    stats = page_stats(client, url)
    emit(
        "group_page_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to="12 members, 200 cycle entries, 500 schools in the database",
    )
    small_stats = page_stats(client, reverse("groups:group-detail", args=[school.slug, small.pk]), n=10)
    emit(
        "group_page_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries for a group with 10 entries",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    page_stats(client, url_analysis, n=10)
    compare_with_bare_view("group_page", url, client)
