"""proposal_page_*: a proposal page with a consent round of 40 responses and 10 objections (500 schools in the database).

The query count must not depend on the number of responses: the same page with 5 responses is measured too.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bench.common import compare_with_bare_view, emit, ensure_schools, logged_in_client, member_of, page_stats


def ensure_round(school, responses: int, objections: int):
    from gespreid.core.models import Membership
    from gespreid.decisions import consent
    from gespreid.decisions.models import Invitation, Objection, Proposal

    title = f"Bench: {responses} reacties, {objections} bezwaren"
    existing = Proposal.objects.filter(school=school, title=title).first()
    if existing is not None:
        return existing
    people = [m.user for m in Membership.objects.filter(school=school).select_related("user").order_by("user__email")]
    author = people[0]
    proposal = consent.create_proposal(
        school,
        author,
        title=title,
        problem="Hoe houden we de besluitvorming snel in een groot team?",
        body="Een voorstel van enige lengte. " * 80,
    )
    round_ = consent.open_round(
        proposal, author, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3650)
    )
    Invitation.objects.get_or_create(round=round_, user=author)  # a team of 40 gives 39 colleagues; ask the author too
    for i, person in enumerate(people[:responses]):
        if i < objections:
            consent.respond(
                round_.pk,
                person,
                kind="bezwaar",
                text=f"Bezwaar {i}: dit raakt mijn werk in groep {i % 8 + 1}.",
                suggestion="Maak het kleiner.",
                name_visible=i % 2 == 0,
            )
        elif i % 4 == 0:
            consent.respond(round_.pk, person, kind="zorg", text="Let op de werkdruk.")
        else:
            consent.respond(round_.pk, person, kind="instemming", name_visible=i % 3 != 0)
    answered = list(Objection.objects.filter(round=round_)[: max(1, objections // 2)])
    consent.edit_proposal(
        proposal,
        author,
        title=title,
        problem=proposal.problem,
        body="Een kortere versie. " * 60,
        note="ingekort",
        answers=answered,
        author_confirms=True,
    )
    return proposal


def run():
    school = ensure_schools()
    big = ensure_round(school, 40, 10)
    small = ensure_round(school, 5, 1)
    client = logged_in_client(member_of(school, 1))
    url = reverse("decisions:proposal-detail", args=[school.slug, big.pk])
    stats = page_stats(client, url)
    emit(
        "proposal_page_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to="consent round with 40 responses and 10 objections, 500 schools in the database",
    )
    small_stats = page_stats(client, reverse("decisions:proposal-detail", args=[school.slug, small.pk]), n=10)
    emit(
        "proposal_page_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries with 5 responses and 1 objection",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    log_stats = page_stats(client, reverse("decisions:decision-log", args=[school.slug]), n=20)
    emit("decision_log_p95_ms", log_stats["p95_ms"], "ms", compared_to="decision log of the bench school")
    compare_with_bare_view("proposal_page", url, client)
