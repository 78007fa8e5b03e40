"""core.school_cache: every change of a school's data gives the school a new version, so a cached part of
its pages is never shown stale; keys never mix schools, people or languages."""

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from gespreid.core import school_cache
from gespreid.core.models import Membership, Notification, School
from gespreid.core.notify import notify
from gespreid.groups.models import Action, Group


def _version(school):
    return School.objects.get(pk=school.pk).version


def test_a_saved_row_of_the_school_gives_it_a_new_version_and_leaves_other_schools_alone(
    school, other_school, year, member
):
    before, other_before = _version(school), _version(other_school)
    Notification.objects.create(school=school, user=member, message="Hallo")
    assert _version(school) != before
    assert _version(other_school) == other_before


def test_a_row_that_belongs_to_the_school_through_its_parent_counts_too(school, year, teacher_leader, member):
    group = Group.objects.create(school=school, school_year=year, name="PLG lezen", lead=teacher_leader)
    before = _version(school)
    action = Action.objects.create(group=group, text="Lesbezoek plannen", owner=member)  # no school column
    after_save = _version(school)
    action.delete()
    assert before != after_save != _version(school)


def test_a_deleted_row_gives_a_new_version(school, member):
    note = Notification.objects.create(school=school, user=member, message="Hallo")
    before = _version(school)
    note.delete()
    assert _version(school) != before


def test_a_persons_own_change_counts_for_every_school_they_are_in(school, other_school, member):
    Membership.objects.create(user=member, school=other_school)
    before, other_before = _version(school), _version(other_school)
    member.name = "Anna de Vries-Jansen"
    member.save()
    assert _version(school) != before and _version(other_school) != other_before


def test_signing_in_is_no_change(school, member):
    before = _version(school)
    member.save(update_fields=["last_login"])
    assert _version(school) == before


def test_a_queryset_update_in_a_request_gives_the_school_a_new_version(member_client, school, member):
    notify(school, [member], "Nieuw voorstel")
    before = _version(school)
    response = member_client.post(reverse("core:notifications-read", args=[school.slug]))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    assert _version(school) != before


def test_a_get_request_changes_nothing(member_client, school):
    before = _version(school)
    assert member_client.get(reverse("core:home", args=[school.slug])).status_code == 200
    assert _version(school) == before


def test_a_scheduled_job_that_did_something_gives_the_school_a_new_version(school, other_school):
    from gespreid.core.scheduler import run_per_school

    before, other_before = _version(school), _version(other_school)
    run_per_school("test.nothing", lambda school=None: 0)
    assert (_version(school), _version(other_school)) == (before, other_before)
    run_per_school("test.something", lambda school=None: 1 if school.pk == other_school.pk else 0)
    assert _version(school) == before and _version(other_school) != other_before


def test_the_header_shows_a_new_notification_and_its_reading_at_once(member_client, school, member):
    url = reverse("core:notifications", args=[school.slug])
    assert "ongelezen" not in member_client.get(url).content.decode()  # the header's numbers are now cached
    notify(school, [member], "Een nieuwe melding")
    assert "1 ongelezen" in member_client.get(url).content.decode()
    member_client.post(reverse("core:notifications-read", args=[school.slug]))
    assert "ongelezen" not in member_client.get(url).content.decode()


def test_the_header_counts_are_per_person(client_for, school, member, leader):
    notify(school, [member], "Alleen voor het teamlid")
    url = reverse("core:notifications", args=[school.slug])
    assert "1 ongelezen" in client_for(member).get(url).content.decode()
    assert "ongelezen" not in client_for(leader).get(url).content.decode()


def _request(school, user, method="get"):
    request = getattr(RequestFactory(), method)("/")
    request.school, request.user = school, user
    return request


def test_keys_never_mix_schools_people_or_languages(school, other_school, member, leader):
    keys = {
        school_cache.key(school, "deel"),
        school_cache.key(other_school, "deel"),
        school_cache.key(school, "deel", person=member),
        school_cache.key(school, "deel", person=leader),
        school_cache.key(school, "deel", "leider"),
    }
    with translation.override("en"):
        keys.add(school_cache.key(school, "deel"))
    assert len(keys) == 6


def test_a_cached_part_is_rendered_once_until_the_school_changes(school, member):
    renders = []

    def render():
        renders.append(1)
        return f"<p>{Notification.objects.filter(school=school).count()} meldingen</p>"

    request = _request(school, member)
    assert school_cache.cached_html(request, "deel", render) == "<p>0 meldingen</p>"
    assert school_cache.cached_html(request, "deel", render) == "<p>0 meldingen</p>"
    assert len(renders) == 1
    Notification.objects.create(school=school, user=member, message="Hallo")
    request.school.refresh_from_db()  # the next request reads the new version with the membership
    assert school_cache.cached_html(request, "deel", render) == "<p>1 meldingen</p>"


def test_a_request_that_writes_renders_afresh_and_keeps_nothing(school, member):
    request = _request(school, member, "post")
    assert school_cache.cached_value(request, "deel", lambda: "vers") == "vers"
    assert cache.get(school_cache.key(school, "deel")) is None


def test_a_part_with_a_csrf_token_is_refused(school, member):
    request = _request(school, member)
    try:
        school_cache.cached_html(request, "formulier", lambda: '<input name="csrfmiddlewaretoken" value="x">')
    except ImproperlyConfigured:
        pass
    else:
        raise AssertionError("a part with a CSRF token was kept")


def test_a_row_three_steps_from_its_school_counts_too(school, year, leader, member):
    from datetime import timedelta

    from django.utils import timezone

    from gespreid.decisions import consent
    from gespreid.decisions.models import Response

    proposal = consent.create_proposal(school, leader, title="Pauzetijden", problem="p", body="b")
    round_obj = consent.open_round(
        proposal, leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(days=3)
    )
    before = _version(school)
    Response.objects.create(round=round_obj, user=member, version=proposal.versions.first(), kind=Response.CONSENT)
    assert _version(school) != before  # response → round → proposal → school


def test_every_model_of_the_project_finds_its_school_or_is_known_to_have_none():
    """A new model that belongs to a school but cannot be traced to it would leave its pages stale."""
    from django.apps import apps

    from gespreid.core.models import Board
    from gespreid.core.school_cache import _paths_to_school

    untraced = sorted(
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("gespreid.")
        for model in config.get_models()
        if model._meta.label not in SPECIAL
        and not any(_paths_to_school(model))
        and not any(f.many_to_one or f.one_to_one for f in model._meta.get_fields() if f.related_model is Board)
    )
    assert untraced == NO_SCHOOL


# Handled by name in school_cache.schools_of (the school itself, people, boards).
SPECIAL = {"core.School", "accounts.User", "core.Board", "core.Membership"}
# Rows of no school and no board: the platform's, or a person's own across schools.
NO_SCHOOL = ["accounts.ResetMailRequest", "core.JobRun", "core.MailPreference"]


def test_a_boards_row_counts_for_every_school_of_the_board(school, other_school):
    from gespreid.work.models import CaoSettings

    before, other_before = _version(school), _version(other_school)
    CaoSettings.objects.create(board=school.board)
    assert _version(school) != before and _version(other_school) != other_before


def test_the_notification_list_is_kept_per_person_and_shows_changes_at_once(client_for, school, member, leader):
    url = reverse("core:notifications", args=[school.slug])
    assert "Geen meldingen" in client_for(member).get(url).content.decode()
    notify(school, [member], "Jouw lesbezoek is bevestigd")
    page = client_for(member).get(url).content.decode()
    assert "Jouw lesbezoek is bevestigd" in page and 'class="unread"' in page
    assert "Jouw lesbezoek is bevestigd" not in client_for(leader).get(url).content.decode()
    client_for(member).post(reverse("core:notifications-read", args=[school.slug]))
    page = client_for(member).get(url).content.decode()
    assert "Jouw lesbezoek is bevestigd" in page and 'class="unread"' not in page


def test_the_warm_notification_page_asks_only_what_every_page_asks(
    member_client, school, member, django_assert_num_queries
):
    url = reverse("core:notifications", args=[school.slug])
    notify(school, [member], "Een melding")
    member_client.get(url)
    with django_assert_num_queries(3):  # session, user, membership
        assert "Een melding" in member_client.get(url).content.decode()


def test_kept_panels_show_a_new_role_at_once_and_differ_per_viewer(client_for, school, year, member, leader):
    from datetime import date

    from gespreid.work.models import Role

    url = reverse("expertise:profile-detail", args=[school.slug, member.pk])
    assert "Rekencoördinator" not in client_for(leader).get(url).content.decode()
    Role.objects.create(
        school=school, holder=member, title="Rekencoördinator", responsibilities="Rekenen", starts_on=date(2026, 8, 1)
    )
    assert "Rekencoördinator" in client_for(leader).get(url).content.decode()
    # the learning panel ("ask this colleague") is for others, never on one's own profile
    ask = reverse("learning:request-create", args=[school.slug])
    assert ask in client_for(leader).get(url).content.decode()
    assert ask not in client_for(member).get(url).content.decode()
