"""The moderation rules (moderation.py): four eyes, own posts, claims, reasons, audit and notifications."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gespreid.core.models import AuditEntry, Notification
from gespreid.highlights import moderation
from gespreid.highlights.models import HighlightSettings, Moderator, Post, Status


def test_submit_puts_the_post_in_the_queue_and_tells_the_moderators(make_post, moderators, member):
    post = make_post()
    assert post.status == Status.PENDING and post.media.count() == 1 and post.consent_confirmed_at
    assert set(Notification.objects.filter(school=post.school).values_list("user_id", flat=True)) == {
        m.id for m in moderators
    }
    assert AuditEntry.objects.filter(action="highlights.submit", target_id=str(post.pk), actor=member).exists()


def test_four_eyes_the_same_moderator_twice_does_not_publish(make_post, moderators):
    post = make_post()
    first = moderators[0]
    moderation.approve(post, first)
    with pytest.raises(moderation.ModerationError):
        moderation.approve(post, first)
    post.refresh_from_db()
    assert post.status == Status.PENDING and post.published_at is None
    assert post.approvals.count() == 1


def test_four_eyes_two_different_moderators_publish(make_post, moderators, member):
    post = make_post()
    moderation.approve(post, moderators[0])
    assert Post.objects.get(pk=post.pk).status == Status.PENDING
    moderation.approve(post, moderators[1])
    post.refresh_from_db()
    assert post.status == Status.PUBLISHED and post.published_at
    assert AuditEntry.objects.filter(action="highlights.approve", target_id=str(post.pk)).count() == 1
    assert AuditEntry.objects.filter(action="highlights.publish", target_id=str(post.pk), actor=moderators[1]).exists()
    assert Notification.objects.filter(user=member, message__contains="feed").exists()


def test_one_approval_mode_publishes_at_once(make_post, moderators, school):
    HighlightSettings.objects.filter(school=school).update(required_approvals=1)
    post = moderation.approve(make_post(), moderators[0])
    assert post.status == Status.PUBLISHED


def test_the_author_cannot_moderate_their_own_post(make_post, moderators, school):
    HighlightSettings.objects.filter(school=school).update(required_approvals=1)
    own = make_post(author=moderators[0])
    for step in (moderation.approve, moderation.claim):
        with pytest.raises(moderation.ModerationError, match="eigen bericht"):
            step(own, moderators[0])
    with pytest.raises(moderation.ModerationError, match="eigen bericht"):
        moderation.reject(own, moderators[0], "Niet goed")
    own.refresh_from_db()
    assert own.status == Status.PENDING and not own.approvals.exists() and own.claimed_by is None


def test_a_team_member_who_is_no_moderator_cannot_moderate(make_post, moderators, make_member, school):
    colleague = make_member(school, "Kees Collega")
    with pytest.raises(moderation.ModerationError):
        moderation.approve(make_post(), colleague)


def test_a_claim_keeps_other_moderators_off_until_released_or_expired(make_post, moderators):
    a, b = moderators
    post = moderation.claim(make_post(), a)
    assert post.claimed_by == a
    for step in (moderation.approve, moderation.claim):
        with pytest.raises(moderation.ModerationError, match="bezig"):
            step(post, b)
    with pytest.raises(moderation.ModerationError, match="bezig"):
        moderation.send_back(post, b, "Graag korter")
    moderation.release(post, a)
    moderation.claim(post, b)
    # a lapsed claim no longer blocks anyone
    Post.objects.filter(pk=post.pk).update(claimed_at=timezone.now() - timedelta(minutes=moderation.CLAIM_MINUTES + 1))
    moderation.approve(post, a)
    assert AuditEntry.objects.filter(action__in=["highlights.claim", "highlights.release"]).count() == 3


def test_approving_releases_the_claim_for_the_second_moderator(make_post, moderators):
    a, b = moderators
    post = moderation.claim(make_post(), a)
    post = moderation.approve(post, a)
    assert post.claimed_by is None
    with pytest.raises(moderation.ModerationError):
        moderation.claim(post, a)  # already approved: leave it to someone else
    assert moderation.approve(post, b).status == Status.PUBLISHED


def test_reject_needs_a_reason_and_the_author_is_told(make_post, moderators, member):
    post = make_post()
    with pytest.raises(moderation.ModerationError):
        moderation.reject(post, moderators[0], "   ")
    post = moderation.reject(post, moderators[0], "Er staat een kind herkenbaar op zonder toestemming.")
    assert post.status == Status.REJECTED and "zonder toestemming" in post.moderator_note
    assert Notification.objects.filter(user=member, message__contains="niet geplaatst").exists()
    assert AuditEntry.objects.filter(action="highlights.reject", summary__contains="zonder toestemming").exists()
    with pytest.raises(moderation.ModerationError):
        moderation.approve(post, moderators[1])


def test_send_back_then_resubmit_starts_a_new_round(make_post, moderators, member):
    a, b = moderators
    post = make_post()
    moderation.approve(post, a)
    post = moderation.send_back(post, b, "Kun je zeggen bij welk speerpunt dit hoort?")
    assert post.status == Status.REVISION
    post = moderation.resubmit(post, member, text="Nieuwe versie")
    assert post.status == Status.PENDING and post.review_round == 2 and post.moderator_note == ""
    assert post.media.count() == 1  # no new files: the photo stays
    # a's approval was for the first version; the new version needs two fresh approvals
    assert moderation.approve(post, a).status == Status.PENDING
    assert moderation.approve(post, b).status == Status.PUBLISHED


def test_only_the_author_resubmits(make_post, moderators, teacher_leader):
    post = moderation.send_back(make_post(), moderators[0], "Korter graag")
    with pytest.raises(moderation.ModerationError):
        moderation.resubmit(post, teacher_leader, text="Niet van mij")


def test_take_offline(published_post, moderators, member):
    post = moderation.take_offline(published_post, moderators[0], "Ouders trekken hun toestemming in.")
    assert post.status == Status.REMOVED
    assert Notification.objects.filter(user=member, message__contains="offline").exists()


def test_without_named_moderators_the_leaders_moderate(school, leader, member, teacher_leader):
    assert moderation.moderator_ids(school) == {leader.id}
    Moderator.objects.create(school=school, user=teacher_leader)
    assert moderation.moderator_ids(school) == {teacher_leader.id}


def test_an_inactive_member_is_no_moderator(school, moderators):
    from gespreid.core.models import Membership

    Membership.objects.filter(user=moderators[1], school=school).update(is_active=False)
    assert moderation.moderator_ids(school) == {moderators[0].id}


def test_set_moderators_is_audited_and_tells_new_moderators(school, leader, member, teacher_leader):
    moderation.set_moderators(school, leader, [member, teacher_leader], 2)
    assert moderation.moderator_ids(school) == {member.id, teacher_leader.id}
    assert moderation.required_approvals(school) == 2
    assert Notification.objects.filter(user=member, message__contains="moderator").exists()
    moderation.set_moderators(school, leader, [member], 1)
    assert moderation.moderator_ids(school) == {member.id} and moderation.required_approvals(school) == 1
    assert AuditEntry.objects.filter(action="highlights.moderators").count() == 2


def test_delete_is_for_the_author_and_removes_the_files(
    make_post, member, teacher_leader, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    post = make_post()
    names = [m.file for m in post.media.all()]
    assert names and all(default_storage.exists(n) for n in names)
    with pytest.raises(moderation.ModerationError):
        moderation.delete(post, teacher_leader)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.delete(post, member)
    assert not Post.objects.filter(pk=post.pk).exists()
    assert not any(default_storage.exists(n) for n in names)
    assert AuditEntry.objects.filter(action="highlights.delete", actor=member).exists()


def test_a_moderator_who_chose_the_digest_for_highlights_gets_new_posts_there(make_post, moderators, leader, settings):
    from django.core import mail

    from gespreid.core import outbox
    from gespreid.core.models import MailMode, MailPreference, OutboxMail, OutboxStatus

    MailPreference.objects.create(user=leader, kind="highlights", mode=MailMode.DIGEST)
    make_post()
    assert leader.email not in [m.to[0] for m in mail.outbox] and len(mail.outbox) == 1  # the other moderator
    assert OutboxMail.objects.get(user=leader).status == OutboxStatus.HELD
    settings.DIGEST_HOUR = 0
    assert outbox.send_digests() == 1 and "highlight" in mail.outbox[-1].body.lower()
