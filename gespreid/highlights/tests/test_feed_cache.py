"""The feed keeps its cards rendered (feed.cached_feed, core.school_cache): every change shows at once,
keys never mix between people, roles or schools, and a warm page costs only the request's own queries."""

import re

import pytest
from django.urls import reverse

from gespreid.highlights import moderation, processing
from gespreid.highlights.models import Appreciation, MediaState, Post, PostMedia


def feed_url(school, query=""):
    return reverse("highlights:feed", args=[school.slug]) + query


def feed(client, school, query=""):
    response = client.get(feed_url(school, query))
    assert response.status_code == 200
    return response.content.decode()


def pressed(html, post):
    block = re.search(rf'id="appreciation-{post.pk}".*?</div>', html, re.S).group(0)
    return 'aria-pressed="true"' in block


def test_a_new_post_shows_at_once(member_client, school, make_post, moderators, published_post):
    assert "Tweede highlight" not in feed(member_client, school)  # the list is now kept
    post = make_post(text="Tweede highlight")
    moderation.approve(post, moderators[0])
    assert "Tweede highlight" not in feed(member_client, school)  # one approval of two: not yet published
    moderation.approve(post, moderators[1])
    assert "Tweede highlight" in feed(member_client, school)


def test_taking_a_post_offline_and_deleting_it_show_at_once(
    member_client, leader_client, school, make_post, moderators, published_post
):
    other = moderation.approve(moderation.approve(make_post(text="Nog een highlight"), moderators[0]), moderators[1])
    html = feed(member_client, school)
    assert published_post.text in html and "Nog een highlight" in html
    response = leader_client.post(
        reverse("highlights:post-offline", args=[school.slug, other.pk]), {"reason": "Ouders trokken toestemming in"}
    )
    assert response.status_code == 302
    assert "Nog een highlight" not in feed(member_client, school)
    member_client.post(reverse("highlights:post-delete", args=[school.slug, published_post.pk]))
    assert not Post.objects.filter(pk=published_post.pk).exists()
    assert published_post.text not in feed(member_client, school)


def test_own_mooi_is_per_person_and_the_count_for_everyone(
    member_client, leader_client, school, published_post, member
):
    assert not pressed(feed(member_client, school), published_post)
    assert not pressed(feed(leader_client, school), published_post)
    # without JavaScript: the button submits the page's one form to its own address
    response = member_client.post(
        reverse("highlights:post-appreciate", args=[school.slug, published_post.pk]), {"next": feed_url(school)}
    )
    assert response.status_code == 302
    mine = feed(member_client, school)
    assert pressed(mine, published_post) and "1 collega vindt dit mooi" in mine
    theirs = feed(leader_client, school)
    assert not pressed(theirs, published_post) and "1 collega vindt dit mooi" in theirs
    mine = feed(member_client, school)  # the member's kept list was not overwritten by the leader's
    assert pressed(mine, published_post)
    # taken back with htmx
    member_client.post(
        reverse("highlights:post-appreciate", args=[school.slug, published_post.pk]), HTTP_HX_REQUEST="true"
    )
    assert not Appreciation.objects.filter(user=member).exists()
    mine = feed(member_client, school)
    assert not pressed(mine, published_post) and "0 collega's vinden dit mooi" in mine


def test_no_csrf_token_in_the_cards_one_form_per_page(member_client, school, published_post):
    html = feed(member_client, school)
    assert html.count('id="appreciate-form"') == 1
    form = re.search(r'<form id="appreciate-form".*?</form>', html, re.S).group(0)
    assert "csrfmiddlewaretoken" in form and 'name="next"' in form
    cards = html[html.index('<div class="highlight-feed">') :]
    assert "csrfmiddlewaretoken" not in cards
    assert (
        f'form="appreciate-form" formaction="{reverse("highlights:post-appreciate", args=[school.slug, published_post.pk])}"'
        in cards
    )


def test_roles_and_schools_do_not_mix(
    member_client, leader_client, outsider_client, school, other_school, published_post, outsider, moderators
):
    moderation_link = reverse("highlights:moderation-queue", args=[school.slug])
    moderators_link = reverse("highlights:moderators-edit", args=[school.slug])
    leader_html = feed(leader_client, school)
    assert moderation_link in leader_html and moderators_link in leader_html
    member_html = feed(member_client, school)
    assert moderation_link not in member_html and moderators_link not in member_html
    assert moderation_link in feed(leader_client, school)
    # the other school: its own (empty) feed, nothing of school A
    html = feed(outsider_client, other_school)
    assert published_post.text not in html and "deel als eerste" in html


def test_naming_a_moderator_shows_the_moderation_link_at_once(leader_client, member_client, school, member, leader):
    link = reverse("highlights:moderation-queue", args=[school.slug])
    assert link not in feed(member_client, school)  # no moderators named: the leaders moderate
    response = leader_client.post(
        reverse("highlights:moderators-edit", args=[school.slug]),
        {"moderators": [member.pk, leader.pk], "required_approvals": 1},
    )
    assert response.status_code == 302
    assert link in feed(member_client, school)


def test_filter_and_pages_have_their_own_entries(member_client, school, make_post, moderators, priority_group):
    for i in range(21):
        post = make_post(text=f"Highlight nummer {i:02d}.", group=priority_group if i == 0 else None)
        moderation.approve(moderation.approve(post, moderators[0]), moderators[1])
    first, second = feed(member_client, school), feed(member_client, school, "?page=2")
    assert "nummer 20." in first and "nummer 00." not in first
    assert "nummer 00." in second and "nummer 20." not in second and "Pagina 2 van 2" in second
    grouped = feed(member_client, school, f"?group={priority_group.pk}")
    assert "nummer 00." in grouped and "nummer 20." not in grouped
    assert "nummer 20." in feed(member_client, school, "?group=999999")  # unknown: the whole feed


def test_the_worker_s_update_shows_at_once(member_client, school, published_post):
    """The worker writes with QuerySet.update() (no signal): processing.fail/process_item give a new version."""
    waiting = PostMedia.objects.create(
        post=published_post, kind="film", state=MediaState.PROCESSING, source="highlights/incoming/x.mp4", position=5
    )
    assert "De film wordt verwerkt" in feed(member_client, school)
    before = type(school).objects.get(pk=school.pk).version
    processing.fail(PostMedia.objects.get(pk=waiting.pk), "Deze film kunnen we niet lezen.")
    assert type(school).objects.get(pk=school.pk).version != before
    html = feed(member_client, school)
    assert "De film wordt verwerkt" not in html and "Deze film kunnen we niet lezen." in html


def test_warm_feed_costs_only_the_request_s_queries(
    member_client, school, published_post, add_published, count_queries, django_assert_max_num_queries
):
    cold = count_queries(member_client, feed_url(school))
    warm = count_queries(member_client, feed_url(school))
    assert warm < cold
    add_published(published_post)
    with django_assert_max_num_queries(cold):  # cold again after the writes, and no more than before
        feed(member_client, school)
    with django_assert_max_num_queries(warm):
        html = feed(member_client, school)
    assert html.count('class="highlight"') == 20


@pytest.mark.parametrize("name", ["post-detail", "moderation-detail"])
def test_pages_with_a_card_carry_the_one_form(name, leader_client, school, published_post, moderators):
    html = leader_client.get(reverse(f"highlights:{name}", args=[school.slug, published_post.pk])).content.decode()
    assert html.count('id="appreciate-form"') == 1 and 'form="appreciate-form"' in html
