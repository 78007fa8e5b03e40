"""The highlight pages: posting, the feed, media serving, moderation pages, cards and walls."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from gespreid.highlights import moderation
from gespreid.highlights.models import Appreciation, HighlightSettings, Moderator, Post, PostMedia, Status

from .conftest import film_bytes, gps_exif, jpeg_bytes, upload, zip_bytes


def url(name, school, *args):
    return reverse(f"highlights:{name}", args=[school.slug, *args])


def stored_files(media_root):
    """Every stored file, the worker's incoming originals included."""
    folder = media_root / "highlights"
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.exists() else []


def form_data(**extra):
    data = {"text": "De kleuters bouwden een brug van blokken.", "consent": "on"}
    data.update(extra)
    return data


# ---- posting ------------------------------------------------------------------------------------


def test_post_create_form_prefills_group_and_priority_from_the_group_page(
    member_client, school, priority_group, priority
):
    html = member_client.get(url("post-create", school) + f"?group={priority_group.pk}").content.decode()
    assert f'<option value="{priority_group.pk}" selected>' in html
    assert f'<option value="{priority.pk}" selected>' in html
    assert 'maxlength="500"' in html and "Maximaal 500 tekens" in html
    assert "highlights/counter.js" in html and "beeldtoestemming" in html


def test_post_create_ignores_a_group_of_another_school(member_client, school, other_school, priority_group):
    from gespreid.groups.models import Group

    foreign = Group.objects.create(school=other_school, school_year=other_school.current_year(), name="Hun groep")
    response = member_client.get(url("post-create", school) + f"?group={foreign.pk}&priority=abc")
    assert response.status_code == 200 and "Hun groep" not in response.content.decode()


def test_post_with_a_photo_goes_to_the_queue(member_client, member, school, priority_group, moderators, _media_root):
    response = member_client.post(
        url("post-create", school), form_data(group=priority_group.pk, photos=[upload("klas.jpg", jpeg_bytes())])
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == url("post-detail", school, post.pk)
    assert post.author == member and post.status == Status.PENDING and post.group == priority_group
    assert post.priority == priority_group.priority  # taken over from the group
    assert post.media.get().content_type == "image/jpeg"
    assert len(stored_files(_media_root)) == 1


def test_without_consent_nothing_is_submitted_or_stored(member_client, school, priority_group, _media_root):
    data = form_data(group=priority_group.pk, photos=[upload("klas.jpg", jpeg_bytes())])
    del data["consent"]
    response = member_client.post(url("post-create", school), data)
    assert response.status_code == 200 and "Zonder deze bevestiging" in response.content.decode()
    assert not Post.objects.exists() and not stored_files(_media_root)


def test_a_post_needs_a_picture_and_a_link(member_client, school, priority_group):
    html = member_client.post(url("post-create", school), form_data()).content.decode()
    assert "altijd beeld" in html and "speerpunt of de werkgroep" in html
    assert not Post.objects.exists()


def test_a_school_without_priorities_or_groups_needs_no_link(member_client, school):
    response = member_client.post(url("post-create", school), form_data(photos=[upload("a.jpg", jpeg_bytes())]))
    assert response.status_code == 302 and Post.objects.get().priority is None


@pytest.mark.parametrize(
    "extra,message",
    [
        ({"text": "x" * 501}, "500"),
        ({"photos": [upload(f"{i}.jpg", jpeg_bytes()) for i in range(5)]}, "hooguit vier"),
        ({"photos": [upload("a.jpg", jpeg_bytes())], "film": upload("f.mp4", film_bytes())}, "niet allebei"),
        ({"photos": [upload("shell.jpg", b"<?php echo 1; ?>")]}, "geen foto"),
        ({"photos": [upload("a.jpg", jpeg_bytes()), upload("b.jpg", b"<html><script>x</script></html>")]}, "geen foto"),
        (
            {
                "photos": [
                    upload("tekening.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
                ]
            },
            "geen foto",
        ),
        ({"film": upload("film.mp4", zip_bytes())}, "mp4"),
        ({"priority": "9999"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_input_gives_a_dutch_error_and_saves_nothing(
    member_client, school, priority_group, extra, message, _media_root
):
    data = form_data(group=priority_group.pk, photos=[upload("a.jpg", jpeg_bytes())])
    data.update(extra)
    response = member_client.post(url("post-create", school), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Post.objects.exists() and not stored_files(_media_root)


def test_gps_data_is_gone_after_upload(member_client, school, priority_group, _media_root):
    original = jpeg_bytes(size=(400, 300), exif=gps_exif())
    member_client.post(
        url("post-create", school), form_data(group=priority_group.pk, photos=[upload("gps.jpg", original)])
    )
    [path] = stored_files(_media_root)
    data = path.read_bytes()
    assert not Image.open(io.BytesIO(data)).getexif() and b"GeheimeCamera" not in data
    assert path.suffix == ".jpg" and "gps" not in path.name


def test_a_film_post_stores_film_and_poster(member_client, school, priority_group, _media_root):
    response = member_client.post(
        url("post-create", school), form_data(group=priority_group.pk, film=upload("f.mp4", film_bytes()))
    )
    assert response.status_code == 302
    item = PostMedia.objects.get()
    assert item.is_film and item.content_type == "video/mp4" and item.poster
    assert len(stored_files(_media_root)) == 2


def test_an_oversize_film_is_refused_through_the_form(member_client, school, priority_group, settings, _media_root):
    settings.GESPREID_HIGHLIGHTS_MAX_FILM_MB = 0.001
    html = member_client.post(
        url("post-create", school), form_data(group=priority_group.pk, film=upload("f.mp4", film_bytes()))
    ).content.decode()
    assert "groter dan" in html and not Post.objects.exists() and not stored_files(_media_root)


def test_a_decompression_bomb_through_the_form(member_client, school, priority_group):
    from .test_media import png_header_only

    html = member_client.post(
        url("post-create", school),
        form_data(group=priority_group.pk, photos=[upload("b.png", png_header_only(100_000, 100_000))]),
    ).content.decode()
    assert "te veel pixels" in html and not Post.objects.exists()


# ---- the author's pages ---------------------------------------------------------------------------


def test_author_sees_the_reason_and_can_revise(member_client, school, make_post, moderators, priority_group):
    post = moderation.send_back(make_post(), moderators[0], "Noem de werkgroep erbij.")
    html = member_client.get(url("post-detail", school, post.pk)).content.decode()
    assert "Noem de werkgroep erbij." in html
    assert "Noem de werkgroep erbij." in member_client.get(url("my-posts", school)).content.decode()
    response = member_client.post(
        url("post-edit", school, post.pk), form_data(text="Nu met werkgroep", group=priority_group.pk)
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == Status.PENDING and post.text == "Nu met werkgroep" and post.review_round == 2


def test_a_rejected_post_shows_its_reason_to_the_author(member_client, school, make_post, moderators):
    post = moderation.reject(make_post(), moderators[0], "Dit gaat niet over onze ontwikkeling.")
    assert (
        "Dit gaat niet over onze ontwikkeling."
        in member_client.get(url("post-detail", school, post.pk)).content.decode()
    )


def test_others_cannot_edit_or_delete(tl_client, member_client, school, make_post, moderators):
    post = moderation.send_back(make_post(), moderators[1], "Anders")
    assert tl_client.get(url("post-edit", school, post.pk)).status_code == 403  # a moderator, not the author
    assert tl_client.post(url("post-delete", school, post.pk)).status_code == 403
    post.status = Status.PENDING
    post.save()
    assert member_client.get(url("post-edit", school, post.pk)).status_code == 403  # not sent back


def test_author_deletes_own_post(member_client, school, make_post):
    post = make_post()
    response = member_client.post(url("post-delete", school, post.pk))
    assert response.status_code == 302 and not Post.objects.exists()


# ---- feed ----------------------------------------------------------------------------------------


def test_feed_shows_published_posts_newest_first_and_not_waiting_ones(member_client, school, make_post, moderators):
    older = moderation.approve(moderation.approve(make_post(text="Oudere highlight"), moderators[0]), moderators[1])
    newer = moderation.approve(moderation.approve(make_post(text="Nieuwere highlight"), moderators[0]), moderators[1])
    make_post(text="Wacht nog op moderatie")
    html = member_client.get(url("feed", school)).content.decode()
    assert html.index("Nieuwere highlight") < html.index("Oudere highlight")
    assert "Wacht nog op moderatie" not in html
    assert url("media-file", school, newer.media.get().key) in html
    assert older.pk


def test_feed_filters_by_priority_and_group(
    member_client, school, make_post, moderators, priority, priority_group, year
):
    from gespreid.priorities.models import Priority

    other = Priority.objects.create(school=school, title="Lezen", first_year=year)
    for text, kw in [
        ("Over rekenen", {"group": priority_group, "priority": priority}),
        ("Over lezen", {"priority": other}),
    ]:
        moderation.approve(moderation.approve(make_post(text=text, **kw), moderators[0]), moderators[1])
    html = member_client.get(url("feed", school) + f"?priority={other.pk}").content.decode()
    assert "Over lezen" in html and "Over rekenen" not in html
    html = member_client.get(url("feed", school) + f"?group={priority_group.pk}").content.decode()
    assert "Over rekenen" in html and "Over lezen" not in html
    assert member_client.get(url("feed", school) + "?group=abc&priority=-1&page=zz").status_code == 200


def test_feed_empty_state_explains_the_next_step(member_client, school):
    assert "deel als eerste" in member_client.get(url("feed", school)).content.decode()


def test_feed_query_count_does_not_grow_with_posts(
    member_client, school, make_post, moderators, add_published, django_assert_max_num_queries
):
    post = moderation.approve(moderation.approve(make_post(), moderators[0]), moderators[1])
    member_client.get(url("feed", school))
    add_published(post)
    with django_assert_max_num_queries(14):
        response = member_client.get(url("feed", school))
    assert response.content.decode().count('class="highlight"') == 20


def test_appreciation_toggles_one_per_person_without_javascript(member_client, member, school, published_post):
    target = url("post-appreciate", school, published_post.pk)
    response = member_client.post(target, {"next": url("feed", school)})
    # the page's one form sends the page it is on; the view adds the post's anchor
    assert response.status_code == 302 and response["Location"] == url("feed", school) + f"#post-{published_post.pk}"
    assert Appreciation.objects.filter(post=published_post, user=member).count() == 1
    member_client.post(target)
    assert not Appreciation.objects.filter(post=published_post).exists()
    assert member_client.post(target, {"next": "https://evil.example/"})["Location"].startswith("/")


def test_appreciation_with_htmx_returns_the_button(member_client, school, published_post, leader):
    Appreciation.objects.create(post=published_post, user=leader)
    response = member_client.post(url("post-appreciate", school, published_post.pk), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'aria-pressed="true"' in html and "2 collega's vinden dit mooi" in html


def test_appreciation_only_on_published_posts(member_client, school, make_post, leader_client):
    post = make_post()
    assert leader_client.post(url("post-appreciate", school, post.pk)).status_code == 404


def test_printable_overview_of_a_period(member_client, school, published_post):
    html = member_client.get(url("overview", school)).content.decode()
    assert published_post.text in html and "Highlights van" in html
    html = member_client.get(url("overview", school) + "?start=2001-01-01&end=2001-02-01").content.decode()
    assert published_post.text not in html and "geen highlights" in html
    assert member_client.get(url("overview", school) + "?start=nonsense&end=2001-02-01").status_code == 200


# ---- media and the walls ---------------------------------------------------------------------------


def test_media_is_served_to_members_with_safe_headers(member_client, school, published_post):
    item = published_post.media.get()
    response = member_client.get(url("media-file", school, item.key))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == "inline"
    assert response["Cache-Control"].startswith("private")
    assert "sandbox" in response["Content-Security-Policy"]  # even an image opened on its own runs nothing
    assert b"".join(response.streaming_content) == default_storage.open(item.file).read()


def test_media_supports_byte_ranges_for_films(member_client, school, make_post, moderators, member):
    clean = __import__("gespreid.highlights.media", fromlist=["x"]).clean_film(upload("f.mp4", film_bytes()))
    post = moderation.submit(school, member, text="Film", files=[clean])
    item = post.media.get()
    response = member_client.get(url("media-file", school, item.key), HTTP_RANGE="bytes=0-9")
    assert response.status_code == 206 and response["Content-Range"].startswith("bytes 0-9/")
    assert len(b"".join(response.streaming_content)) == 10
    assert member_client.get(url("media-file", school, item.key), HTTP_RANGE="bytes=99999999-").status_code == 416
    assert member_client.get(url("media-poster", school, item.key))["Content-Type"] == "image/jpeg"


def test_media_not_served_to_anonymous_users(client, school, published_post):
    response = client.get(url("media-file", school, published_post.media.get().key))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_outsider_gets_404_on_posts_and_media(outsider_client, school, other_school, published_post):
    item = published_post.media.get()
    assert outsider_client.get(url("post-detail", school, published_post.pk)).status_code == 404
    assert outsider_client.get(url("media-file", school, item.key)).status_code == 404
    # school A's post and media through the outsider's own school slug
    assert outsider_client.get(url("post-detail", other_school, published_post.pk)).status_code == 404
    assert outsider_client.get(url("media-file", other_school, item.key)).status_code == 404
    assert outsider_client.get(url("media-poster", other_school, item.key)).status_code == 404
    assert outsider_client.post(url("post-appreciate", other_school, published_post.pk)).status_code == 404
    assert published_post.text not in outsider_client.get(url("feed", other_school)).content.decode()


def test_waiting_posts_and_their_media_are_hidden_from_colleagues(
    school, make_post, make_member, moderators, member_client
):
    from django.test import Client

    post = make_post()
    item = post.media.get()
    colleague = Client()
    colleague.force_login(make_member(school, "Kees Collega"))
    assert colleague.get(url("post-detail", school, post.pk)).status_code == 404
    assert colleague.get(url("media-file", school, item.key)).status_code == 404
    assert member_client.get(url("media-file", school, item.key)).status_code == 200  # the author
    mod = Client()
    mod.force_login(moderators[0])
    assert mod.get(url("media-file", school, item.key)).status_code == 200  # a moderator


def test_the_media_url_names_no_file(member_client, school, published_post):
    item = published_post.media.get()
    html = member_client.get(url("feed", school)).content.decode()
    assert item.file not in html and "/media/highlights/" not in html


# ---- moderation pages ---------------------------------------------------------------------------------


def test_moderation_queue_for_moderators_only(leader_client, member_client, school, make_post, moderators):
    post = make_post(text="Graag beoordelen")
    html = leader_client.get(url("moderation-queue", school)).content.decode()
    assert "Graag beoordelen" in html and "0 / 2" in html
    assert member_client.get(url("moderation-queue", school)).status_code == 403
    assert member_client.get(url("moderation-detail", school, post.pk)).status_code == 403
    assert member_client.post(url("moderation-approve", school, post.pk)).status_code == 403


def test_moderation_flow_through_the_pages(leader_client, tl_client, school, make_post, moderators):
    post = make_post()
    assert leader_client.post(url("moderation-claim", school, post.pk)).status_code == 302
    html = tl_client.get(url("moderation-detail", school, post.pk)).content.decode()
    assert "Lea Leider is met dit bericht bezig" in html and "Goedkeuren" not in html
    leader_client.post(url("moderation-approve", school, post.pk))
    response = leader_client.post(url("moderation-approve", school, post.pk), follow=True)
    assert "al goedgekeurd" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == Status.PENDING
    tl_client.post(url("moderation-approve", school, post.pk))
    assert Post.objects.get(pk=post.pk).status == Status.PUBLISHED


def test_reject_through_the_page_needs_a_reason(leader_client, school, make_post, moderators):
    post = make_post()
    response = leader_client.post(url("moderation-reject", school, post.pk), {"reason": ""}, follow=True)
    assert "Schrijf erbij waarom" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == Status.PENDING
    leader_client.post(url("moderation-reject", school, post.pk), {"reason": "Geen toestemming"})
    assert Post.objects.get(pk=post.pk).status == Status.REJECTED
    leader_client.post(url("moderation-send-back", school, post.pk), {"reason": "x"})
    assert Post.objects.get(pk=post.pk).status == Status.REJECTED


def test_author_moderator_cannot_moderate_own_post_through_the_page(
    leader_client, leader, school, make_post, moderators
):
    HighlightSettings.objects.filter(school=school).update(required_approvals=1)
    post = make_post(author=leader)
    html = leader_client.get(url("moderation-detail", school, post.pk)).content.decode()
    assert "je eigen bericht" in html
    response = leader_client.post(url("moderation-approve", school, post.pk), follow=True)
    assert "eigen bericht niet beoordelen" in response.content.decode()
    assert Post.objects.get(pk=post.pk).status == Status.PENDING


def test_take_offline_through_the_page(leader_client, member_client, school, published_post):
    leader_client.post(url("post-offline", school, published_post.pk), {"reason": "Toestemming ingetrokken"})
    assert Post.objects.get(pk=published_post.pk).status == Status.REMOVED
    assert member_client.post(url("post-offline", school, published_post.pk), {"reason": "x"}).status_code == 403


def test_leader_names_moderators(leader_client, member_client, school, member, teacher_leader):
    assert member_client.get(url("moderators-edit", school)).status_code == 403
    response = leader_client.post(
        url("moderators-edit", school), {"moderators": [member.pk, teacher_leader.pk], "required_approvals": 2}
    )
    assert response.status_code == 302
    assert set(Moderator.objects.values_list("user_id", flat=True)) == {member.pk, teacher_leader.pk}
    html = leader_client.post(
        url("moderators-edit", school), {"moderators": [member.pk], "required_approvals": 2}
    ).content.decode()
    assert "minstens twee moderatoren" in html
    assert leader_client.post(url("moderators-edit", school), {"required_approvals": 7}).status_code == 200


def test_moderators_of_another_school_cannot_be_named(leader_client, school, outsider):
    leader_client.post(url("moderators-edit", school), {"moderators": [outsider.pk], "required_approvals": 1})
    assert not Moderator.objects.exists()


# ---- home cards ------------------------------------------------------------------------------------


def test_home_cards_latest_highlights_and_queue_for_moderators(
    leader_client, member_client, school, make_post, published_post
):
    make_post(text="Wacht")
    home = reverse("core:home", args=[school.slug])
    member_html = member_client.get(home).content.decode()
    assert "Highlights" in member_html and published_post.text[:30] in member_html
    assert "wacht op jouw oordeel" not in member_html
    leader_html = leader_client.get(home).content.decode()
    assert "1 highlight wacht op jouw oordeel" in leader_html


def test_home_cards_stay_cheap(leader_client, school, make_post, moderators, django_assert_max_num_queries):
    for _ in range(5):
        make_post()
    home = reverse("core:home", args=[school.slug])
    leader_client.get(home)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        leader_client.get(home)
    # The one query that asks every card whether it has something (core.registry) is not the highlights' own.
    ours = [q for q in ctx.captured_queries if "highlights_" in q["sql"] and 'AS "card_' not in q["sql"]]
    assert len(ours) <= 4, [q["sql"] for q in ours]


@pytest.mark.parametrize("page,client_name", [("moderation-queue", "leader_client"), ("my-posts", "member_client")])
def test_queue_and_my_posts_query_count_does_not_grow(
    request, page, client_name, school, make_post, moderators, django_assert_max_num_queries
):
    client = request.getfixturevalue(client_name)
    make_post()
    client.get(url(page, school))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gespreid.core import school_cache

    school_cache.school_changed(school.pk)  # cold, like the page after the writes below
    with CaptureQueriesContext(connection) as few:
        client.get(url(page, school))
    for _ in range(15):
        moderation.approve(make_post(), moderators[0])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url(page, school))
    assert response.status_code == 200 and response.content.decode().count("Onze leerlingen presenteerden") == 16


def test_home_card_tells_the_author_about_a_post_sent_back(member_client, school, make_post, moderators):
    moderation.send_back(make_post(), moderators[0], "Graag korter")
    html = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Je highlight is teruggestuurd" in html and url("my-posts", school) in html


def test_big_uploads_on_disk_work_too(member_client, school, priority_group, settings, _media_root):
    """Django keeps uploads above FILE_UPLOAD_MAX_MEMORY_SIZE in a temporary file: films and photos still pass."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    response = member_client.post(
        url("post-create", school),
        form_data(group=priority_group.pk, film=upload("f.webm", film_bytes("webm", "libvpx"))),
    )
    assert response.status_code == 302 and PostMedia.objects.get().content_type == "video/webm"
    response = member_client.post(
        url("post-create", school), form_data(group=priority_group.pk, photos=[upload("a.jpg", jpeg_bytes())])
    )
    assert response.status_code == 302 and PostMedia.objects.count() == 2


JUNK = {
    "reason": "x" * 5000,
    "text": "\x00" * 10,
    "priority": "abc",
    "group": "-1",
    "moderators": ["zz"],
    "required_approvals": "3",
    "next": "//evil",
}


@pytest.mark.parametrize("name", ["post-create", "moderators-edit", "overview", "feed", "my-posts", "moderation-queue"])
def test_junk_never_gives_a_500_on_school_pages(leader_client, school, name):
    assert leader_client.post(url(name, school), JUNK).status_code < 500
    assert leader_client.get(url(name, school), JUNK).status_code < 500


@pytest.mark.parametrize(
    "name",
    [
        "post-detail",
        "post-edit",
        "post-delete",
        "post-appreciate",
        "post-offline",
        "moderation-detail",
        "moderation-claim",
        "moderation-release",
        "moderation-approve",
        "moderation-reject",
        "moderation-send-back",
    ],
)
def test_junk_never_gives_a_500_on_post_pages(leader_client, member_client, school, make_post, moderators, name):
    post = make_post()
    for client in (leader_client, member_client):
        assert client.post(url(name, school, post.pk), JUNK).status_code < 500
        assert client.post(url(name, school, 999999), JUNK).status_code in (403, 404)


def test_queue_warns_when_a_post_can_never_get_enough_other_moderators(
    leader_client, school, make_post, moderators, make_member
):
    make_post(author=moderators[1])  # four eyes, two moderators, one of them the author
    html = leader_client.get(url("moderation-queue", school)).content.decode()
    assert "te weinig andere moderatoren" in html
    Moderator.objects.create(school=school, user=make_member(school, "Derde Moderator"))
    assert "te weinig andere moderatoren" not in leader_client.get(url("moderation-queue", school)).content.decode()


def test_feed_links_are_the_same_as_the_url_tags_give(member_client, school, make_post, moderators):
    """The feed builds its media links without {% url %} (highlights.feed.add_links); the post page uses the tags."""
    from gespreid.highlights import moderation

    post = make_post(group=None)
    moderation.approve(post, moderators[0])
    moderation.approve(post, moderators[1])
    item = post.media.get()
    file_url = reverse("highlights:media-file", args=[school.slug, item.key])
    feed_html = member_client.get(url("feed", school)).content.decode()
    detail_html = member_client.get(url("post-detail", school, post.pk)).content.decode()
    assert f'src="{file_url}"' in feed_html and f'src="{file_url}"' in detail_html
