"""Browser test: a team member posts a photo, a moderator approves it, a colleague sees it in the feed
(the photo really loads through the member-only media view) and an outsider of another school does not."""

import pytest
from PIL import Image

from gespreid.highlights.models import Post

PASSWORD = "een-goed-wachtwoord-42"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def one_moderator(school, leader):
    from gespreid.highlights.models import HighlightSettings, Moderator

    Moderator.objects.create(school=school, user=leader)
    HighlightSettings.objects.create(school=school, required_approvals=1)
    return leader


def open_as(browser, live_server, user):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    return page


def test_post_with_photo_is_approved_and_shown_to_colleagues_only(
    browser, live_server, school, member, teacher_leader, outsider, one_moderator, media_root, tmp_path
):
    photo = tmp_path / "klas.jpg"
    Image.new("RGB", (640, 480), (30, 120, 90)).save(photo, "JPEG")
    text = "Groep 4 maakte een stripverhaal over breuken."

    author = open_as(browser, live_server, member)
    author.goto(f"{live_server.url}/{school.slug}/highlights/nieuw/")
    author.get_by_label("Wat wil je laten zien?").fill(text)
    assert "Nog" in author.locator("output.counter").inner_text()  # the static counter script runs under the CSP
    author.get_by_label("Foto's (hooguit vier)").set_input_files(str(photo))
    author.get_by_role("button", name="Insturen").click()
    # no consent, no submission: the browser already stops it (the server checks it too, see the unit tests)
    assert author.url.endswith("/highlights/nieuw/") and not Post.objects.exists()
    author.get_by_label("beeldtoestemming", exact=False).check()
    author.get_by_role("button", name="Insturen").click()
    author.wait_for_load_state()
    assert "wacht nu op de moderatoren" in author.content()

    colleague = open_as(browser, live_server, teacher_leader)
    colleague.goto(f"{live_server.url}/{school.slug}/highlights/")
    assert text not in colleague.content()  # not yet approved

    moderator = open_as(browser, live_server, one_moderator)
    moderator.goto(f"{live_server.url}/{school.slug}/highlights/moderatie/")
    moderator.get_by_role("link", name=text[:30], exact=False).click()
    moderator.get_by_role("button", name="Goedkeuren").click()
    moderator.wait_for_load_state()
    assert "Goedgekeurd." in moderator.content()

    colleague.goto(f"{live_server.url}/{school.slug}/highlights/")
    assert text in colleague.content()
    image = colleague.locator("article.highlight img").first
    image.wait_for()
    colleague.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    media_url = image.get_attribute("src")
    colleague.get_by_role("button", name="Mooi!").click()
    colleague.get_by_text("1 collega vindt dit mooi").wait_for()

    stranger = open_as(browser, live_server, outsider)
    response = stranger.goto(f"{live_server.url}/{school.slug}/highlights/")
    assert response.status == 404 and text not in stranger.content()
    assert stranger.goto(f"{live_server.url}{media_url}").status == 404
    own_slug_media = media_url.replace(f"/{school.slug}/", f"/{outsider.memberships.get().school.slug}/")
    assert stranger.goto(f"{live_server.url}{own_slug_media}").status == 404
    stranger.goto(f"{live_server.url}/{outsider.memberships.get().school.slug}/highlights/")
    assert text not in stranger.content()
