"""Browser: the leader opens a network round, five colleagues read the explanation and answer in the
grid (two agree to be named), the leader closes it and everyone sees the team picture as an SVG."""

from playwright.sync_api import expect

from gespreid.network.models import Response, Tie


def test_answering_and_seeing_the_team_picture(live_server, page, login, school, leader, make_member):
    colleagues = [make_member(school, f"{n} Netwerk") for n in ["Anna", "Bart", "Cem", "Dirk", "Eef"]]

    login(leader)
    page.goto(f"{live_server.url}/{school.slug}/netwerk/")
    page.get_by_role("button", name="Nieuwe ronde openen").click()  # a link styled as a button
    page.get_by_label("Titel").fill("Netwerk najaar")
    page.get_by_label("Uitleg vooraf (met het team afgesproken)").fill("We kijken samen, nooit naar één persoon.")
    page.get_by_role("button", name="Ronde openen").click()
    expect(page.get_by_role("heading", name="Netwerk najaar")).to_be_visible()
    detail_url = page.url

    for i, person in enumerate(colleagues):
        page.context.clear_cookies()
        login(person)
        page.goto(f"{live_server.url}/{school.slug}/")
        card = page.locator("article.card", has_text="Netwerkvragen")
        card.get_by_role("link", name="Naar wie ga jij voor advies, hulp en steun?").click()
        expect(page.get_by_text("We kijken samen, nooit naar één persoon.")).to_be_visible()
        following = colleagues[(i + 1) % len(colleagues)]
        page.get_by_label(f"advies over lesgeven: {following.name}").select_option("3")
        page.get_by_label(f"persoonlijke steun: {leader.name}").select_option("1")
        if i < 2:
            page.get_by_label("Ik vind het goed dat mijn naam in de uitkomsten staat").check()
        page.get_by_role("button", name="Antwoorden opslaan").click()
        expect(page.get_by_text("Dank je wel, je antwoorden zijn opgeslagen.")).to_be_visible()
        expect(page.locator("svg.network-drawing")).to_have_count(0)  # nothing before closing

    assert Response.objects.count() == 5 and Tie.objects.count() == 10

    page.context.clear_cookies()
    login(leader)
    page.goto(detail_url)
    page.get_by_role("button", name="Ronde sluiten en uitkomsten tonen").click()
    expect(page.get_by_role("heading", name="Het beeld van het team")).to_be_visible()

    page.context.clear_cookies()
    login(colleagues[4])
    page.goto(detail_url)
    drawing = page.locator("svg.network-drawing")
    expect(drawing).to_be_visible()
    expect(drawing.locator("title").first).to_contain_text("Netwerk van het team")
    names = drawing.locator("g.names text")
    expect(names).to_have_count(2)  # only Anna and Bart agreed
    assert set(names.all_text_contents()) == {colleagues[0].name, colleagues[1].name}
    assert colleagues[4].name not in drawing.inner_html()
    page.get_by_label("Kleur", exact=True).select_option("rol")
    page.get_by_role("button", name="Tonen").click()
    expect(page.locator("svg.network-drawing")).to_be_visible()
