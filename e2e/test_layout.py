"""Browser: the demo's layout at 1,280 px, on a beamer (1,920 × 1,080) and on a phone (390 px).

Each test loads the demo (seed_demo) and logs in as one of its people.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from gespreid.core.models import School
from gespreid.expertise.matrix import areas_for

PASSWORD = "een-goed-wachtwoord-42"  # the login fixture's default
SLUG = "de-vlinderboom"

# Every table on the page: in a .table-wrap, the frame inside the page column and the screen, and the table
# (every column of it) inside its frame; no cell whose content spills over its edge.
FRAMES = """() => {
  const main = document.querySelector('main').getBoundingClientRect();
  const out = {pageWidth: document.documentElement.scrollWidth, screen: innerWidth, tables: 0, problems: []};
  for (const table of document.querySelectorAll('main table')) {
    out.tables += 1;
    const wrap = table.parentElement, frame = wrap.getBoundingClientRect(), box = table.getBoundingClientRect();
    const name = (table.querySelector('caption, th') || table).textContent.trim().slice(0, 30);
    if (!wrap.classList.contains('table-wrap')) out.problems.push(`${name}: not in a .table-wrap`);
    if (frame.right > main.right + 1 || frame.right > innerWidth) out.problems.push(`${name}: frame past the page`);
    if (box.right > frame.right + 1) out.problems.push(`${name}: table ${box.right} past its frame ${frame.right}`);
    if (wrap.scrollWidth > wrap.clientWidth + 1) out.problems.push(`${name}: scrolls ${wrap.scrollWidth}/${wrap.clientWidth}`);
    for (const cell of table.querySelectorAll('th, td')) {
      const r = cell.getBoundingClientRect();
      if (r.width && (r.right > frame.right + 1 || cell.scrollWidth > cell.clientWidth + 1))
        out.problems.push(`${name}: cell "${cell.textContent.trim().slice(0, 20)}" cut off`);
    }
  }
  return out;
}"""


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--password", PASSWORD, stdout=StringIO())
    settings.DEBUG = False
    users = get_user_model().objects
    return {"leader": users.get(email="leider@demo.test"), "member": users.get(email="lid@demo.test")}


def assert_tables_fit(page, url, tables_at_least=1):
    page.goto(url)
    result = page.evaluate(FRAMES)
    assert result["pageWidth"] <= result["screen"], url
    assert result["tables"] >= tables_at_least, url
    assert result["problems"] == [], url


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_table_fits_inside_its_frame_at_1280_px(live_server, page, login, demo, language):
    """The plan, the matrix, the team and the hours: every column visible at 1,280 px, in both languages."""
    page.set_viewport_size({"width": 1280, "height": 800})
    login(demo["leader"])
    if language == "en":
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    base = f"{live_server.url}/{SLUG}"
    assert_tables_fit(page, f"{base}/taken/plan/", tables_at_least=2)
    assert_tables_fit(page, f"{base}/taken/uren/")
    assert_tables_fit(page, f"{base}/expertise/")
    assert_tables_fit(page, f"{base}/team/")
    # The hours table's last column ("Let op") is on screen, with its tags.
    page.goto(f"{base}/taken/uren/")
    last = page.locator("main table thead th").last
    expect(last).to_have_text("Let op" if language == "nl" else "Note")
    assert last.bounding_box()["x"] + last.bounding_box()["width"] <= 1280


def test_the_beamer_reaches_every_domain_at_1920_by_1080(live_server, page, login, demo):
    areas = areas_for(School.objects.get(slug=SLUG))
    domains = list(dict.fromkeys(a.domain.name for a in areas))
    page.set_viewport_size({"width": 1920, "height": 1080})
    login(demo["member"])
    page.goto(f"{live_server.url}/{SLUG}/expertise/")
    page.get_by_role("link", name="Grote weergave (beamer)").click()
    seen_domains, seen_areas = [], []
    while True:
        expect(page.locator("table.matrix.beamer")).to_be_visible()
        result = page.evaluate(FRAMES)
        assert result["problems"] == [] and result["pageWidth"] <= 1920, seen_domains
        # The whole width of the table is on the screen: nothing to scroll sideways to.
        box = page.locator("table.matrix").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1920
        seen_domains += page.locator("table.matrix th.domain").all_inner_texts()
        seen_areas += page.locator("table.matrix th.area").all_inner_texts()
        following = page.get_by_role("link", name="Volgende:")
        if not following.count():
            break
        following.click()
    assert seen_domains == domains
    assert sorted(seen_areas) == sorted(a.name for a in areas)
    # Any domain is one click away from any page, and the way back works too.
    pages = page.get_by_role("navigation", name="Domeinen in de grote weergave")
    pages.get_by_role("link", name=domains[1], exact=True).click()
    expect(page.get_by_text(f"Domein 2 van {len(domains)}: {domains[1]}")).to_be_visible()
    page.get_by_role("link", name="Vorige:").click()
    expect(page.get_by_text(f"Domein 1 van {len(domains)}: {domains[0]}")).to_be_visible()


def test_the_plan_folds_on_a_phone_and_is_open_on_a_laptop(live_server, page, login, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(demo["member"])
    url = f"{live_server.url}/{SLUG}/taken/plan/"
    page.goto(url)
    tasks_table = page.locator("main table").first
    folded = page.evaluate("document.documentElement.scrollHeight")
    expect(page.get_by_role("heading", name="Taken en wie ze doet")).to_be_visible()
    expect(page.get_by_role("heading", name="Uren per persoon")).to_be_visible()
    expect(tasks_table).to_be_hidden()
    assert folded < 3000  # the headings are a table of contents; the whole plan is many times longer
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_text("Taken en wie ze doet").click()
    expect(tasks_table).to_be_visible()
    expect(page.locator("main table").nth(1)).to_be_hidden()  # the other sections stay folded
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the table scrolls inside its frame
    # On a laptop the same page shows every section in full, without a click and without JavaScript.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url)
    expect(page.locator("main table").first).to_be_visible()
    expect(page.locator("main table").nth(1)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * folded


def test_the_home_page_on_a_phone_starts_with_what_needs_attention(live_server, page, login, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    login(demo["leader"])
    cards = page.locator("main article.card")
    first = cards.first
    expect(first).to_have_class("card attention")
    expect(first.get_by_role("heading", level=2)).to_have_text("Nieuwe meldingen")
    expect(first).to_be_in_viewport()
    tops = [box["y"] for box in (card.bounding_box() for card in cards.all())]
    assert tops[0] == min(tops)
    year_card = page.locator("main article.card", has_text="Schooljaar")
    assert year_card.bounding_box()["y"] > 844  # the school year is below the first screen
    # The card's link leads to the notifications.
    first.get_by_role("link", name="ongelezen meldingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
