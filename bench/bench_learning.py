"""learning_inbox_*: the "Leren van elkaar" inbox of someone with 50 requests and 30 lesson visits (500 schools in the database).

The query count must not depend on the number of rows: the inbox of someone with 5 requests and 3 visits is measured too.
"""

from datetime import timedelta

from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from bench.common import emit, ensure_schools, logged_in_client, member_of, page_stats


def ensure_inbox(school, person, colleagues, requests: int, visits_n: int):
    from gespreid.learning import advice, visits
    from gespreid.learning.models import AdviceRequest, Visit

    have = (
        AdviceRequest.objects.filter(school=school, recipient=person).count()
        + AdviceRequest.objects.filter(school=school, asker=person).count()
    )
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for i in range(have, requests):
            other = colleagues[i % len(colleagues)]
            asker, recipient = (person, other) if i % 2 else (other, person)
            req = advice.create_request(
                asker, school, recipient, school, kind="advies", question=f"Bench-vraag {i}: hoe pak ik dit aan?"
            )
            if i % 3 == 0:
                advice.answer(req, recipient, accept=True, word="Graag")
        have_v = (
            Visit.objects.filter(school=school, owner=person).count()
            + Visit.objects.filter(school=school, visitor=person).count()
        )
        start = timezone.now() + timedelta(days=30)
        for i in range(have_v, visits_n):
            other = colleagues[i % len(colleagues)]
            owner, visitor = (person, other) if i % 2 else (other, person)
            v = visits.create_visit(
                owner,
                school,
                visitor,
                focus=f"Bench-focus {i}",
                moments=[
                    {"starts_at": start + timedelta(days=i), "minutes": 45, "class_group": 1 + i % 8, "subject": "Taal"}
                ],
                look_fors=[("Leerlingen krijgen denktijd.", None)],
            )
            if i % 2 == 0:
                visits.accept(v, visitor, v.moments.first())


def run():
    school = ensure_schools()
    big, small = member_of(school, 1), member_of(school, 2)
    colleagues = [member_of(school, i) for i in range(3, 13)]
    ensure_inbox(school, big, colleagues, 50, 30)
    ensure_inbox(school, small, colleagues, 5, 3)
    url = reverse("learning:home", args=[school.slug])
    stats = page_stats(logged_in_client(big), url)
    emit(
        "learning_inbox_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to="inbox with 50 requests and 30 lesson visits, 500 schools in the database",
    )
    small_stats = page_stats(logged_in_client(small), url, n=10)
    emit(
        "learning_inbox_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries with 5 requests and 3 visits",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
