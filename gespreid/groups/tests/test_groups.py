import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gespreid.core import school_cache
from gespreid.core.models import AuditEntry, Notification
from gespreid.groups import cycle
from gespreid.groups.models import Action, CycleEntry, Group, GroupMember, Meeting


def url(name, school, *args):
    return reverse(f"groups:{name}", args=[school.slug, *args])


# List and page -------------------------------------------------------------


def test_list_shows_what_each_group_does_and_who_is_in_it(member_client, school, group, teacher_leader):
    html = member_client.get(url("group-list", school)).content.decode()
    assert "Rekenen PLG" in html and "Beter rekenonderwijs" in html
    assert teacher_leader.name in html
    assert "Vraag" in html


def test_list_empty_state_explains_next_step(leader_client, school, leader):
    html = leader_client.get(url("group-list", school)).content.decode()
    assert "Nog geen groepen" in html and "Nieuwe groep" in html


def test_list_offers_members_to_start_a_group(member_client, school):
    assert "Zelf een groep starten" in member_client.get(url("group-list", school)).content.decode()


def test_list_queries_do_not_grow_with_groups(member_client, school, year, make_member, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            g = Group.objects.create(school=school, school_year=year, name=f"G{i}-{n}")
            for _ in range(3):
                GroupMember.objects.create(group=g, user=make_member(school))

    add(2)
    member_client.get(url("group-list", school))
    with django_assert_max_num_queries(12) as ctx:
        member_client.get(url("group-list", school))
    few = len(ctx.captured_queries)
    add(15)
    member_client.get(url("group-list", school))  # new members change the team version: warm its cache
    with django_assert_max_num_queries(few):
        assert member_client.get(url("group-list", school)).status_code == 200


def test_group_page_shows_cycle_members_and_where_the_group_is(member_client, school, group, teacher_leader):
    group.stage = "analyse"
    group.save()
    html = member_client.get(url("group-detail", school, group.pk)).content.decode()
    assert "De groep is nu bij: <strong>Analyse</strong>" in html
    for label in ["Vraag", "Wat weten we", "Analyse", "Voorstel", "Uitproberen", "Evaluatie"]:
        assert label in html
    assert teacher_leader.name in html


def test_group_page_queries_do_not_grow_with_entries(
    member_client, school, group, teacher_leader, django_assert_max_num_queries
):
    CycleEntry.objects.bulk_create(
        [CycleEntry(group=group, stage="vraag", author=teacher_leader, text=f"e{i}") for i in range(5)]
    )
    first = Meeting.objects.create(group=group, held_on=datetime.date.today())
    Action.objects.create(group=group, meeting=first, text="eerste", owner=teacher_leader)
    member_client.get(url("group-detail", school, group.pk))
    school_cache.school_changed(school.pk)  # cold, like the page after the writes below (groups.detail)
    with django_assert_max_num_queries(30) as ctx:
        member_client.get(url("group-detail", school, group.pk))
    few = len(ctx.captured_queries)
    CycleEntry.objects.bulk_create(
        [
            CycleEntry(group=group, stage=s, author=teacher_leader, text=f"e{i}")
            for i in range(40)
            for s in ("vraag", "weten", "analyse")
        ]
    )
    m = Meeting.objects.create(group=group, held_on=datetime.date.today())
    Action.objects.bulk_create([Action(group=group, meeting=m, text=f"a{i}", owner=teacher_leader) for i in range(30)])
    with django_assert_max_num_queries(few):
        response = member_client.get(url("group-detail", school, group.pk))
    html = response.content.decode()
    assert html.count('class="entry"') == 10  # one page
    assert "Pagina 1 van 5" in html
    with django_assert_max_num_queries(3):  # warm: the session, the user and the membership only
        assert "Pagina 1 van 5" in member_client.get(url("group-detail", school, group.pk)).content.decode()


def test_group_page_links_to_proposal_and_highlight_only_when_those_exist(tl_client, school, group):
    html = tl_client.get(url("group-detail", school, group.pk)).content.decode()
    # Other apps may not have these views yet: the page must render either way.
    from django.urls import NoReverseMatch

    try:
        proposal = reverse("decisions:proposal-create", args=[school.slug])
    except NoReverseMatch:
        proposal = None
    if proposal:
        assert f"{proposal}?group={group.pk}" in html
    else:
        assert "Nieuw voorstel voor het team" not in html


# Create and edit --------------------------------------------------------------


def test_leader_creates_a_group(leader_client, school, year, teacher_leader, member):
    response = leader_client.post(
        url("group-create", school),
        {
            "name": "Leesplezier",
            "kind": "werkgroep",
            "goal": "Meer lezen",
            "lead": teacher_leader.pk,
            "members": [member.pk],
            "is_open": "on",
            "facilitated_hours": "20",
        },
    )
    group = Group.objects.get(name="Leesplezier")
    assert response.status_code == 302
    assert group.school == school and group.school_year == year and group.lead == teacher_leader
    assert list(group.members.all()) == [member]
    assert AuditEntry.objects.filter(action="groups.create").exists()


def test_member_starts_a_group_they_lead_themselves(member_client, school, member, teacher_leader):
    data = {"name": "Buitenlessen", "kind": "werkgroep", "lead": teacher_leader.pk, "facilitated_hours": "0"}
    response = member_client.post(url("group-create", school), data)
    assert response.status_code == 200  # may not appoint someone else as lead
    assert not Group.objects.exists()
    data["lead"] = member.pk
    assert member_client.post(url("group-create", school), data).status_code == 302
    group = Group.objects.get()
    assert group.lead == member and group.members.filter(pk=member.pk).exists()


@pytest.mark.parametrize("hours", ["-1", "abc", "99999"])
def test_bad_hours_give_a_dutch_message_and_nothing_is_saved(leader_client, school, hours):
    response = leader_client.post(
        url("group-create", school), {"name": "X", "kind": "werkgroep", "facilitated_hours": hours}
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Group.objects.exists()


def test_lead_edits_group_and_members(tl_client, school, group, teacher_leader, member):
    response = tl_client.post(
        url("group-edit", school, group.pk),
        {
            "name": "Rekenen PLG 2",
            "kind": "plg",
            "lead": teacher_leader.pk,
            "members": [member.pk, teacher_leader.pk],
            "facilitated_hours": "10",
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Rekenen PLG 2" and group.is_open is False
    assert set(group.members.all()) == {member, teacher_leader}


def test_member_may_not_edit_a_group(member_client, school, group):
    assert member_client.get(url("group-edit", school, group.pk)).status_code == 403
    assert member_client.post(url("group-edit", school, group.pk), {"name": "Gekaapt"}).status_code == 403
    group.refresh_from_db()
    assert group.name == "Rekenen PLG"


def test_edit_form_only_offers_people_of_this_school(leader_client, school, group, outsider):
    response = leader_client.post(
        url("group-edit", school, group.pk), {"name": "X", "kind": "plg", "lead": outsider.pk, "facilitated_hours": "0"}
    )
    assert response.status_code == 200
    group.refresh_from_db()
    assert group.lead != outsider


# Join and leave -------------------------------------------------------------------


def test_member_joins_an_open_group_and_leaves(member_client, school, group, member, teacher_leader):
    member_client.post(url("group-join", school, group.pk))
    assert group.members.filter(pk=member.pk).exists()
    assert Notification.objects.filter(user=teacher_leader, message__contains="doet mee").exists()
    member_client.post(url("group-leave", school, group.pk))
    assert not group.members.filter(pk=member.pk).exists()


def test_joining_a_closed_group_gives_a_clear_message(member_client, school, group, member):
    group.is_open = False
    group.save()
    response = member_client.post(url("group-join", school, group.pk), follow=True)
    assert "gesloten voor nieuwe leden" in response.content.decode()
    assert not group.members.filter(pk=member.pk).exists()


def test_join_is_post_only(member_client, school, group):
    assert member_client.get(url("group-join", school, group.pk)).status_code == 405


# Stage, entries, files ---------------------------------------------------------------


def test_lead_moves_the_stage_members_are_told(tl_client, school, group, member):
    GroupMember.objects.create(group=group, user=member)
    tl_client.post(url("group-stage", school, group.pk), {"stage": "weten"})
    group.refresh_from_db()
    assert group.stage == "weten"
    assert Notification.objects.filter(user=member, message__contains="Wat weten we").exists()


def test_member_may_not_move_the_stage_and_bad_stage_is_refused(member_client, tl_client, school, group, member):
    GroupMember.objects.create(group=group, user=member)
    assert member_client.post(url("group-stage", school, group.pk), {"stage": "evaluatie"}).status_code == 403
    response = tl_client.post(url("group-stage", school, group.pk), {"stage": "onzin"}, follow=True)
    assert "Kies een fase" in response.content.decode()
    group.refresh_from_db()
    assert group.stage == "vraag"


def test_group_member_adds_entry_with_link(member_client, school, group, member):
    GroupMember.objects.create(group=group, user=member)
    response = member_client.post(
        url("entry-create", school, group.pk),
        {"stage": "weten", "text": "Artikel over feedback", "link": "https://example.org/a"},
    )
    assert response.status_code == 302
    entry = CycleEntry.objects.get()
    assert entry.author == member and entry.stage == "weten" and entry.link == "https://example.org/a"
    html = member_client.get(url("group-detail", school, group.pk) + "?fase=weten").content.decode()
    assert "Artikel over feedback" in html and member.name in html


def test_non_member_may_not_add_entries(member_client, school, group):
    assert member_client.post(url("entry-create", school, group.pk), {"stage": "vraag", "text": "x"}).status_code == 403
    assert not CycleEntry.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"stage": "vraag", "text": ""}, "Schrijf kort op"),
        ({"stage": "vraag", "text": "x" * 2001}, "niet meer dan 2000 tekens"),
        ({"stage": "nee", "text": "x"}, "geldige keuze"),
        ({"stage": "vraag", "text": "x", "link": "geen url"}, "geen geldig webadres"),
    ],
)
def test_bad_entry_input_is_refused_in_dutch(tl_client, school, group, data, message):
    response = tl_client.post(url("entry-create", school, group.pk), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CycleEntry.objects.exists()


PDF = b"%PDF-1.4\n%test\n"


def test_file_is_stored_privately_and_served_only_to_members(
    tl_client, member_client, outsider_client, school, group, client
):
    upload = SimpleUploadedFile("Onderzoek rekenen.pdf", PDF, content_type="application/pdf")
    tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "Rapport", "file": upload})
    entry = CycleEntry.objects.get()
    assert entry.file_name == "Onderzoek rekenen.pdf"
    assert "Onderzoek" not in entry.file.name  # random name on disk
    file_url = url("entry-file", school, group.pk, entry.pk)
    response = member_client.get(file_url)  # any school member may read what the group knows
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert outsider_client.get(file_url).status_code == 404
    assert client.get(file_url).status_code == 302  # anonymous: login
    # The file has no public URL: the page links only to the view.
    html = member_client.get(url("group-detail", school, group.pk) + "?fase=weten").content.decode()
    assert file_url in html and entry.file.name not in html


def test_outsider_cannot_reach_a_file_through_their_own_school(
    outsider_client, other_school, tl_client, school, group, other_group
):
    upload = SimpleUploadedFile("a.pdf", PDF)
    tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "Rapport", "file": upload})
    entry = CycleEntry.objects.get()
    assert outsider_client.get(url("entry-file", other_school, group.pk, entry.pk)).status_code == 404
    assert outsider_client.get(url("entry-file", other_school, other_group.pk, entry.pk)).status_code == 404


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("virus.exe", b"MZ\x90\x00", "Dit soort bestand kan niet"),
        ("nep.pdf", b"<html>nope</html>", "past niet bij de naam"),
        ("leeg.pdf", b"", "leeg"),
        ("binair.txt", b"abc\x00def", "geen leesbare tekst"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_saved(tl_client, school, group, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = tl_client.post(
        url("entry-create", school, group.pk), {"stage": "weten", "text": "Mijn tekst blijft staan", "file": upload}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Mijn tekst blijft staan" in html  # nothing lost
    assert not CycleEntry.objects.exists()


def test_too_large_file_is_refused(tl_client, school, group, monkeypatch):
    from gespreid.groups import files

    monkeypatch.setattr(files, "MAX_BYTES", 10)
    upload = SimpleUploadedFile("groot.pdf", PDF + b"x" * 20)
    response = tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "x", "file": upload})
    assert "te groot" in response.content.decode()
    assert not CycleEntry.objects.exists()


# Meetings and actions ----------------------------------------------------------------------


def test_meeting_with_agreements_and_actions(tl_client, school, group, member):
    GroupMember.objects.create(group=group, user=member)
    data = {
        "held_on": "2026-10-01",
        "notes": "Goed gesprek",
        "agreements": "We lezen hoofdstuk 2",
        "acties-TOTAL_FORMS": "3",
        "acties-INITIAL_FORMS": "0",
        "acties-0-text": "Artikel rondsturen",
        "acties-0-owner": member.pk,
        "acties-0-due_on": "2026-10-08",
        "acties-1-text": "",
        "acties-2-text": "",
    }
    response = tl_client.post(url("meeting-create", school, group.pk), data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    action = Action.objects.get()
    assert meeting.agreements == "We lezen hoofdstuk 2"
    assert action.owner == member and action.due_on == datetime.date(2026, 10, 8) and not action.done
    assert Notification.objects.filter(user=member, message__contains="actie").exists()
    html = tl_client.get(url("group-detail", school, group.pk)).content.decode()
    assert "Artikel rondsturen" in html and "We lezen hoofdstuk 2" in html


def test_action_without_text_is_refused_and_meeting_not_saved(tl_client, school, group, teacher_leader):
    data = {
        "held_on": "2026-10-01",
        "acties-TOTAL_FORMS": "1",
        "acties-INITIAL_FORMS": "0",
        "acties-0-text": "",
        "acties-0-owner": teacher_leader.pk,
    }
    response = tl_client.post(url("meeting-create", school, group.pk), data)
    assert response.status_code == 200 and "Schrijf op wat de actie is" in response.content.decode()
    assert not Meeting.objects.exists()


def test_meeting_bad_date(tl_client, school, group):
    response = tl_client.post(
        url("meeting-create", school, group.pk),
        {"held_on": "31-31-2026", "acties-TOTAL_FORMS": "0", "acties-INITIAL_FORMS": "0"},
    )
    assert "geldige datum" in response.content.decode()
    assert not Meeting.objects.exists()


def test_action_owner_must_be_in_group(tl_client, school, group, leader):
    data = {
        "held_on": "2026-10-01",
        "acties-TOTAL_FORMS": "1",
        "acties-INITIAL_FORMS": "0",
        "acties-0-text": "x",
        "acties-0-owner": leader.pk,
    }
    response = tl_client.post(url("meeting-create", school, group.pk), data)
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_toggle_action_done_with_and_without_htmx(tl_client, member_client, school, group):
    action = Action.objects.create(group=group, text="Bellen")
    tl_client.post(url("action-toggle", school, group.pk, action.pk), {"done": "1"})
    action.refresh_from_db()
    assert action.done and action.done_at
    response = tl_client.post(url("action-toggle", school, group.pk, action.pk), {"done": "0"}, HTTP_HX_REQUEST="true")
    action.refresh_from_db()
    assert not action.done
    assert response.content.decode().strip().startswith("<li")
    assert member_client.post(url("action-toggle", school, group.pk, action.pk), {"done": "1"}).status_code == 403


def test_meeting_list_pages(member_client, school, group):
    for i in range(12):
        Meeting.objects.create(group=group, held_on=datetime.date(2026, 9, 1) + datetime.timedelta(days=i))
    html = member_client.get(url("meeting-list", school, group.pk)).content.decode()
    assert "Pagina 1 van 2" in html


# Walls ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["group-detail", "group-edit", "entry-create", "meeting-create", "meeting-list"])
def test_outsider_gets_404_also_through_own_school_slug(outsider_client, school, other_school, group, name):
    assert outsider_client.get(url(name, school, group.pk)).status_code == 404
    assert outsider_client.get(url(name, other_school, group.pk)).status_code == 404


def test_outsider_cannot_join_or_toggle_through_own_school(outsider_client, other_school, group):
    action = Action.objects.create(group=group, text="x")
    assert outsider_client.post(url("group-join", other_school, group.pk)).status_code == 404
    assert (
        outsider_client.post(url("action-toggle", other_school, group.pk, action.pk), {"done": "1"}).status_code == 404
    )
    action.refresh_from_db()
    assert not action.done


# Card and domain ------------------------------------------------------------------------------------


def test_home_card_shows_my_groups_and_next_step(tl_client, school, group, teacher_leader):
    Action.objects.create(
        group=group, text="Literatuur zoeken", owner=teacher_leader, due_on=datetime.date(2026, 12, 1)
    )
    html = tl_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Mijn werkgroepen" in html and "Rekenen PLG" in html and "Literatuur zoeken" in html


def test_no_card_without_groups(member_client, school, member):
    assert "Mijn werkgroepen" not in member_client.get(reverse("core:home", args=[school.slug])).content.decode()


def test_stage_overview_and_next_stage():
    overview = cycle.stage_overview("analyse", {"vraag": 2, "analyse": 1})
    assert [s.state for s in overview] == ["done", "done", "current", "todo", "todo", "todo"]
    assert overview[0].count == 2 and overview[3].count == 0
    assert cycle.next_stage("vraag") == "weten"
    assert cycle.next_stage("evaluatie") is None
    assert "onderzoeksvraag" in cycle.next_step("vraag")


def test_group_page_in_english(member_client, school, group):
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = member_client.get(url("group-detail", school, group.pk)).content.decode()
    assert "Research cycle" in html and "What we know" in html


@pytest.mark.parametrize("query", ["?fase=onzin", "?pagina=abc", "?fase=vraag&pagina=999", "?pagina=-1"])
def test_odd_query_strings_do_not_break_the_group_page(member_client, school, group, query):
    CycleEntry.objects.create(group=group, stage="vraag", text="Eerste vraag")
    response = member_client.get(url("group-detail", school, group.pk) + query)
    assert response.status_code == 200 and "Eerste vraag" in response.content.decode()


def test_huge_upload_is_refused_before_reading(tl_client, school, group, monkeypatch):
    from gespreid.groups import views

    monkeypatch.setattr(views, "MAX_REQUEST_BYTES", 100)
    upload = SimpleUploadedFile("groot.pdf", PDF + b"x" * 200_000)
    response = tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "x", "file": upload})
    assert response.status_code == 413 and "te groot" in response.content.decode()
    assert not CycleEntry.objects.exists()


def test_page_links_to_its_priority_proposals_and_highlights(member_client, school, group, leader):
    from gespreid.decisions.models import Proposal
    from gespreid.priorities.models import Priority

    priority = Priority.objects.create(school=school, title="Rekenen met begrip", first_year=group.school_year)
    group.priority = priority
    group.save(update_fields=["priority"])
    proposal = Proposal.objects.create(
        school=school, title="Elke dag automatiseren", problem="x", author=leader, group=group
    )
    html = member_client.get(url("group-detail", school, group.pk)).content.decode()
    assert reverse("priorities:priority-detail", args=[school.slug, priority.pk]) in html
    assert reverse("decisions:proposal-detail", args=[school.slug, proposal.pk]) in html
    assert f"?group={group.pk}" in html and "Highlights van deze groep" in html


def test_page_without_proposals_says_what_to_do(tl_client, school, group):
    html = tl_client.get(url("group-detail", school, group.pk)).content.decode()
    assert "nog geen voorstel" in html and "Leg het voor" in html


@pytest.mark.parametrize("name, fmt", [("bord.jpg", "JPEG"), ("bord.png", "PNG")])
def test_a_photo_loses_its_gps_and_camera_data(tl_client, member_client, school, group, name, fmt):
    """Issue 13.8: a group file that is a photo is stored without EXIF (GPS, camera), as highlights do."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show upright
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 5.0, 30.0), "E", (5.0, 7.0, 15.0)
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, fmt, exif=exif)
    assert b"GeheimeCamera" in out.getvalue()
    upload = SimpleUploadedFile(name, out.getvalue())
    response = tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "Foto", "file": upload})
    assert response.status_code == 302
    entry = CycleEntry.objects.get()
    stored = b"".join(member_client.get(url("entry-file", school, group.pk, entry.pk)).streaming_content)
    assert b"GeheimeCamera" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == fmt and not image.getexif() and image.size == (20, 40)  # turned upright


def test_a_broken_photo_is_refused_in_dutch(tl_client, school, group):
    upload = SimpleUploadedFile("kapot.jpg", b"\xff\xd8\xff" + b"rommel" * 50)
    response = tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "Foto", "file": upload})
    assert response.status_code == 200 and "kunnen we niet lezen" in response.content.decode()
    assert not CycleEntry.objects.exists()


def test_after_an_entry_the_form_for_the_next_is_open_at_the_top_of_the_stage(member_client, school, group, member):
    from lxml import html as lxml_html

    GroupMember.objects.create(group=group, user=member)
    for text in ("Eerste bron", "Tweede bron"):
        response = member_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": text})
        assert response.status_code == 302 and response["Location"].endswith("?fase=weten&toegevoegd=1#bijdrage")
    page = lxml_html.fromstring(member_client.get(response["Location"]).content)
    (details,) = page.xpath('//details[@id="bijdrage"]')
    assert details.get("open") is not None  # shown again, ready for the next entry
    assert details.xpath('.//select[@name="stage"]/option[@selected]/@value') == ["weten"]
    # Above the entries of the stage, so a long list does not push it out of reach.
    entries = page.xpath('//ul[@class="entries"]')[0]
    assert details.getparent() is entries.getparent()
    assert details.getparent().index(details) < entries.getparent().index(entries)
    # Coming back later, with entries, the form is folded but still at the top.
    later = lxml_html.fromstring(member_client.get(url("group-detail", school, group.pk) + "?fase=weten").content)
    assert later.xpath('//details[@id="bijdrage"]')[0].get("open") is None
