"""Browser: a leader invites a colleague who sets a password; a leader imports the team from a file."""

import re

from django.core import mail
from playwright.sync_api import expect


def test_invitation_from_leader_to_new_colleague(login, leader, school, page, live_server):
    login(leader)
    page.goto(f"{live_server.url}/{school.slug}/team/")
    page.get_by_role("button", name="Collega uitnodigen").click()
    page.get_by_label("Naam").fill("Nora Nieuw")
    page.get_by_label("E-mailadres").fill("nora@linde.test")
    page.get_by_label("Functie").select_option("ib")
    page.get_by_label("Fte").fill("0,6")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_text("De uitnodiging is verstuurd naar nora@linde.test")).to_be_visible()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/uitnodiging/\S+/", mail.outbox[0].body).group(0)
    path = "/uitnodiging/" + link.split("/uitnodiging/", 1)[1]
    # The invitee opens the link in a fresh browser context (not logged in).
    context = page.context.browser.new_context(locale="nl-NL")
    guest = context.new_page()
    guest.goto(live_server.url + path)
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Welkom bij De Linde")
    guest.get_by_label("Kies een wachtwoord").fill("Zomer-aan-zee-2026")
    guest.get_by_label("Herhaal het wachtwoord").fill("Zomer-aan-zee-2026")
    guest.get_by_role("button", name="Wachtwoord opslaan en inloggen").click()
    expect(guest).to_have_url(re.compile(rf"/{school.slug}/$"))
    expect(guest.get_by_role("heading", level=1)).to_contain_text("Goedendag, Nora")
    # The same link a second time: a clear Dutch page.
    guest.goto(live_server.url + path)
    expect(guest.get_by_text("Deze uitnodiging is al gebruikt")).to_be_visible()
    context.close()


def test_team_import_with_a_bad_row(login, leader, school, page, live_server, tmp_path):
    csv = tmp_path / "team.csv"
    csv.write_bytes(
        "naam;e-mail;functie;fte\nAnna Appel;anna@linde.test;Leerkracht;0,8\nFout Adres;geen-mail;Leerkracht;1\nBen Bos;ben@linde.test;IB'er;1\n".encode(
            "cp1252"
        )
    )
    login(leader)
    page.goto(f"{live_server.url}/{school.slug}/team/")
    page.get_by_role("button", name=re.compile("Team inlezen")).click()
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(csv))
    page.get_by_role("button", name="Bestand controleren").click()
    problems = page.locator("table.import-problems")
    expect(problems).to_contain_text("Fout Adres")
    expect(problems).to_contain_text("ongeldig e-mailadres")
    page.get_by_role("button", name=re.compile("Bevestig: 2 mensen inlezen")).click()
    # Everyone is invited; nobody joins the team before accepting (issue 13.7).
    expect(page).to_have_url(re.compile(rf"/{school.slug}/team/uitnodigingen/$"))
    expect(page.get_by_text("2 mensen kregen een uitnodiging")).to_be_visible()
    table = page.locator("main table")
    expect(table).to_contain_text("Anna Appel")
    expect(table).to_contain_text("Ben Bos")
    expect(table).not_to_contain_text("Fout Adres")
