"""Every school's data is walled off: objects made in school A, their ids replayed under school B.

For every school URL with an id, the test makes the objects the URL names in school A ("De Linde")
and asks for them under school B's slug ("Het Anker") as a *leader* of B, with GET and POST: every
answer must be 404. A second test proves the ids are real: under A's own slug, someone of A gets
something other than 404 for the same URL. The older walks stay: the outsider on A's URLs, anonymous
visitors, an unknown school.

How to extend (a new app or a new URL kwarg): add a factory to ``FACTORIES`` (a name -> a function
``f(world)`` that makes one object in ``world.school`` and returns it; use ``world.get("other")``
for objects it depends on) and say which URL kwargs it fills in ``KWARGS``. A key in ``KWARGS`` is
``(scope, kwarg)`` where the scope is, from most to least specific, the URL name (``"decisions:round-
close"``), the namespace and the first word of the URL name (``"work:task"``), the namespace
(``"groups"``) or ``"*"``. ``test_every_url_kwarg_has_a_factory`` fails when a school URL has a kwarg
that no entry fills, so a new URL cannot slip past the walls.
"""

import re
import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

# URLs outside any school: their own tests cover them.
PLATFORM_PREFIXES = ("admin/", "i18n/", "accounts/", "beheer/", "bestuur/", "uitnodiging/", "_bench/", "agenda/")
KWARG = re.compile(r"<(?:(\w+):)?(\w+)>")


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p, namespace


def _routes():
    """(route, "namespace:name") of every school URL."""
    found = []
    for route, pattern, namespace in _walk(get_resolver().url_patterns):
        if route.startswith(PLATFORM_PREFIXES) or "<slug:school_slug>" not in route:
            continue
        found.append((route, f"{namespace}:{pattern.name}"))
    return found


def school_routes():
    return [route for route, _name in _routes()]


def id_routes():
    return [(route, name) for route, name in _routes() if len(KWARG.findall(route)) > 1]


def fill(route: str, school_slug: str) -> str:
    """Turn a route into a URL: the school slug given, every other parameter a plausible value."""

    def value(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name == "school_slug":
            return school_slug
        return {"int": "1", "uuid": str(uuid.uuid4()), "path": "x/y"}.get(converter, "x")

    return "/" + KWARG.sub(value, route)


# --- the objects of school A ---------------------------------------------------------------------

PDF = b"%PDF-1.4\n%walls\n"


class World:
    """School A with its people; objects are made on first use and kept for the test."""

    def __init__(self, school, leader, teacher_leader, member):
        self.school, self.leader, self.teacher_leader, self.member = school, leader, teacher_leader, member
        self.year = school.current_year()
        self.today = timezone.localdate()
        self._made = {}

    def get(self, name):
        if name not in self._made:
            self._made[name] = FACTORIES[name](self)
        return self._made[name]


def _membership(w):
    return w.school.memberships.get(user=w.member)


def _former_membership(w):
    from gespreid.core.models import Membership

    person = type(w.member).objects.create_user(email="vertrokken@linde.test", name="Vera Vertrokken", password="x")
    return Membership.objects.create(user=person, school=w.school, is_active=False)


def _invitation(w):
    from gespreid.accounts.invitations import create_invitation

    return create_invitation(w.leader, w.school, email="muur@linde.test", name="Muur", send=False)[0]


def _team_import(w):
    from gespreid.accounts.models import TeamImport

    row = {"name": "Muur", "email": "muur@linde.test", "function": "leerkracht", "fte": "1.00"}
    return TeamImport.objects.create(school=w.school, uploaded_by=w.leader, filename="team.csv", rows=[row])


def _area(w):
    return w.school.expertise_areas.order_by("pk").first()


def _suggestion(w):
    from gespreid.expertise import profiles

    return profiles.suggest(w.leader, w.member, w.school, w.year, w.get("area"), 2, False, "")


def _inventory_round(w):
    from gespreid.expertise import rounds

    return rounds.start_round(w.leader, w.school, w.year, w.today + timedelta(days=7))


def _priority(w):
    from gespreid.priorities.models import Priority

    return Priority.objects.create(school=w.school, title="Muren", first_year=w.year, owner=w.leader)


def _requirement(w):
    from gespreid.priorities.models import Requirement

    return Requirement.objects.create(priority=w.get("priority"), area=w.get("area"))


def _group(w):
    from gespreid.groups.models import Group, GroupMember

    group = Group.objects.create(school=w.school, school_year=w.year, name="Muren", lead=w.teacher_leader)
    GroupMember.objects.create(group=group, user=w.teacher_leader)
    return group


def _group_entry(w):
    from gespreid.groups import cycle

    upload = SimpleUploadedFile("muur.pdf", PDF, content_type="application/pdf")
    return cycle.add_entry(w.teacher_leader, w.get("group"), stage="weten", text="Muur", upload=upload)


def _group_action(w):
    from gespreid.groups.models import Action

    return Action.objects.create(group=w.get("group"), text="Muur bouwen", owner=w.teacher_leader)


def _trajectory(w):
    from gespreid.innovations.models import Trajectory

    return Trajectory.objects.create(school=w.school, title="Muren", lead=w.teacher_leader, group=w.get("group"))


def _milestone(w):
    from gespreid.innovations.models import Milestone, Phase

    return Milestone.objects.create(
        trajectory=w.get("trajectory"),
        phase=Phase.PREPARE,
        title="Muur",
        planned_start=w.today,
        planned_end=w.today + timedelta(days=30),
    )


def _check_in(w):
    from gespreid.innovations.models import CheckIn

    return CheckIn.objects.create(
        trajectory=w.get("trajectory"), question="Muur?", opened_by=w.teacher_leader, closes_on=w.today + timedelta(7)
    )


def _embedding(w):
    from gespreid.innovations.models import Embedding

    return Embedding.objects.create(
        trajectory=w.get("trajectory"), agreement="Muur", recorded_in="Map", review_on=w.today + timedelta(days=90)
    )


def _proposal(w):
    from gespreid.decisions import consent

    return consent.create_proposal(w.school, w.teacher_leader, title="Muren", problem="Waarom?", body="Zo.")


def _round(w):
    from gespreid.decisions import consent

    return consent.open_round(
        w.get("proposal"), w.teacher_leader, kind="instemming", audience="team", closes_at=timezone.now() + timedelta(3)
    )


def _version_number(w):
    w.get("round")  # opening a round gives the proposal its first version
    return w.get("proposal").versions.order_by("number").first().number


def _objection(w):
    from gespreid.decisions import consent
    from gespreid.decisions.models import Objection

    consent.respond(w.get("round").pk, w.member, kind="bezwaar", text="Het raakt mijn groep.")
    return Objection.objects.get(round=w.get("round"), raised_by=w.member)


def _task(w):
    from gespreid.work.models import Task

    return Task.objects.create(school=w.school, name="Muur", hours_per_person=Decimal("10"), headcount=1)


def _role(w):
    from gespreid.work.models import Role

    return Role.objects.create(
        school=w.school, holder=w.teacher_leader, title="Muurwachter", responsibilities="Wachten", starts_on=w.today
    )


def _plan(w):
    from gespreid.work.models import Plan

    return Plan.objects.get_or_create(school=w.school, school_year=w.year)[0]


def _announced_role(w):
    from gespreid.work.models import RoleAnnouncement

    role = _role(w)
    RoleAnnouncement.objects.create(school=w.school, role=role, does="Muren bewaken", written_by=w.leader)
    return role


def _dagdeel(w):
    from gespreid.work.models import Dagdeel

    role = w.get("role")
    return Dagdeel.objects.create(
        school=w.school, school_year=w.year, user=role.holder, role=role, date=w.year.starts_on, part="ochtend"
    )


def _assignment(w):
    from gespreid.work.models import Assignment

    return Assignment.objects.create(plan=w.get("plan"), task=w.get("task"), user=w.member, hours=Decimal("10"))


def _exclusion(w):
    from gespreid.work.models import Exclusion

    return Exclusion.objects.create(plan=w.get("plan"), task=w.get("task"), user=w.member)


def _post(w):
    import io

    from PIL import Image

    from gespreid.highlights import media, moderation
    from gespreid.highlights.models import Moderator

    Moderator.objects.get_or_create(school=w.school, user=w.leader)
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 120, 90)).save(out, "JPEG")
    clean = media.clean_image(SimpleUploadedFile("muur.jpg", out.getvalue(), content_type="image/jpeg"))
    return moderation.submit(w.school, w.member, text="Onze muur.", files=[clean])


def _pop(w):
    from gespreid.development.models import DevelopmentPlan

    return DevelopmentPlan.objects.get_or_create(school=w.school, school_year=w.year, user=w.member)[0]


def _pop_goal(w):
    from gespreid.development.models import Goal

    return Goal.objects.create(plan=w.get("pop"), title="Muren leren")


def _pop_activity(w):
    from gespreid.development.models import Activity

    return Activity.objects.create(plan=w.get("pop"), title="Cursus muren", hours=4, cost=0, shared=True)


def _self_assessment(w):
    from gespreid.development.models import SelfAssessment

    return SelfAssessment.objects.create(school=w.school, user=w.teacher_leader, scores={})


def _coaching_series(w):
    from gespreid.development.models import CoachingSeries

    return CoachingSeries.objects.create(school=w.school, coach=w.leader, coachee=w.teacher_leader, title="Muren")


def _coaching_agreement(w):
    from gespreid.development.models import Agreement

    return Agreement.objects.create(series=w.get("coaching_series"), author=w.leader, text="Muur bouwen")


def _coaching_meeting(w):
    from gespreid.development.models import CoachingMeeting

    return CoachingMeeting.objects.create(series=w.get("coaching_series"), starts_at=timezone.now(), minutes=30)


def _feedback_request(w):
    from gespreid.development.models import FeedbackRequest

    return FeedbackRequest.objects.create(school=w.school, asker=w.teacher_leader, leader=w.leader, question="Hoe?")


def _pulse_round(w):
    from gespreid.climate import pulse
    from gespreid.climate.models import Kind

    return pulse.create_round(
        w.leader,
        w.school,
        kind=Kind.PULSE,
        title="Muren",
        opens_on=w.today,
        closes_on=w.today + timedelta(days=7),
        statements=w.school.climate_statements.filter(kind=Kind.PULSE, is_active=True),
    )


def _focus_point(w):
    from gespreid.climate.models import FocusPoint

    return FocusPoint.objects.create(round=w.get("pulse_round"), title="Muur")


def _statement(w):
    return w.school.climate_statements.order_by("pk").first()


def _network_round(w):
    from gespreid.network import rounds
    from gespreid.network.models import QUESTION_ORDER

    return rounds.open_round(w.leader, w.school, w.year, title="Muren", explanation="Zo.", questions=QUESTION_ORDER)


def _outside_contact(w):
    from gespreid.network.models import OutsideContact

    return OutsideContact.objects.create(school=w.school, name="Muurwerk", added_by=w.member)


def _media_key(w):
    return w.get("post").media.first().key


def _poster_key(w):
    """A film's poster frame: the photo's stored file stands in for it (a poster is a JPEG too)."""
    item = w.get("post").media.first()
    item.poster = item.file
    item.save(update_fields=["poster"])
    return item.key


def _job(w):
    from gespreid.core.models import BackgroundJob

    return BackgroundJob.objects.create(school=w.school, started_by=w.leader, kind="work.solve", message="Muur")


def _advice_request(w):
    from gespreid.learning import advice
    from gespreid.learning.models import AdviceRequest

    upload = SimpleUploadedFile("muur.pdf", PDF, content_type="application/pdf")
    return advice.create_request(
        w.member,
        w.school,
        w.teacher_leader,
        w.school,
        kind=AdviceRequest.Kind.ADVICE,
        question="Hoe bouw ik een muur?",
        upload=upload,
    )


def _visit(w):
    from gespreid.learning import visits

    moment = {"starts_at": timezone.now() + timedelta(days=3), "minutes": 45, "class_group": 5, "subject": "Muren"}
    visit = visits.create_visit(
        w.member, w.school, w.teacher_leader, focus="Muren", moments=[moment], look_fors=[("Een muur", None)]
    )
    # planned (a moment accepted): every visit page, the calendar file and the observation too, has something to show
    return visits.accept(visit, w.teacher_leader, visit.moments.first())


def _visit_look_for(w):
    return w.get("visit").look_fors.order_by("pk").first()


def _kijkwijzer(w):
    from gespreid.learning import kijkwijzers

    kijkwijzers.ensure_defaults(w.school)
    return w.school.kijkwijzers.order_by("pk").first()


FACTORIES = {
    "membership": _membership,
    "former_membership": _former_membership,
    "invitation": _invitation,
    "team_import": _team_import,
    "person": lambda w: w.member,
    "area": _area,
    "suggestion": _suggestion,
    "inventory_round": _inventory_round,
    "priority": _priority,
    "requirement": _requirement,
    "group": _group,
    "group_entry": _group_entry,
    "group_action": _group_action,
    "trajectory": _trajectory,
    "milestone": _milestone,
    "check_in": _check_in,
    "embedding": _embedding,
    "proposal": _proposal,
    "round": _round,
    "version_number": _version_number,
    "objection": _objection,
    "task": _task,
    "role": _role,
    "dagdeel": _dagdeel,
    "announced_role": _announced_role,
    "plan": _plan,
    "assignment": _assignment,
    "exclusion": _exclusion,
    "post": _post,
    "media_key": _media_key,
    "pop": _pop,
    "pop_goal": _pop_goal,
    "pop_activity": _pop_activity,
    "self_assessment": _self_assessment,
    "coaching_series": _coaching_series,
    "coaching_agreement": _coaching_agreement,
    "coaching_meeting": _coaching_meeting,
    "feedback_request": _feedback_request,
    "pulse_round": _pulse_round,
    "focus_point": _focus_point,
    "statement": _statement,
    "network_round": _network_round,
    "outside_contact": _outside_contact,
    "poster_key": _poster_key,
    "job": _job,
    "advice_request": _advice_request,
    "visit": _visit,
    "visit_look_for": _visit_look_for,
    "kijkwijzer": _kijkwijzer,
}

KWARGS = {
    ("*", "user_id"): "person",
    ("core", "pk"): "membership",
    ("privacy", "pk"): "former_membership",
    ("accounts:invite", "pk"): "invitation",
    ("accounts:import", "pk"): "team_import",
    ("expertise:suggestion", "pk"): "suggestion",
    ("expertise:area", "pk"): "area",
    ("expertise:round", "pk"): "inventory_round",
    ("priorities", "pk"): "priority",
    ("priorities:requirement-delete", "pk"): "requirement",
    ("groups", "pk"): "group",
    ("groups", "entry_pk"): "group_entry",
    ("groups", "action_pk"): "group_action",
    ("innovations", "pk"): "trajectory",
    ("innovations", "milestone_pk"): "milestone",
    ("innovations", "checkin_pk"): "check_in",
    ("innovations", "embedding_pk"): "embedding",
    ("decisions", "pk"): "proposal",
    ("decisions", "number"): "version_number",
    ("decisions", "round_pk"): "round",
    ("decisions", "objection_pk"): "objection",
    ("work:task", "pk"): "task",
    ("work:role", "pk"): "role",
    ("work:dagdeel", "pk"): "dagdeel",
    ("work:group", "pk"): "group",
    ("work:announcement", "pk"): "announced_role",
    ("work:assignment", "pk"): "assignment",
    ("work:exclusion", "pk"): "exclusion",
    ("highlights", "pk"): "post",
    ("highlights", "key"): "media_key",
    ("development:goal", "pk"): "pop_goal",
    ("development:activity", "pk"): "pop_activity",
    ("development:assessment", "pk"): "self_assessment",
    ("development:series", "pk"): "coaching_series",
    ("development:agenda", "pk"): "coaching_series",
    ("development:note", "pk"): "coaching_series",
    ("development:agreement-add", "pk"): "coaching_series",
    ("development:meeting-add", "pk"): "coaching_series",
    ("development:agreement-done", "pk"): "coaching_agreement",
    ("development:meeting-ics", "pk"): "coaching_meeting",
    ("development:feedback", "pk"): "feedback_request",
    ("climate", "pk"): "pulse_round",
    ("climate:focus-update", "pk"): "focus_point",
    ("climate:statement", "pk"): "statement",
    ("network", "pk"): "network_round",
    ("network:contact", "pk"): "outside_contact",
    ("highlights:media-poster", "key"): "poster_key",
    ("core:job-status", "pk"): "job",
    ("learning:request", "pk"): "advice_request",
    ("learning:visit", "pk"): "visit",
    ("learning:visit", "look_for_pk"): "visit_look_for",
    ("learning:kijkwijzer", "pk"): "kijkwijzer",
}


def factory_for(url_name: str, kwarg: str) -> str | None:
    namespace, name = url_name.split(":", 1)
    noun = name.split("-")[0]
    for scope in (url_name, f"{namespace}:{noun}", namespace, "*"):
        if (scope, kwarg) in KWARGS:
            return KWARGS[(scope, kwarg)]
    return None


def url_for(route: str, url_name: str, world: World, slug: str) -> str:
    def value(match):
        kwarg = match.group(2)
        if kwarg == "school_slug":
            return slug
        made = world.get(factory_for(url_name, kwarg))
        return str(getattr(made, "pk", made))

    return "/" + KWARG.sub(value, route)


@pytest.fixture
def world(school, leader, teacher_leader, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return World(school, leader, teacher_leader, member)


@pytest.fixture
def other_leader_client(other_school, make_member):
    client = Client()
    client.force_login(make_member(other_school, "Bea Buurschool", is_leader=True, is_admin=True))
    return client


def test_every_url_kwarg_has_a_factory():
    missing = sorted(
        {
            (name, kwarg)
            for route, name in id_routes()
            for _conv, kwarg in KWARG.findall(route)
            if kwarg != "school_slug" and factory_for(name, kwarg) is None
        }
    )
    assert missing == [], f"add a factory in test_walls.KWARGS for {missing}"


def test_there_are_school_routes_to_walk():
    routes = school_routes()
    assert "<slug:school_slug>/team/" in routes
    assert len(id_routes()) >= 60


@pytest.mark.parametrize("route, url_name", id_routes(), ids=[name for _r, name in id_routes()])
def test_school_a_ids_under_school_b_are_404_for_b_s_leader(route, url_name, world, other_school, other_leader_client):
    url = url_for(route, url_name, world, other_school.slug)
    # A POST-only view answers GET with 405 whatever the id: that tells nothing about school A.
    assert other_leader_client.get(url).status_code in (404, 405), url
    assert other_leader_client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("route, url_name", id_routes(), ids=[name for _r, name in id_routes()])
def test_the_replayed_ids_are_real_objects_of_school_a(route, url_name, world, leader, teacher_leader, member):
    """The test above can fail: under A's own slug, someone of A reaches the same objects."""
    url = url_for(route, url_name, world, world.school.slug)
    answers = []
    for person in (leader, teacher_leader, member):
        client = Client()
        client.force_login(person)
        answers.append(client.get(url).status_code)
        if answers[-1] == 404:
            answers.append(client.post(url, {}).status_code)
        if answers[-1] != 404:
            return
    pytest.fail(f"{url}: 404 for everyone of school A ({answers}); the factory makes no reachable object")


@pytest.mark.parametrize("route", school_routes())
def test_outsider_gets_404_on_every_school_url(route, outsider_client, school, leader):
    url = fill(route, school.slug)
    assert outsider_client.get(url).status_code == 404, url
    assert outsider_client.post(url, {}).status_code == 404, url


@pytest.mark.parametrize("route", school_routes())
def test_anonymous_is_sent_to_login(route, client, school):
    url = fill(route, school.slug)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("route", school_routes())
def test_unknown_school_is_404_for_everyone(route, leader_client):
    assert leader_client.get(fill(route, "bestaat-niet")).status_code == 404
