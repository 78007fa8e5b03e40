"""Browser: logging in (good and bad password) and switching the language."""

import re

from playwright.sync_api import expect


def test_login_with_the_right_password_lands_on_the_school(login, member, school):
    page = login(member)
    expect(page).to_have_url(re.compile(rf"/{school.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goedendag, Mila")
    expect(page.get_by_text("De Linde").first).to_be_visible()


def test_login_with_a_wrong_password_shows_a_dutch_message(login, member, page):
    login(member, password="niet-mijn-wachtwoord")
    expect(page.get_by_text("Dit e-mailadres en wachtwoord horen niet bij elkaar")).to_be_visible()
    expect(page.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_language_switch_to_english_and_back(login, member, school):
    page = login(member)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello, Mila")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/{school.slug}/$"))
    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goedendag, Mila")
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_team_page_on_a_phone(login, leader, member, school, page):
    page.set_viewport_size({"width": 375, "height": 740})
    login(leader)
    page.goto(page.url + "team/")
    expect(page.get_by_role("cell", name="Mila Lid", exact=True)).to_be_visible()
    # No sideways scrolling of the whole page on a phone (wide tables scroll inside their own box).
    assert page.evaluate("document.documentElement.scrollWidth") <= 376
