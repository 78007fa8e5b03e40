"""The group page keeps its parts rendered (groups.detail, core.school_cache): every change shows at once,
keys never mix between people, roles or schools, and a warm page costs only the request's own queries."""

import re

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from gespreid.groups import cycle, membership, processing
from gespreid.groups.models import Action, CycleEntry, Group, Meeting


def url(name, school, *args):
    return reverse(f"groups:{name}", args=[school.slug, *args])


def page(client, school, group, query=""):
    response = client.get(url("group-detail", school, group.pk) + query)
    assert response.status_code == 200
    return response.content.decode()


def members(html):
    return re.search(r'<ul class="member-list">.*?</ul>', html, re.S).group(0)


def test_a_new_entry_shows_at_once(tl_client, member_client, school, group):
    assert "Onze onderzoeksvraag" not in page(member_client, school, group)
    response = tl_client.post(url("entry-create", school, group.pk), {"stage": "vraag", "text": "Onze onderzoeksvraag"})
    assert response.status_code == 302
    html = page(member_client, school, group)
    assert "Onze onderzoeksvraag" in html and "1 bijdrage" in html


def test_stage_join_leave_and_members_show_at_once(tl_client, member_client, school, group, member, leader):
    assert "De groep is nu bij: <strong>Vraag</strong>" in page(member_client, school, group)
    tl_client.post(url("group-stage", school, group.pk), {"stage": "weten"})
    assert "De groep is nu bij: <strong>Wat weten we</strong>" in page(member_client, school, group)
    assert member.name not in members(page(tl_client, school, group))
    member_client.post(url("group-join", school, group.pk))
    assert member.name in members(page(tl_client, school, group))
    assert "Uit de groep stappen" in page(member_client, school, group)
    member_client.post(url("group-leave", school, group.pk))
    assert member.name not in members(page(tl_client, school, group))
    # the member list set outside a request (bulk_create, no signal): set_members gives a new version
    membership.set_members(leader, group, [group.lead, leader])
    assert leader.name in members(page(member_client, school, group))


def test_meetings_and_actions_show_at_once(tl_client, member_client, school, group, teacher_leader):
    assert "Geen open acties." in page(tl_client, school, group)
    cycle.record_meeting(
        teacher_leader,
        group,
        held_on=timezone.localdate(),
        notes="Eerste overleg",
        agreements="",
        actions=[{"text": "Artikel lezen", "owner": teacher_leader, "due_on": None}],
    )
    html = page(tl_client, school, group)
    assert "Eerste overleg" in html and "Artikel lezen" in html and "Geen open acties." not in html
    action = Action.objects.get()
    # without JavaScript: the button submits the page's one form to its own address, with its name/value
    response = tl_client.post(url("action-toggle", school, group.pk, action.pk), {"done": "1"})
    assert response.status_code == 302
    assert "Geen open acties." in page(tl_client, school, group)


def test_no_csrf_token_in_kept_parts_one_form_for_the_actions(tl_client, member_client, school, group):
    action = Action.objects.create(
        group=group, meeting=Meeting.objects.create(group=group, held_on=timezone.localdate()), text="Bellen"
    )
    html = page(tl_client, school, group)
    assert html.count('id="action-form"') == 1
    toggle = url("action-toggle", school, group.pk, action.pk)
    item = re.search(r'<li class="action-item">.*?</li>', html, re.S).group(0)
    assert f'form="action-form" formaction="{toggle}" name="done" value="1"' in item
    assert "csrfmiddlewaretoken" not in item
    # a colleague who is not in the group: no buttons, no form
    html = page(member_client, school, group)
    assert 'id="action-form"' not in html and f'formaction="{toggle}"' not in html and "Bellen" in html


def test_roles_and_people_do_not_mix(tl_client, member_client, leader_client, school, group):
    edit = url("group-edit", school, group.pk)
    lead_html = page(tl_client, school, group)
    assert edit in lead_html and "Fase opslaan" in lead_html and "Overleg vastleggen" in lead_html
    member_html = page(member_client, school, group)
    assert edit not in member_html and "Fase opslaan" not in member_html and "Overleg vastleggen" not in member_html
    assert "Meedoen" in member_html
    leader_html = page(leader_client, school, group)
    assert edit in leader_html and "Overleg vastleggen" in leader_html
    assert "Overleg vastleggen" in page(tl_client, school, group)


def test_schools_do_not_mix(tl_client, outsider_client, school, other_school, group, other_group):
    CycleEntry.objects.create(group=group, stage="vraag", text="Alleen van De Linde")
    assert "Alleen van De Linde" in page(tl_client, school, group)
    assert outsider_client.get(url("group-detail", other_school, group.pk)).status_code == 404
    html = page(outsider_client, other_school, other_group)
    assert "Alleen van De Linde" not in html and other_group.name in html


def test_a_deleted_group_is_gone_at_once(tl_client, school, group):
    page(tl_client, school, group)
    Group.objects.filter(pk=group.pk).delete()
    assert tl_client.get(url("group-detail", school, group.pk)).status_code == 404


def test_stages_and_pages_have_their_own_entries(member_client, school, group, teacher_leader):
    for i in range(12):
        cycle.add_entry(teacher_leader, group, stage="vraag", text=f"Vraag nummer {i:02d}")
    cycle.add_entry(teacher_leader, group, stage="weten", text="Wat we weten")
    first, second = page(member_client, school, group), page(member_client, school, group, "?fase=vraag&pagina=2")
    assert "nummer 11" in first and "nummer 00" not in first
    assert "nummer 00" in second and "nummer 11" not in second
    known = page(member_client, school, group, "?fase=weten")
    assert "Wat we weten" in known and "nummer 11" not in known


def test_the_worker_s_update_shows_at_once(tl_client, school, group, teacher_leader, _media_root):
    """The worker writes with QuerySet.update() (no signal): processing.fail gives the school a new version."""
    entry = CycleEntry.objects.create(group=group, stage="vraag", author=teacher_leader, text="Foto van het bord")
    entry.file.save("bord.jpg", ContentFile(b"not really a photo"), save=False)
    CycleEntry.objects.filter(pk=entry.pk).update(file=entry.file.name, file_name="bord.jpg", file_state="verwerken")
    html = page(tl_client, school, group, "?fase=vraag")
    assert "de foto wordt verwerkt" in html
    processing.fail(CycleEntry.objects.get(pk=entry.pk))
    html = page(tl_client, school, group, "?fase=vraag")
    assert "de foto wordt verwerkt" not in html and "de foto kon niet verwerkt worden" in html


def test_panels_are_kept_per_person(tl_client, member_client, school, group, teacher_leader, leader):
    from gespreid.learning.models import ShareScope, Visit

    Visit.objects.create(
        school=school,
        owner=teacher_leader,
        visitor=leader,
        focus="Hoe stellen we vragen bij rekenen",
        share_scope=ShareScope.GROUP,
        share_group=group,
        shared_at=timezone.now(),
    )
    assert "Hoe stellen we vragen" in page(tl_client, school, group)  # a member of the group
    assert "Hoe stellen we vragen" not in page(member_client, school, group)  # not in the group
    assert "Hoe stellen we vragen" in page(tl_client, school, group)


def test_warm_page_costs_fewer_queries(member_client, school, group, count_queries, django_assert_max_num_queries):
    assert count_queries(member_client, reverse("groups:group-detail", args=[school.slug, group.pk])) > 3
    with django_assert_max_num_queries(3):  # the session, the user and the membership
        page(member_client, school, group)
