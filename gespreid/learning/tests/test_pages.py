"""Pages around the app: panels on other apps' pages, home cards, constant query counts, the demo."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gespreid.learning import advice, visits


def test_profile_page_offers_to_ask(member_client, school, teacher_leader, member):
    page = member_client.get(
        reverse("expertise:profile-detail", args=[school.slug, teacher_leader.pk])
    ).content.decode()
    ask = reverse("learning:request-create", args=[school.slug]) + f"?aan={teacher_leader.pk}"
    assert ask in page and "Vraag om feedback" in page
    own = member_client.get(reverse("expertise:profile-detail", args=[school.slug, member.pk])).content.decode()
    assert f"?aan={member.pk}" not in own


def _give_expertise(user, school, key, level=3):
    from gespreid.expertise.models import ExpertiseEntry, Profile

    year = school.current_year()
    Profile.objects.get_or_create(school=school, school_year=year, user=user)
    area = school.expertise_areas.get(key=key)
    ExpertiseEntry.objects.create(school=school, school_year=year, user=user, area=area, level=level)


def test_every_search_result_offers_to_ask_incl_board_colleagues(
    member_client, school, other_school, teacher_leader, outsider
):
    _give_expertise(teacher_leader, school, "rekenen-wiskunde")
    _give_expertise(outsider, other_school, "rekenen-wiskunde")
    page = member_client.get(
        reverse("expertise:search", args=[school.slug]) + "?vak=rekenen-wiskunde&bestuur=1"
    ).content.decode()
    assert f"?aan={teacher_leader.pk}&amp;vak=rekenen-wiskunde" in page
    assert f"?aan={outsider.pk}&amp;bij={other_school.slug}" in page
    # the link works: the form opens for the board colleague
    r = member_client.get(
        reverse("learning:request-create", args=[school.slug]) + f"?aan={outsider.pk}&bij={other_school.slug}"
    )
    assert r.status_code == 200 and "Otto Buiten iets vragen" in r.content.decode()
    # opted out: no link
    from gespreid.expertise.models import Profile

    Profile.objects.filter(user=outsider).update(visible_to_board=False)
    page = member_client.get(
        reverse("expertise:search", args=[school.slug]) + "?vak=rekenen-wiskunde&bestuur=1"
    ).content.decode()
    assert f"?aan={outsider.pk}" not in page


def test_gap_and_group_pages_offer_to_ask(member_client, school, year):
    from gespreid.groups.models import Group
    from gespreid.priorities.models import Priority, Requirement

    prio = Priority.objects.create(school=school, title="Rekenen", first_year=year)
    Requirement.objects.create(priority=prio, area=school.expertise_areas.get(key="rekenen-wiskunde"))
    page = member_client.get(reverse("priorities:priority-detail", args=[school.slug, prio.pk])).content.decode()
    assert "vak=rekenen-wiskunde" in page and "Vraag om advies" in page
    group = Group.objects.create(school=school, school_year=year, name="PLG")
    page = member_client.get(reverse("groups:group-detail", args=[school.slug, group.pk])).content.decode()
    assert f"?groep={group.pk}" in page


def test_palette_shows_counts_only(leader_client, school, member, teacher_leader):
    area = school.expertise_areas.get(key="begrijpend-lezen")
    advice.create_request(member, school, teacher_leader, school, kind="advies", question="PRIVE-VRAAG", areas=[area])
    page = leader_client.get(reverse("expertise:palette", args=[school.slug])).content.decode()
    assert "Gevraagde expertise" in page and area.name in page
    assert "PRIVE-VRAAG" not in page and "Tim Trekker" not in page.split("Gevraagde expertise")[1]


def test_home_cards(tl_client, member_client, school, lr_request, lr_visit, member):
    home = tl_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Vragen die op je wachten" in home and "Lesbezoeken" in home
    lr_visit.status = "gepland"
    lr_visit.moment = lr_visit.moments.first()
    lr_visit.save()
    lr_visit.moment.starts_at = timezone.now() - timedelta(hours=2)
    lr_visit.moment.save()
    home = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "nagesprek nog opschrijven" in home


def test_inbox_queries_do_not_grow(
    member_client, school, member, teacher_leader, third, django_assert_max_num_queries, lr_moment
):
    url = reverse("learning:home", args=[school.slug])

    def add(n):
        for i in range(n):
            req = advice.create_request(member, school, teacher_leader, school, kind="advies", question=f"Vraag {i}")
            if i % 2:
                advice.answer(req, teacher_leader, accept=True)
            advice.create_request(third, school, member, school, kind="feedback", question=f"Terug {i}")
            v = visits.create_visit(
                member, school, third, focus=f"Focus {i}", moments=[lr_moment(2 + i)], look_fors=[("a", None)]
            )
            if i % 2:
                visits.accept(v, third, v.moments.first())

    add(2)
    member_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert member_client.get(url).status_code == 200
    few = len(small)  # the next request empties Django's query log
    add(15)
    # warm again: the rows gave the school a new version (core.school_cache), so the header is cold
    member_client.get(url)
    with django_assert_max_num_queries(few):
        page = member_client.get(url)
    assert "Vraag 14" in page.content.decode()


def test_shared_list_queries_do_not_grow(member_client, school, member, teacher_leader, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            req = advice.create_request(member, school, teacher_leader, school, kind="advies", question=f"Vraag {i}")
            advice.answer(req, teacher_leader, accept=True)
            advice.add_message(req, member, "bericht")
            advice.close(req, member, "Opbrengst")
            advice.propose_share(req, member, scope="team", what="gesprek")
            advice.agree_share(req, teacher_leader)

    url = reverse("learning:shared-list", args=[school.slug])
    add(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        member_client.get(url)
    add(10)
    with django_assert_max_num_queries(len(small)):
        member_client.get(url)


def test_seed_demo_has_every_stage(db, settings):
    from django.core.management import call_command
    from django.db.models import F

    from gespreid.learning.models import AdviceRequest, Visit

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    statuses = set(AdviceRequest.objects.values_list("status", flat=True))
    assert {"open", "aangenomen", "afgeslagen", "afgerond"} <= statuses
    assert AdviceRequest.objects.exclude(school_id=F("recipient_school_id")).exists()  # a cross-school request
    assert {"voorgesteld", "gepland", "nabesproken", "afgezegd"} <= set(Visit.objects.values_list("status", flat=True))
    assert Visit.objects.filter(shared_at__isnull=False, share_what="reflectie").exists()
    call_command("seed_demo", verbosity=0)  # idempotent
    assert AdviceRequest.objects.count() == 5
