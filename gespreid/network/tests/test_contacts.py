import pytest
from django.urls import reverse

from gespreid.core.models import AuditEntry
from gespreid.priorities.models import Priority, Requirement

from ..models import ContactKind, OutsideContact


def url(name, school, *args):
    return reverse(f"network:{name}", args=[school.slug, *args])


@pytest.fixture
def tech_contact(school, teacher_leader, member):
    contact = OutsideContact.objects.create(
        school=school, name="TechniekLab", kind=ContactKind.COMPANY, notes="Gastlessen", added_by=member
    )
    contact.areas.set([school.expertise_areas.get(key="wetenschap-techniek")])
    contact.known_by.set([teacher_leader])
    return contact


def test_any_team_member_adds_a_contact_with_areas_and_who_knows_them(member_client, school, teacher_leader, member):
    area = school.expertise_areas.get(key="duurzaamheid")
    response = member_client.post(
        url("contact-create", school),
        {
            "name": "Pabo Utrecht",
            "kind": "pabo",
            "email": "stage@pabo.test",
            "website": "www.pabo.test",
            "areas": [area.pk],
            "known_by": [teacher_leader.pk],
        },
    )
    assert response.status_code == 302
    contact = school.outside_contacts.get()
    assert contact.added_by == member and list(contact.areas.all()) == [area]
    assert list(contact.known_by.all()) == [teacher_leader] and contact.website == "https://www.pabo.test"
    assert AuditEntry.objects.filter(action="network.contact_add").exists()


def test_contact_errors_are_dutch_and_a_person_outside_the_school_is_refused(member_client, school, outsider):
    response = member_client.post(
        url("contact-create", school), {"name": "", "kind": "pabo", "email": "geen-mail", "known_by": [outsider.pk]}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vul de naam van de organisatie of persoon in." in page and "Vul een geldig e-mailadres in." in page
    assert "Kies alleen collega&#x27;s van je eigen school." in page
    assert not OutsideContact.objects.exists()


def test_contact_list_filters_and_keeps_its_query_count(
    member_client, school, tech_contact, django_assert_max_num_queries
):
    page = member_client.get(url("contact-list", school)).content.decode()
    assert "TechniekLab" in page and "Tim Trekker" in page
    assert "TechniekLab" in member_client.get(url("contact-list", school) + "?vak=wetenschap-techniek").content.decode()
    assert "TechniekLab" not in member_client.get(url("contact-list", school) + "?soort=pabo").content.decode()
    assert "TechniekLab" in member_client.get(url("contact-list", school) + "?q=techniek").content.decode()
    with django_assert_max_num_queries(12) as first:
        member_client.get(url("contact-list", school))
    few = len(first.captured_queries)  # the next request empties Django's query log
    for i in range(12):
        c = OutsideContact.objects.create(school=school, name=f"Museum {i}", kind="museum")
        c.areas.set([school.expertise_areas.get(key="kunstzinnige-orientatie")])
    # warm again: the rows gave the school a new version (core.school_cache), so the header is cold
    member_client.get(url("contact-list", school))
    with django_assert_max_num_queries(few):
        assert member_client.get(url("contact-list", school)).status_code == 200


def test_contact_edit_and_delete_rights(member_client, tl_client, leader_client, school, tech_contact):
    assert (
        tl_client.post(
            url("contact-edit", school, tech_contact.pk), {"name": "TechniekLab Utrecht", "kind": "bedrijf"}
        ).status_code
        == 302
    )
    tech_contact.refresh_from_db()
    assert tech_contact.name == "TechniekLab Utrecht"
    assert tl_client.post(url("contact-delete", school, tech_contact.pk)).status_code == 403  # not theirs
    assert member_client.post(url("contact-delete", school, tech_contact.pk)).status_code == 302  # who added it
    assert not OutsideContact.objects.exists()


def test_leader_may_delete_any_contact_and_delete_needs_post(leader_client, school, tech_contact):
    assert leader_client.get(url("contact-delete", school, tech_contact.pk)).status_code == 405
    assert leader_client.post(url("contact-delete", school, tech_contact.pk)).status_code == 302


def test_another_schools_contact_is_404(member_client, school, other_school):
    theirs = OutsideContact.objects.create(school=other_school, name="Elders")
    assert member_client.get(url("contact-edit", school, theirs.pk)).status_code == 404


def test_who_knows_about_shows_matching_outside_contacts(member_client, school, tech_contact):
    page = member_client.get(reverse("expertise:search", args=[school.slug]) + "?q=techniek").content.decode()
    assert "Buiten de school" in page and "TechniekLab" in page
    page = member_client.get(reverse("expertise:search", args=[school.slug]) + "?q=engels").content.decode()
    assert "TechniekLab" not in page and "Geen contacten buiten de school gevonden." in page
    OutsideContact.objects.create(school=school, name="Centraal Museum", kind="museum", notes="Rondleidingen")
    page = member_client.get(reverse("expertise:search", args=[school.slug]) + "?q=rondleiding").content.decode()
    assert "Centraal Museum" in page  # no area matches, the note does


def test_a_gap_on_a_priority_suggests_outside_contacts(member_client, school, year, leader, tech_contact):
    priority = Priority.objects.create(school=school, title="Techniek in elke groep", owner=leader, first_year=year)
    Requirement.objects.create(priority=priority, area=tech_contact.areas.get(), min_level=3, people_needed=2)
    page = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.pk])).content.decode()
    assert "Hulp van buiten de school" in page and "TechniekLab" in page


def test_no_gap_panel_for_a_priority_without_requirements(member_client, school, year, leader, tech_contact):
    priority = Priority.objects.create(school=school, title="Rust", owner=leader, first_year=year)
    page = member_client.get(reverse("priorities:priority-detail", args=[school.slug, priority.pk])).content.decode()
    assert "Hulp van buiten de school" not in page


def test_someone_who_left_the_team_is_no_longer_shown_as_knowing_a_contact(
    member_client, school, tech_contact, teacher_leader
):
    from gespreid.core.models import Membership

    Membership.objects.filter(user=teacher_leader, school=school).update(is_active=False)
    assert "Tim Trekker" not in member_client.get(url("contact-list", school)).content.decode()
