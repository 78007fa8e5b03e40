"""The board's network on request: the latest closed round of each school in one school year, together.

Ties to colleagues of other schools of the board (rounds with ``across_board``) are the advice that
crosses schools. Totals only: no names, no drawing of people.
"""

from django.db.models import Max

from gespreid.core.models import Membership

from . import measures
from .models import Response, Round, Tie


def latest_rounds(board, start_year: int) -> list[Round]:
    """Per school the latest closed round of the school year starting in ``start_year``."""
    closed = Round.objects.filter(school__board=board, closed_at__isnull=False, school_year__starts_on__year=start_year)
    latest = closed.values("school_id").annotate(last=Max("closed_at"))
    wanted = {(row["school_id"], row["last"]) for row in latest}
    return [r for r in closed.select_related("school") if (r.school_id, r.closed_at) in wanted]


def picture(board, start_year: int) -> tuple[measures.BoardPicture | None, list[Round]]:
    chosen = latest_rounds(board, start_year)
    if not chosen:
        return None, []
    people_by_school: dict[int, set[int]] = {}
    for school_id, user_id in Membership.objects.filter(school__board=board, is_active=True).values_list(
        "school_id", "user_id"
    ):
        people_by_school.setdefault(school_id, set()).add(user_id)
    people_by_school = {r.school_id: people_by_school.get(r.school_id, set()) for r in chosen}
    school_of_round = {r.pk: r.school_id for r in chosen}
    ties = [
        (school_of_round[round_id], s, t, w, q)
        for round_id, s, t, w, q in Tie.objects.filter(round__in=chosen).values_list(
            "round_id", "source_id", "target_id", "frequency", "question"
        )
    ]
    respondents = Response.objects.filter(round__in=chosen).count()
    return measures.board_picture(people_by_school, respondents, ties), chosen
