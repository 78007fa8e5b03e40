"""Network answers under a person's rights: their own answers in the download (not who named them),
and erasing a leaver removes their answers and the answers naming them."""

from gespreid.core.models import Membership
from gespreid.network import rounds
from gespreid.network.models import QUESTION_ORDER, Response, Tie
from gespreid.privacy import personal_data


def _round_with_answers(school, year, leader, people):
    r = rounds.open_round(leader, school, year, title="x", explanation="y", questions=QUESTION_ORDER)
    for i, person in enumerate(people):
        rounds.save_response(r, person, {"advies": {people[(i + 1) % len(people)].pk: 2}}, False)
    return r


def test_the_download_holds_my_answers_but_not_who_named_me(school, year, leader, teacher_leader, member):
    _round_with_answers(school, year, leader, [leader, teacher_leader, member])
    data = personal_data.export_person(member)["gegevens"]
    ties = data["network.tie"]["rijen"]
    assert len(ties) == 1 and ties[0]["als"] == ["source"]  # the tie naming member (from the tl) is not there
    assert len(data["network.response"]["rijen"]) == 1


def test_erasing_a_leaver_removes_their_network_answers(school, year, leader, teacher_leader, member):
    _round_with_answers(school, year, leader, [leader, teacher_leader, member])
    membership = Membership.objects.get(user=member, school=school)
    membership.is_active = False
    membership.save()
    personal_data.erase_member(leader, membership)
    assert not Response.objects.filter(user=member).exists()
    assert not Tie.objects.filter(source=member).exists() and not Tie.objects.filter(target=member).exists()
    assert Tie.objects.filter(source=leader, target=teacher_leader).exists()
