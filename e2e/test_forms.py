"""Browser: the searchable checkbox lists and the round form that shows only what its audience needs."""

import re

from playwright.sync_api import expect

from gespreid.work.models import Task


def test_searching_the_areas_of_a_new_task_keeps_what_was_ticked(live_server, page, login, leader, school):
    login(leader)
    page.goto(f"{live_server.url}/{school.slug}/taken/catalogus/nieuw/")
    areas = page.locator("fieldset[data-choice-list]").filter(has=page.locator('input[name="areas"]'))
    search = areas.get_by_label("Zoek in de lijst")
    expect(search).to_be_visible()  # shown by the script; without it the list is all there is
    total = areas.locator('input[type="checkbox"]').count()
    assert total > 8

    search.fill("lezen")
    visible = areas.locator('label:has(input[type="checkbox"]):visible')
    expect(visible.filter(has_text="Begrijpend lezen")).to_have_count(1)
    assert 0 < visible.count() < total
    for text in visible.all_inner_texts():
        assert "lezen" in text.lower()
    areas.get_by_label("Begrijpend lezen").check()
    search.press("Enter")  # filters; it does not send the form
    expect(page).to_have_url(re.compile(r"/catalogus/nieuw/$"))

    search.fill("rekenen")  # something else: what was ticked stays in view
    expect(areas.get_by_label("Begrijpend lezen")).to_be_visible()
    expect(visible.filter(has_text="Taal en lezen")).to_have_count(0)
    search.fill("")
    expect(visible).to_have_count(total)

    page.locator('input[name="name"]').fill("Leesmonitor")
    page.locator('input[name="hours_per_person"]').fill("10")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    task = Task.objects.get(school=school, name="Leesmonitor")
    assert [a.name for a in task.areas.all()] == ["Begrijpend lezen"]


def test_round_form_shows_the_group_or_the_colleagues_for_their_audience(
    live_server, page, login, teacher_leader, school
):
    from gespreid.decisions import consent

    proposal = consent.create_proposal(school, teacher_leader, title="Buiten spelen", problem="x", body="y")
    login(teacher_leader)
    page.goto(f"{live_server.url}/{school.slug}/besluiten/{proposal.pk}/ronde/nieuw/")
    group, people = page.locator('select[name="group"]'), page.locator('input[name="people"]').first
    expect(group).to_be_hidden()  # "Het hele team" is chosen: neither is needed
    expect(people).to_be_hidden()
    page.get_by_label("Een werkgroep").check()
    expect(group).to_be_visible()
    expect(people).to_be_hidden()
    page.get_by_label("Gekozen collega's").check()
    expect(group).to_be_hidden()
    expect(people).to_be_visible()
