"""Advice and feedback requests: asking, answering, the thread, closing, sharing, counts; bad input writes nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gespreid.core.models import Notification
from gespreid.learning import advice
from gespreid.learning.models import AdviceMessage, AdviceRequest

S = AdviceRequest.Status


def url(name, school, *args):
    return reverse(f"learning:{name}", args=[school.slug, *args])


def test_ask_from_profile_link_notifies_in_app_and_by_mail(member_client, school, member, teacher_leader):
    page = member_client.get(url("request-create", school) + f"?aan={teacher_leader.pk}")
    assert page.status_code == 200 and "Tim Trekker iets vragen" in page.content.decode()
    r = member_client.post(
        url("request-create", school),
        {"aan": teacher_leader.pk, "kind": "feedback", "question": "Wil je naar mijn lesplan kijken?"},
    )
    req = AdviceRequest.objects.get()
    assert r.status_code == 302 and r["Location"] == url("request-detail", school, req.pk)
    assert (req.asker, req.recipient, req.kind, req.status) == (member, teacher_leader, "feedback", S.OPEN)
    note = Notification.objects.get(user=teacher_leader)
    assert note.url == url("request-detail", school, req.pk)
    assert [m.to for m in mail.outbox] == [[teacher_leader.email]]


def test_ask_with_colleague_select_areas_wish_date_and_attachment(member_client, school, member, teacher_leader, year):
    from gespreid.expertise.taxonomy import install_default_taxonomy as ensure_taxonomy

    ensure_taxonomy(school)
    area = school.expertise_areas.first()
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    r = member_client.post(
        url("request-create", school),
        {
            "recipient": teacher_leader.pk,
            "kind": "advies",
            "question": "Hoe differentieer ik?",
            "areas": [area.pk],
            "wish_date": (year.ends_on).isoformat(),
            "attachment": upload,
        },
    )
    assert r.status_code == 302
    req = AdviceRequest.objects.get()
    assert list(req.areas.all()) == [area] and req.attachment_name == "plan.pdf"
    download = member_client.get(url("request-attachment", school, req.pk))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"question": ""}, "Schrijf je vraag op."),
        ({"wish_date": "2001-01-01"}, "Deze datum is al voorbij"),
        ({"recipient": "self"}, "Kies een collega van je eigen school."),
        ({"recipient": "outsider"}, "Kies een collega van je eigen school."),
    ],
)
def test_bad_input_gives_dutch_error_and_writes_nothing(
    member_client, school, member, teacher_leader, outsider, data, message
):
    post = {"recipient": teacher_leader.pk, "kind": "advies", "question": "Een vraag"}
    post.update(data)
    post["recipient"] = {"self": member.pk, "outsider": outsider.pk}.get(post["recipient"], post["recipient"])
    r = member_client.post(url("request-create", school), post)
    assert r.status_code == 400 and message in r.content.decode()
    assert not AdviceRequest.objects.exists() and not Notification.objects.exists()


def test_asking_yourself_via_link_is_refused(member_client, school, member):
    r = member_client.post(url("request-create", school), {"aan": member.pk, "kind": "advies", "question": "Ik?"})
    assert r.status_code == 400 and "Je kunt jezelf geen vraag stellen" in r.content.decode()
    assert not AdviceRequest.objects.exists()


def test_outsider_via_link_is_refused_without_board_profile(member_client, school, other_school, outsider):
    r = member_client.post(
        url("request-create", school),
        {"aan": outsider.pk, "bij": other_school.slug, "kind": "advies", "question": "Hoi"},
    )
    assert r.status_code == 400 and "niet vragen" in r.content.decode()
    assert not AdviceRequest.objects.exists()


@pytest.mark.parametrize(
    "name, content",
    [
        ("virus.exe", b"MZ\x90\x00"),
        ("nep.pdf", b"MZ\x90\x00 not a pdf"),
        ("groot.pdf", b"%PDF" + b"x" * (10 * 1024 * 1024 + 1)),
    ],
)
def test_oversized_or_disguised_attachment_is_refused(member_client, school, teacher_leader, name, content):
    upload = SimpleUploadedFile(name, content)
    r = member_client.post(
        url("request-create", school),
        {"recipient": teacher_leader.pk, "kind": "advies", "question": "Kijk je even?", "attachment": upload},
    )
    assert r.status_code == 400 and not AdviceRequest.objects.exists()


def _board_findable(other_school, outsider):
    from gespreid.expertise.models import Profile

    Profile.objects.create(school=other_school, school_year=other_school.current_year(), user=outsider)


def test_cross_school_request_each_side_in_own_school(
    member_client, outsider_client, school, other_school, member, outsider
):
    _board_findable(other_school, outsider)
    r = member_client.post(
        url("request-create", school),
        {"aan": outsider.pk, "bij": other_school.slug, "kind": "advies", "question": "Hoe doen jullie rekenen?"},
    )
    req = AdviceRequest.objects.get()
    assert r.status_code == 302 and (req.school, req.recipient_school) == (school, other_school)
    note = Notification.objects.get(user=outsider)
    assert note.school == other_school and note.url == url("request-detail", other_school, req.pk)
    assert outsider_client.get(url("request-detail", other_school, req.pk)).status_code == 200
    assert outsider_client.get(url("request-detail", school, req.pk)).status_code == 404
    assert member_client.get(url("request-detail", school, req.pk)).status_code == 200
    assert member_client.get(url("request-detail", other_school, req.pk)).status_code == 404
    assert "Hoe doen jullie rekenen?" in outsider_client.get(url("home", other_school)).content.decode()
    # The other school's side answers; the asker hears it in their own school.
    outsider_client.post(url("request-accept", other_school, req.pk), {"word": "Graag"})
    req.refresh_from_db()
    assert req.status == S.ACCEPTED
    assert Notification.objects.filter(user=member, school=school).exists()


def test_cross_school_refused_when_board_forbids_or_person_opted_out(member, school, other_school, outsider):
    from gespreid.expertise.models import Profile

    _board_findable(other_school, outsider)
    Profile.objects.filter(user=outsider).update(visible_to_board=False)
    with pytest.raises(ValidationError):
        advice.find_recipient(member, school, outsider.pk, other_school.slug)
    Profile.objects.filter(user=outsider).update(visible_to_board=True)
    school.board.allow_cross_school_search = False
    school.board.save()
    school.refresh_from_db()
    with pytest.raises(ValidationError):
        advice.find_recipient(member, school, outsider.pk, other_school.slug)


def test_accept_thread_close_and_share_when_both_agree(lr_request, member, teacher_leader, school, year):
    from gespreid.groups.models import Group

    req = advice.answer(lr_request, teacher_leader, accept=True, word="Graag, donderdag?")
    assert req.status == S.ACCEPTED and req.accepted is True
    with pytest.raises(ValidationError):
        advice.answer(req, teacher_leader, accept=False)  # answered once
    advice.add_message(req, member, "Donderdag past!")
    advice.add_message(req, teacher_leader, "Neem je leesplan mee.")
    assert AdviceMessage.objects.filter(request=req).count() == 2
    with pytest.raises(ValidationError):
        advice.close(req, teacher_leader, "niet van mij")  # only the asker closes
    advice.close(req, member, "Ik start met drie niveaugroepen.")
    assert req.status == S.CLOSED
    with pytest.raises(ValidationError):
        advice.add_message(req, member, "na afronden")
    group = Group.objects.create(school=school, school_year=year, name="Leesgroep")
    advice.propose_share(req, member, scope="groep", group=group, what="opbrengst")
    req.refresh_from_db()
    assert req.shared_at is None  # one side only: nothing shared
    with pytest.raises(ValidationError):
        advice.agree_share(req, member)  # the proposer cannot agree for the other
    advice.agree_share(req, teacher_leader)
    req.refresh_from_db()
    assert req.shared_at is not None and req.share_group == group


def test_decline_is_fine_and_asker_can_still_close(lr_request, member, teacher_leader, member_client, school):
    advice.answer(lr_request, teacher_leader, accept=False, word="niet nu, na de toetsweek")
    page = member_client.get(url("request-detail", school, lr_request.pk)).content.decode()
    assert "kan nu niet helpen" in page and "niet nu, na de toetsweek" in page
    advice.close(lr_request, member, "Ik vraag het na de toetsweek nog eens.")
    assert AdviceRequest.objects.get().status == S.CLOSED


def test_views_for_each_state_change(member_client, tl_client, school, lr_request, member):
    pk = lr_request.pk
    assert tl_client.post(url("request-accept", school, pk), {"word": "Ja"}).status_code == 302
    assert tl_client.post(url("request-message", school, pk), {"text": "Wanneer?"}).status_code == 302
    assert member_client.post(url("request-message", school, pk), {"text": ""}).status_code == 302
    assert AdviceMessage.objects.count() == 1
    assert tl_client.post(url("request-close", school, pk), {"outcome": "x"}).status_code == 302
    assert AdviceRequest.objects.get().status == S.ACCEPTED  # only the asker closes
    member_client.post(url("request-close", school, pk), {"outcome": "Ik probeer het uit."})
    assert AdviceRequest.objects.get().status == S.CLOSED
    member_client.post(url("request-share", school, pk), {"scope": "team", "what": "gesprek"})
    assert AdviceRequest.objects.get().shared_at is None
    tl_client.post(url("request-share-agree", school, pk))
    assert AdviceRequest.objects.get().shared_at is not None
    shared = tl_client.get(url("shared-list", school)).content.decode()
    assert "Ik probeer het uit." in shared and "Wanneer?" in shared


def test_refusing_a_share_proposal_shares_nothing(lr_request, member, teacher_leader):
    advice.answer(lr_request, teacher_leader, accept=True)
    advice.close(lr_request, member, "Gedaan.")
    advice.propose_share(lr_request, member, scope="team", what="gesprek")
    advice.withdraw_share_proposal(lr_request, teacher_leader)
    lr_request.refresh_from_db()
    assert lr_request.share_scope == "" and lr_request.shared_at is None
    with pytest.raises(ValidationError):
        advice.agree_share(lr_request, teacher_leader)


def test_withdraw_an_open_request(member_client, school, lr_request):
    member_client.post(url("request-withdraw", school, lr_request.pk))
    assert AdviceRequest.objects.get().status == S.WITHDRAWN


def test_advice_counts_by_area_counts_only_this_year(school, other_school, member, teacher_leader, outsider, year):
    from gespreid.expertise.taxonomy import install_default_taxonomy as ensure_taxonomy

    ensure_taxonomy(school)
    ensure_taxonomy(other_school)
    a1, a2 = list(school.expertise_areas.all()[:2])
    for areas in ([a1], [a1, a2], []):
        advice.create_request(member, school, teacher_leader, school, kind="advies", question="?", areas=areas)
    # asked from the other school: counts for De Linde, matched by key
    theirs = other_school.expertise_areas.get(key=a1.key)
    advice.create_request(outsider, other_school, member, school, kind="advies", question="?", areas=[theirs])
    withdrawn = advice.create_request(member, school, teacher_leader, school, kind="advies", question="?", areas=[a2])
    advice.withdraw(withdrawn, member)
    assert advice.advice_counts_by_area(school, year) == {a1.key: 3, a2.key: 1}
    assert advice.advice_counts_by_area(other_school, other_school.current_year()) == {}
