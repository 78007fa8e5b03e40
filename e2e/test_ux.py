"""Browser: the newcomer's walk — section navigation on a phone and on a laptop, date fields that keep their value."""

import re

from playwright.sync_api import expect


def test_section_nav_folds_into_a_menu_on_a_phone(login, member, school, page):
    page.set_viewport_size({"width": 390, "height": 844})
    login(member)
    nav = page.get_by_role("navigation", name="Onderdelen")
    expect(nav.get_by_text("Menu", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Werkgroepen")).to_have_count(0)  # hidden until the menu opens
    nav.get_by_text("Menu", exact=True).click()
    nav.get_by_role("link", name="Werkgroepen").click()
    expect(page).to_have_url(re.compile(rf"/{school.slug}/werkgroepen/$"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 391


def test_section_nav_is_one_row_of_links_on_a_laptop(login, member, school, page):
    page.set_viewport_size({"width": 1280, "height": 800})
    login(member)
    nav = page.get_by_role("navigation", name="Onderdelen")
    expect(nav.get_by_text("Menu", exact=True)).to_be_hidden()
    nav.get_by_role("link", name="Speerpunten").click()
    expect(page).to_have_url(re.compile(rf"/{school.slug}/speerpunten/$"))
