"""Browser: a colleague joins an open group, adds what the group knows, and the cycle shows it."""

from playwright.sync_api import expect

from gespreid.groups.models import CycleEntry, Group


def test_member_joins_and_adds_to_the_cycle(live_server, page, login, school, year, teacher_leader, member):
    group = Group.objects.create(
        school=school, school_year=year, name="Werkgroep Lezen", lead=teacher_leader, stage="weten"
    )
    login(member)
    page.goto(f"{live_server.url}/{school.slug}/werkgroepen/")
    page.get_by_role("link", name="Werkgroep Lezen").click()
    page.get_by_role("button", name="Meedoen").click()
    expect(page.get_by_text("Je doet nu mee met deze groep.")).to_be_visible()
    page.locator("#id_entry_text").fill("Artikel over leesmotivatie")
    page.get_by_label("Link (literatuur, artikel, gegevens)").fill("https://example.org/lezen")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Toegevoegd aan de onderzoekscyclus.")).to_be_visible()
    expect(page.locator(".entry", has_text="Artikel over leesmotivatie")).to_be_visible()
    assert CycleEntry.objects.get().group == group
