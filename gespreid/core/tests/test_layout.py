"""Layout rules the templates keep: tables in a scrolling frame, the home page starts with what needs attention."""

import re
from pathlib import Path

from django.urls import reverse

import gespreid
from gespreid.core.notify import notify

# A file that is no page of the site: the personal-data export's index.html inside the ZIP (no stylesheet).
NOT_A_PAGE = {"privacy/templates/privacy/export_index.html"}


def test_every_table_in_a_template_sits_directly_in_a_scrolling_frame():
    """At 1,280 px (and on a phone) a table either fits or scrolls sideways inside its own .table-wrap;
    the page never gets wider than the screen and no column is cut off."""
    root = Path(gespreid.__file__).parent
    checked, bare = 0, []
    for path in sorted(root.glob("*/templates/**/*.html")):
        rel = path.relative_to(root).as_posix()
        if rel in NOT_A_PAGE:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            checked += 1
            if not re.search(r'<div class="[^"]*\btable-wrap\b[^"]*"[^>]*>\s*$', text[: match.start()]):
                bare.append(f"{rel}:{text.count(chr(10), 0, match.start()) + 1}")
    assert checked > 40  # the walk found the templates
    assert bare == [], f'tables outside <div class="table-wrap">: {bare}'


def home(client, school):
    response = client.get(reverse("core:home", args=[school.slug]))
    assert response.status_code == 200
    return response.content.decode()


def card_titles(page):
    return [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'<article class="card[^"]*">\s*<header><h2>(.*?)</h2>', page)
    ]


def test_the_home_page_starts_with_the_newest_unread_notifications(member_client, school, member):
    for i in range(5):
        notify(school, [member], f"Melding {i}", url=f"/{school.slug}/besluiten/")
    page = home(member_client, school)
    titles = card_titles(page)
    assert titles[0] == "Nieuwe meldingen"
    assert '<article class="card attention">' in page
    # The three newest, and a way to all five.
    assert "Melding 4" in page and "Melding 2" in page and "Melding 1" not in page
    assert "Alle 5 ongelezen meldingen" in page
    # The school year is background: after every card that asks for something, before the team.
    assert titles.index("Schooljaar") > titles.index("Nieuwe meldingen")
    assert titles[-2:] == ["Schooljaar", "Ons team"]


def test_read_notifications_leave_no_attention_card(member_client, school, member):
    notify(school, [member], "Al gelezen")
    member.notifications.update(read_at="2026-01-01T00:00Z")
    page = home(member_client, school)
    assert "Nieuwe meldingen" not in page and "attention" not in page
    assert "Schooljaar" in card_titles(page)


def test_the_attention_card_is_in_english_too(member_client, school, member):
    notify(school, [member], "Een melding")
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = home(member_client, school)
    assert card_titles(page)[0] == "New notifications"
    assert "1 unread notification" in page
