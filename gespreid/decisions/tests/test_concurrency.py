"""Parallel requests on PostgreSQL: responses and a close at the same moment lose nothing.

Each thread has its own database connection (Django connections are per thread). Skipped on SQLite;
run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/gespreid_issue6.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gespreid.decisions import consent
from gespreid.decisions.models import Objection, Outcome, Response

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


def _run_parallel(jobs):
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(i, job):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 — the test inspects it
            results[i] = exc
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


@pytest.fixture
def big_round(transactional_db, school, teacher_leader, make_member):
    people = [make_member(school) for _ in range(16)]
    proposal = consent.create_proposal(school, teacher_leader, title="Parallel", problem="p", body="b")
    round_ = consent.open_round(
        proposal, teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=1)
    )
    return proposal, round_, people


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_parallel_responses_are_all_stored(big_round, school):
    proposal, round_, people = big_round
    url = reverse("decisions:round-respond", args=[school.slug, proposal.pk, round_.pk])
    clients = [_client(p) for p in people]
    kinds = ["instemming", "zorg", "bezwaar", "instemming"]
    jobs = [
        (lambda c=c, k=kinds[i % 4]: c.post(url, {"kind": k, "text": "reden", "name_visible": "1"}).status_code)
        for i, c in enumerate(clients)
    ]
    results = _run_parallel(jobs)
    assert results == [302] * len(people)
    assert Response.objects.filter(round=round_).count() == len(people)
    assert Objection.objects.filter(round=round_).count() == len(people) // 4


def test_same_person_twice_at_once_gives_one_response(big_round, school):
    proposal, round_, people = big_round
    url = reverse("decisions:round-respond", args=[school.slug, proposal.pk, round_.pk])
    c1, c2 = _client(people[0]), _client(people[0])
    results = _run_parallel(
        [
            lambda: c1.post(url, {"kind": "bezwaar", "text": "eerste", "name_visible": "1"}).status_code,
            lambda: c2.post(url, {"kind": "bezwaar", "text": "tweede", "name_visible": "1"}).status_code,
        ]
    )
    assert results == [302, 302]
    assert Response.objects.filter(round=round_, user=people[0]).count() == 1
    assert Objection.objects.filter(round=round_, raised_by=people[0]).count() == 1


def test_responses_and_close_at_the_same_moment_lose_nothing(big_round, school, teacher_leader):
    proposal, round_, people = big_round
    url = reverse("decisions:round-respond", args=[school.slug, proposal.pk, round_.pk])
    clients = [_client(p) for p in people]
    jobs = [(lambda c=c: c.post(url, {"kind": "zorg", "text": "let op", "name_visible": "1"})) for c in clients]
    jobs.insert(len(jobs) // 2, lambda: consent.close_round(round_.pk, teacher_leader, adopt=True))
    results = _run_parallel(jobs)
    outcome = [r for r in results if isinstance(r, Outcome)]
    assert len(outcome) == 1, results
    responses = [r for r in results if not isinstance(r, Outcome)]
    accepted = sum(1 for r in responses if r.status_code == 302)
    refused = [r for r in responses if r.status_code == 400]
    assert accepted + len(refused) == len(people)  # every request got a clear answer, no 500
    assert all("Deze ronde is gesloten" in r.content.decode() for r in refused)
    round_.refresh_from_db()
    stored = Response.objects.filter(round=round_)
    assert stored.count() == accepted  # every accepted response is stored ...
    assert not stored.filter(updated_at__gt=round_.closed_at).exists()  # ... and none slipped in after the close
    assert outcome[0].changes.count("Zorg genoteerd") == accepted  # ... and the outcome counted every one


def test_job_and_hand_close_at_the_same_moment_make_one_outcome(big_round, teacher_leader):
    proposal, round_, people = big_round
    from gespreid.decisions.models import Round

    Round.objects.filter(pk=round_.pk).update(closes_at=timezone.now() + timedelta(seconds=1))
    later = timezone.now() + timedelta(seconds=5)

    def by_hand():
        try:
            return consent.close_round(round_.pk, teacher_leader)
        except consent.DecisionError as exc:
            return exc

    results = _run_parallel(
        [lambda: consent.close_due_rounds(now=later), by_hand, lambda: consent.close_due_rounds(now=later)]
    )
    assert Outcome.objects.filter(round=round_).count() == 1
    assert not any(isinstance(r, Exception) and not isinstance(r, consent.DecisionError) for r in results), results
