import pytest

from gespreid.core.models import Bouw, Membership

from .. import rounds
from ..models import QUESTION_ORDER


@pytest.fixture
def net_team(school, leader, teacher_leader, member, make_member):
    """The school's leader, teacher leader and member plus five colleagues with a bouw: eight people."""
    extra = [make_member(school, f"Net Collega {i}") for i in range(5)]
    for user, bouw in zip(
        [teacher_leader, member, *extra],
        [Bouw.LOWER, Bouw.LOWER, Bouw.LOWER, Bouw.MIDDLE, Bouw.MIDDLE, Bouw.MIDDLE, Bouw.UPPER],
        strict=True,
    ):
        Membership.objects.filter(user=user, school=school).update(bouw=bouw)
    return [leader, teacher_leader, member, *extra]


@pytest.fixture
def net_round(school, year, leader, net_team):
    return rounds.open_round(
        leader, school, year, title="Netwerk najaar", explanation="Zo gaan we ermee om.", questions=QUESTION_ORDER
    )


@pytest.fixture
def answered_round(net_round, net_team, leader):
    """A closed round: everyone goes to the teacher leader for advice and to the next person for help;
    only the teacher leader and the member agreed to be named."""
    tl, member = net_team[1], net_team[2]
    for i, person in enumerate(net_team):
        following = net_team[(i + 1) % len(net_team)]
        answers = {"hulp": {following.pk: 2}}
        if person != tl:
            answers["advies"] = {tl.pk: 3}
        rounds.save_response(net_round, person, answers, may_be_named=person in (tl, member))
    rounds.close_round(leader, net_round)
    net_round.refresh_from_db()
    return net_round
