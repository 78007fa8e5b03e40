"""Dagdelen, the school calendar, the personal feed, role announcements and roles on the team page (issue 15)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from gespreid.core.models import AuditEntry, Notification
from gespreid.groups.models import Group, GroupMember
from gespreid.work import facilitation, planning
from gespreid.work.models import AnnouncementStatus, CalendarFeed, Dagdeel, Role, RoleAnnouncement


def url(name, school, *args):
    return reverse(f"work:{name}", args=[school.slug, *args])


@pytest.fixture
def tl_role(school, year, teacher_leader):
    """The fixture's teacher-leader role, with what it may decide and two agreed dagdelen."""
    role = Role.objects.get(school=school, holder=teacher_leader)
    role.title, role.dagdelen = "Rekencoördinator", Decimal("2")
    role.responsibilities = "Bewaakt de doorgaande lijn rekenen."
    role.authorities, role.when_to_ask = "Kiest de rekenmethode-aanpak met de bouw.", "Je vragen hebt over rekenen."
    role.save()
    return role


def _monday(year, weeks=3):
    day = year.starts_on + timedelta(weeks=weeks)
    return day - timedelta(days=day.weekday())


def _plan(client, school, role, day, part="ochtend", **extra):
    data = {"day": day.isoformat(), "part": part, "during_school": "on", **extra}
    return client.post(url("role-dagdelen", school, role.pk), data)


# --- Planning dagdelen and the budget --------------------------------------------------------


def test_leader_plans_dagdelen_and_they_count_once(leader_client, school, year, tl_role, teacher_leader, budgets):
    row = planning.budget_rows(school, year, users=[teacher_leader])[0]
    assert row.role_hours == Decimal("8.0")  # 2 agreed dagdelen x 4 h
    day = _monday(year)
    for i, part in enumerate(["ochtend", "middag", "ochtend"]):
        response = _plan(leader_client, school, tl_role, day + timedelta(days=i), part)
        assert response.status_code == 302, response.content.decode()
    assert Dagdeel.objects.filter(role=tl_role, user=teacher_leader).count() == 3
    row = planning.budget_rows(school, year, users=[teacher_leader])[0]
    assert row.role_hours == Decimal("12.0")  # 3 planned > 2 agreed: the planned ones count, not 2 + 3
    assert Notification.objects.filter(user=teacher_leader, message__contains="dagdeel").count() == 3
    assert AuditEntry.objects.filter(action="work.dagdeel_planned").count() == 3


def test_group_hours_are_divided_over_lead_and_members(school, year, leader, teacher_leader, member, budgets):
    group = Group.objects.create(
        school=school, school_year=year, name="PLG lezen", lead=teacher_leader, facilitated_hours=Decimal("30")
    )
    GroupMember.objects.create(group=group, user=member)
    GroupMember.objects.create(group=group, user=leader)
    hours = facilitation.facilitated_hours_by_user(school, year)
    assert hours[teacher_leader.pk] == hours[member.pk] == hours[leader.pk] == Decimal("10.0")
    facilitation.plan_group_dagdelen(leader, group, day=_monday(year), part="middag")
    facilitation.plan_group_dagdelen(leader, group, day=_monday(year) + timedelta(days=1), part="middag")
    facilitation.plan_group_dagdelen(leader, group, day=_monday(year) + timedelta(days=2), part="middag")
    assert Dagdeel.objects.filter(group=group).count() == 9
    membership = school.memberships.get(user=member)
    assert facilitation.facilitated_hours(membership, year) == Decimal("12.0")  # 3 x 4 h > share of 10 h
    row = planning.budget_rows(school, year, users=[member])[0]
    assert row.role_hours == Decimal("12.0")


def test_dagdeel_outside_school_year_is_a_dutch_error(leader_client, school, year, tl_role):
    response = _plan(leader_client, school, tl_role, year.ends_on + timedelta(days=3))
    assert response.status_code == 200
    assert "buiten het schooljaar" in response.content.decode() and not Dagdeel.objects.exists()


def test_overlapping_dagdeel_is_a_dutch_error(leader_client, school, year, tl_role):
    day = _monday(year)
    assert _plan(leader_client, school, tl_role, day).status_code == 302
    response = _plan(leader_client, school, tl_role, day)
    assert response.status_code == 200 and "al een dagdeel" in response.content.decode()
    assert Dagdeel.objects.count() == 1


def test_bad_input_is_a_form_error(leader_client, school, year, tl_role):
    response = leader_client.post(url("role-dagdelen", school, tl_role.pk), {"day": "geen datum", "part": "nacht"})
    assert response.status_code == 200 and not Dagdeel.objects.exists()


def test_over_budget_is_refused_unless_the_leader_gives_a_reason(
    leader_client, tl_client, school, year, tl_role, teacher_leader
):
    from gespreid.work.models import Budget

    # 1 fte, 1100 teaching hours: the task budget is tiny (1659 - 1100 - 440 - 40 - 83 = -4 -> 0)
    Budget.objects.create(
        school=school, school_year=year, user=teacher_leader, fte=Decimal("1"), teaching_hours=Decimal("1100")
    )
    day = _monday(year)
    Role.objects.filter(pk=tl_role.pk).update(dagdelen=0)
    response = _plan(leader_client, school, tl_role, day)
    body = response.content.decode()
    assert response.status_code == 200 and "Tim Trekker" in body and "boven het budget" in body
    assert not Dagdeel.objects.exists()
    assert _plan(tl_client, school, tl_role, day, over_budget_reason="ik wil het").status_code == 403
    response = _plan(leader_client, school, tl_role, day, over_budget_reason="Extra tijd voor de nieuwe methode")
    assert response.status_code == 302
    assert Dagdeel.objects.get().over_budget_reason == "Extra tijd voor de nieuwe methode"
    assert "boven budget" in AuditEntry.objects.get(action="work.dagdeel_planned").summary


def test_holder_may_plan_member_may_not(tl_client, member_client, school, year, tl_role):
    assert tl_client.get(url("role-dagdelen", school, tl_role.pk)).status_code == 200
    assert _plan(tl_client, school, tl_role, _monday(year)).status_code == 302
    assert member_client.get(url("role-dagdelen", school, tl_role.pk)).status_code == 403
    assert _plan(member_client, school, tl_role, _monday(year), "middag").status_code == 403
    assert Dagdeel.objects.count() == 1


def test_only_the_leader_removes_a_dagdeel(leader, leader_client, tl_client, school, year, tl_role):
    dagdeel = facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year), part="ochtend")
    assert tl_client.post(url("dagdeel-remove", school, dagdeel.pk)).status_code == 403
    assert leader_client.post(url("dagdeel-remove", school, dagdeel.pk)).status_code == 302
    assert not Dagdeel.objects.exists()


def test_group_dagdelen_page_is_for_leaders(leader_client, tl_client, school, year, teacher_leader):
    group = Group.objects.create(school=school, school_year=year, name="PLG", lead=teacher_leader)
    assert tl_client.get(url("group-dagdelen", school, group.pk)).status_code == 403
    response = leader_client.post(
        url("group-dagdelen", school, group.pk), {"day": _monday(year).isoformat(), "part": "middag"}
    )
    assert response.status_code == 302 and Dagdeel.objects.get().user == teacher_leader


def test_other_schools_objects_are_404(leader_client, school, other_school, outsider):
    other_year = other_school.current_year()
    role = Role.objects.create(
        school=other_school, holder=outsider, title="x", responsibilities="x", starts_on=other_year.starts_on
    )
    group = Group.objects.create(school=other_school, school_year=other_year, name="G", lead=outsider)
    dagdeel = facilitation.plan_dagdeel(outsider, role, other_year, day=_monday(other_year), part="ochtend")
    assert leader_client.get(url("role-dagdelen", school, role.pk)).status_code == 404
    assert leader_client.get(url("group-dagdelen", school, group.pk)).status_code == 404
    assert leader_client.post(url("dagdeel-remove", school, dagdeel.pk)).status_code == 404
    assert leader_client.get(url("role-announce", school, role.pk)).status_code == 404


# --- The calendar and the feed ---------------------------------------------------------------


def test_calendar_shows_who_is_out_of_class_with_constant_queries(
    member_client, leader, school, year, make_member, django_assert_max_num_queries
):
    def add_people(n, offset):
        for i in range(n):
            person = make_member(school, f"Extra {offset + i}")
            role = Role.objects.create(
                school=school, holder=person, title=f"Rol {i}", responsibilities="x", starts_on=year.starts_on
            )
            for w in range(3):
                facilitation.plan_dagdeel(leader, role, year, day=_monday(year, w + 1), part="ochtend")

    first_week = {"week": year.starts_on.isoformat()}
    add_people(2, 0)
    with django_assert_max_num_queries(12) as few:
        response = member_client.get(url("facilitation-calendar", school), first_week)
    assert response.status_code == 200 and "Extra 1" in response.content.decode()
    add_people(10, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = member_client.get(url("facilitation-calendar", school), first_week)
    assert response.status_code == 200 and "Extra 19" in response.content.decode()


def test_calendar_shows_four_weeks_at_a_time(member_client, leader, school, year, tl_role):
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year, 1), part="ochtend")
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year, 9), part="middag")
    page = member_client.get(url("facilitation-calendar", school), {"week": year.starts_on.isoformat()})
    body = page.content.decode()
    assert body.count("Tim Trekker") == 1 and "Latere weken" in body and "Eerdere weken" not in body
    later = member_client.get(url("facilitation-calendar", school), {"week": _monday(year, 9).isoformat()})
    assert "Tim Trekker" in later.content.decode() and "Eerdere weken" in later.content.decode()
    for bad in ("gisteren", "1900-01-01", "2999-12-31"):  # kept inside the school year, never a 500
        assert member_client.get(url("facilitation-calendar", school), {"week": bad}).status_code == 200


def test_feed_is_secret_and_revocable(tl_client, client, leader, school, year, tl_role, teacher_leader):
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year), part="middag")
    assert tl_client.post(url("feed-renew", school)).status_code == 302
    token = CalendarFeed.objects.get(user=teacher_leader).token
    response = client.get(f"/agenda/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Rekencoördinator" in body and "T130000" in body
    page = tl_client.get(url("facilitation-mine", school)).content.decode()
    assert token in page and "Rekencoördinator" in page
    tl_client.post(url("feed-renew", school))
    assert client.get(f"/agenda/{token}.ics").status_code == 404  # the old address stops
    new = CalendarFeed.objects.get(user=teacher_leader).token
    tl_client.post(url("feed-revoke", school))
    assert client.get(f"/agenda/{new}.ics").status_code == 404
    assert client.get("/agenda/verzonnen.ics").status_code == 404


def test_feed_stops_when_the_person_leaves(client, school, teacher_leader):
    feed = facilitation.renew_feed(school, teacher_leader)
    school.memberships.filter(user=teacher_leader).update(is_active=False)
    assert client.get(f"/agenda/{feed.token}.ics").status_code == 404


def test_my_dagdelen_shows_my_hours(tl_client, leader, school, year, tl_role):
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year), part="middag")
    body = tl_client.get(url("facilitation-mine", school)).content.decode()
    assert "8,0" in body and "Rekencoördinator" in body


# --- Announcing a role ---------------------------------------------------------------------------


def _announce(client, school, role):
    return client.post(
        url("role-announce", school, role.pk),
        {"does": "Tim helpt je met rekenen.", "may_decide": "De rekenaanpak.", "when_to_go": "Bij rekenvragen."},
    )


def test_announcement_goes_to_the_holder_first_then_the_team(
    leader_client, tl_client, member_client, school, tl_role, teacher_leader, member, leader
):
    assert leader_client.get(url("role-announce", school, tl_role.pk)).status_code == 200
    assert _announce(leader_client, school, tl_role).status_code == 302
    announcement = RoleAnnouncement.objects.get(role=tl_role)
    assert announcement.status == AnnouncementStatus.WAITING
    assert Notification.objects.filter(user=teacher_leader, message__contains="aankondiging").exists()
    assert not Notification.objects.filter(user=member).exists()  # the team waits
    assert member_client.get(url("announcement-review", school, tl_role.pk)).status_code == 404
    assert "Tim helpt je" not in member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    # the holder reads it on the home page and agrees
    assert "Lees de aankondiging" in tl_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert tl_client.get(url("announcement-review", school, tl_role.pk)).status_code == 200
    assert member_client.post(url("announcement-approve", school, tl_role.pk)).status_code == 403
    assert tl_client.post(url("announcement-approve", school, tl_role.pk)).status_code == 302
    announcement.refresh_from_db()
    assert announcement.status == AnnouncementStatus.SENT and announcement.sent_at
    assert Notification.objects.filter(user=member, message__contains="Rekencoördinator").exists()
    assert "Tim helpt je" in member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert AuditEntry.objects.filter(action="work.announcement_sent").exists()


def test_home_card_is_gone_after_two_weeks(member_client, leader, school, tl_role):
    from django.utils import timezone

    RoleAnnouncement.objects.create(
        school=school, role=tl_role, does="Tim helpt je met rekenen.", status=AnnouncementStatus.SENT,
        sent_at=timezone.now() - timedelta(days=15), written_by=leader,
    )  # fmt: skip
    assert "Tim helpt je" not in member_client.get(reverse("core:home", args=[school.slug])).content.decode()


def test_holder_asks_for_a_change(leader_client, tl_client, school, tl_role, leader):
    _announce(leader_client, school, tl_role)
    response = tl_client.post(url("announcement-changes", school, tl_role.pk), {"remark": ""})
    assert response.status_code == 200  # a remark is needed
    tl_client.post(url("announcement-changes", school, tl_role.pk), {"remark": "Ook groep 3 noemen"})
    announcement = RoleAnnouncement.objects.get(role=tl_role)
    assert announcement.status == AnnouncementStatus.CHANGES and announcement.holder_remark == "Ook groep 3 noemen"
    assert Notification.objects.filter(user=leader, message__contains="aanpassing").exists()
    assert "Ook groep 3 noemen" in leader_client.get(url("role-announce", school, tl_role.pk)).content.decode()
    assert tl_client.post(url("announcement-approve", school, tl_role.pk)).status_code == 302
    assert RoleAnnouncement.objects.get(role=tl_role).status == AnnouncementStatus.CHANGES  # not waiting: refused


def test_member_cannot_write_an_announcement(tl_client, member_client, school, tl_role):
    assert tl_client.get(url("role-announce", school, tl_role.pk)).status_code == 403
    assert _announce(member_client, school, tl_role).status_code == 403
    assert not RoleAnnouncement.objects.exists()


# --- Roles on the team page, person's page and "Wie doet wat" --------------------------------


def test_team_page_shows_roles(member_client, school, year, teacher_leader, member):
    team = reverse("core:team", args=[school.slug])
    assert "Rekencoördinator" in member_client.get(team).content.decode()  # the fixture's teacher leader
    assert "Sfeermaker" not in member_client.get(team).content.decode()
    Role.objects.create(
        school=school, holder=member, title="Sfeermaker", responsibilities="x", starts_on=year.starts_on
    )
    assert "Sfeermaker" in member_client.get(team).content.decode()  # the cached table was refreshed


def test_role_list_filters_and_history(member_client, school, year, teacher_leader, member):
    from gespreid.core.models import SchoolYear
    from gespreid.priorities.models import Priority

    priority = Priority.objects.create(school=school, title="Rekenen", first_year=year)
    Role.objects.filter(holder=teacher_leader).update(priority=priority)
    Role.objects.create(
        school=school, holder=member, title="Sfeermaker", kind="informeel", responsibilities="x",
        starts_on=year.starts_on,
    )  # fmt: skip
    past = SchoolYear.objects.create(
        school=school, starts_on=year.starts_on.replace(year=year.starts_on.year - 1),
        ends_on=year.ends_on.replace(year=year.ends_on.year - 1),
    )  # fmt: skip
    Role.objects.create(
        school=school, holder=member, title="Oude ICT-rol", responsibilities="x",
        starts_on=past.starts_on, ends_on=past.ends_on,
    )  # fmt: skip
    page = member_client.get(url("role-list", school)).content.decode()
    assert "Rekencoördinator" in page and "Sfeermaker" in page and "Oude ICT-rol" not in page
    page = member_client.get(url("role-list", school), {"soort": "informeel"}).content.decode()
    assert "Sfeermaker" in page and "Rekencoördinator" not in page
    page = member_client.get(url("role-list", school), {"speerpunt": priority.pk}).content.decode()
    assert "Rekencoördinator" in page and "Sfeermaker" not in page
    page = member_client.get(url("role-list", school), {"jaar": past.pk}).content.decode()
    assert "Oude ICT-rol" in page and "Sfeermaker" not in page
    assert member_client.get(url("role-list", school), {"jaar": "999999"}).status_code == 200


def test_role_list_query_count_is_constant(
    member_client, school, year, make_member, leader, django_assert_max_num_queries
):
    def add(n, offset):
        for i in range(n):
            person = make_member(school, f"P {offset + i}")
            role = Role.objects.create(
                school=school, holder=person, title=f"Rol {offset + i}", responsibilities="x", starts_on=year.starts_on
            )
            facilitation.plan_dagdeel(leader, role, year, day=_monday(year), part="ochtend")

    add(2, 0)
    with django_assert_max_num_queries(20) as few:
        assert member_client.get(url("role-list", school)).status_code == 200
    add(10, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert member_client.get(url("role-list", school)).status_code == 200


def test_a_dagdeel_within_the_agreed_number_is_never_refused(leader, school, year, tl_role, teacher_leader):
    """Someone already over budget through tasks still gets the dagdelen agreed for their role: they add nothing."""
    from gespreid.work.models import Budget

    Budget.objects.create(
        school=school, school_year=year, user=teacher_leader, fte=Decimal("1"), teaching_hours=Decimal("1100")
    )
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year), part="ochtend")  # 1 of 2 agreed
    facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year), part="middag")  # 2 of 2
    with pytest.raises(facilitation.OverBudget):  # the third adds hours
        facilitation.plan_dagdeel(leader, tl_role, year, day=_monday(year) + timedelta(days=1), part="middag")
    assert Dagdeel.objects.count() == 2


def test_person_page_and_group_page_panels(leader_client, member_client, school, year, tl_role, teacher_leader):
    profile = reverse("expertise:profile-detail", args=[school.slug, teacher_leader.pk])
    assert "Rekencoördinator" in member_client.get(profile).content.decode()
    group = Group.objects.create(school=school, school_year=year, name="PLG", lead=teacher_leader)
    detail = reverse("groups:group-detail", args=[school.slug, group.pk])
    assert url("group-dagdelen", school, group.pk) in leader_client.get(detail).content.decode()
    assert url("group-dagdelen", school, group.pk) not in member_client.get(detail).content.decode()


def test_a_role_that_takes_its_holder_over_budget_needs_a_reason(leader_client, school, year, member):
    from gespreid.work.models import Budget

    Budget.objects.create(
        school=school, school_year=year, user=member, fte=Decimal("0.8"), teaching_hours=Decimal("752")
    )
    data = {
        "title": "Cultuurcoördinator", "holder": member.pk, "kind": "formeel", "responsibilities": "Cultuurplan.",
        "dagdelen": "60", "starts_on": year.starts_on.isoformat(),
    }  # fmt: skip
    response = leader_client.post(reverse("work:role-create", args=[school.slug]), data)
    body = response.content.decode()
    assert response.status_code == 200 and "Mila Lid" in body and "boven het budget" in body
    assert not Role.objects.filter(title="Cultuurcoördinator").exists()
    response = leader_client.post(
        reverse("work:role-create", args=[school.slug]), {**data, "over_reason": "Tijdelijk, cultuurjaar"}
    )
    assert response.status_code == 302 and Role.objects.filter(title="Cultuurcoördinator").exists()
    assert "Tijdelijk, cultuurjaar" in AuditEntry.objects.get(action="work.role_saved").summary
    small = {**data, "title": "Kleine rol", "dagdelen": "0"}
    assert leader_client.post(reverse("work:role-create", args=[school.slug]), small).status_code == 302


# --- A group's facilitated hours: the groups form is budget-guarded like roles -------------------


@pytest.fixture
def plg(school, year, teacher_leader, member):
    """A PLG led by Tim with Mila as member and no facilitated hours yet."""
    group = Group.objects.create(school=school, school_year=year, name="PLG rekenen", kind="plg", lead=teacher_leader)
    GroupMember.objects.create(group=group, user=member)
    return group


def _group_data(group, member, **extra):
    return {
        "name": group.name, "kind": "plg", "goal": "", "lead": group.lead_id, "members": [member.pk],
        "is_open": "on", "facilitated_hours": "0", **extra,
    }  # fmt: skip


def test_group_hours_over_budget_are_refused_with_person_and_cause(leader_client, school, year, plg, member, budgets):
    from gespreid.work.models import BudgetConfirmation

    edit = reverse("groups:group-edit", args=[school.slug, plg.pk])
    # 600 h over Tim and Mila: 300 h each, over both their task budgets (220 h and 176 h).
    response = leader_client.post(edit, _group_data(plg, member, facilitated_hours="600", name="PLG groot"))
    body = response.content.decode()
    assert response.status_code == 200 and "Mila Lid" in body and "de werkgroep ‘PLG groot’" in body
    assert "boven het budget" in body and "Toch boven de uren? Waarom" in body
    plg.refresh_from_db()
    assert plg.facilitated_hours == 0 and plg.name == "PLG rekenen"  # nothing half-saved
    assert not BudgetConfirmation.objects.exists()
    # With a reason the leader puts them over knowingly; the plan keeps the reason for each.
    response = leader_client.post(
        edit, _group_data(plg, member, facilitated_hours="600", over_reason="Invoering nieuwe rekenmethode")
    )
    assert response.status_code == 302
    plg.refresh_from_db()
    assert plg.facilitated_hours == 600
    confirmations = BudgetConfirmation.objects.all()
    assert {c.user_id for c in confirmations} == {plg.lead_id, member.pk}
    assert all(c.reason == "Invoering nieuwe rekenmethode" and "PLG rekenen" in c.cause for c in confirmations)
    assert AuditEntry.objects.filter(action="work.over_budget_confirmed").count() == 2
    # Within budget the form just saves, without a reason.
    assert leader_client.post(edit, _group_data(plg, member, facilitated_hours="100")).status_code == 302


def test_a_group_lead_cannot_confirm_over_budget(tl_client, school, year, plg, member, budgets):
    edit = reverse("groups:group-edit", args=[school.slug, plg.pk])
    assert "Toch boven de uren" not in tl_client.get(edit).content.decode()
    response = tl_client.post(edit, _group_data(plg, member, facilitated_hours="600", over_reason="mag ik"))
    body = response.content.decode()
    assert response.status_code == 200 and "Alleen de schoolleider kan dat bevestigen." in body
    plg.refresh_from_db()
    assert plg.facilitated_hours == 0


def test_a_smaller_group_raises_the_shares_and_is_guarded_too(leader_client, school, year, plg, member, budgets):
    plg.facilitated_hours = Decimal("300")  # 150 h each: fits both
    plg.save()
    edit = reverse("groups:group-edit", args=[school.slug, plg.pk])
    data = _group_data(plg, member, facilitated_hours="300")
    data["members"] = []  # Mila leaves: Tim alone gets 300 h, over his 220 h
    body = leader_client.post(edit, data).content.decode()
    assert "Tim Trekker" in body and "boven het budget" in body
    assert plg.memberships.filter(user=member).exists()


def test_a_new_group_over_budget_is_not_created(leader_client, school, year, teacher_leader, member, budgets):
    data = {
        "name": "Grote PLG", "kind": "plg", "lead": teacher_leader.pk, "members": [member.pk],
        "is_open": "on", "facilitated_hours": "1000",
    }  # fmt: skip
    response = leader_client.post(reverse("groups:group-create", args=[school.slug]), data)
    assert response.status_code == 200 and "boven het budget" in response.content.decode()
    assert not Group.objects.filter(name="Grote PLG").exists()
    data["over_reason"] = "Bestuursproject"
    assert leader_client.post(reverse("groups:group-create", args=[school.slug]), data).status_code == 302
    assert Group.objects.get(name="Grote PLG").facilitated_hours == 1000


def test_joining_an_open_group_yourself_is_guarded_too(school, year, plg, member, budgets, django_user_model):
    """A newcomer's share of the group's facilitated hours may take them over their hours: the join is refused
    with a clear Dutch message, nothing is saved, and the others (whose shares went down) may still join."""
    from django.core.exceptions import ValidationError

    from gespreid.core.models import Membership
    from gespreid.groups import membership
    from gespreid.work.models import Budget

    plg.facilitated_hours = Decimal("200")  # 100 h each for Tim and Mila
    plg.save()
    nina = django_user_model.objects.create_user(email="nina@linde.test", name="Nina Nieuw")
    Membership.objects.create(school=school, user=nina, fte=Decimal("0.20"))
    Budget.objects.create(
        school=school, school_year=year, user=nina, fte=Decimal("0.20"), teaching_hours=Decimal("188")
    )
    with pytest.raises(ValidationError) as refused:
        membership.join(nina, plg)  # 200 h over three: 66.7 h, over Nina's task budget
    assert "‘PLG rekenen’" in refused.value.messages[0] and "schoolleider" in refused.value.messages[0]
    assert not plg.memberships.filter(user=nina).exists()
    assert not AuditEntry.objects.filter(action="groups.join").exists()
    plg.facilitated_hours = Decimal("60")  # 20 h each: fits
    plg.save()
    membership.join(nina, plg)
    assert plg.memberships.filter(user=nina).exists()
