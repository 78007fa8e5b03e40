"""Home cards, navigation, the reminder job and the panels on other apps' pages (registered in LearningConfig.ready)."""

from django.db.models import Exists, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import (
    Card,
    Panel,
    register_card,
    register_job,
    register_nav,
    register_panel,
    register_school_setup,
)

from . import advice, visits
from .models import AdviceRequest, Visit


def _waiting_requests(request):
    me, school = request.user, request.school
    return AdviceRequest.objects.filter(
        Q(recipient_school=school, recipient=me, status=AdviceRequest.Status.OPEN)
        | Q(school=school, asker=me, status__in=[AdviceRequest.Status.ACCEPTED, AdviceRequest.Status.DECLINED])
    )


def requests_shows_if(request):
    return Exists(_waiting_requests(request))


def requests_card(request):
    """Requests waiting for my answer, and accepted ones still open (one query)."""
    school = request.school
    rows = list(
        _waiting_requests(request)
        .select_related("asker", "recipient", "school", "recipient_school")
        .order_by("-created_at")[:6]
    )
    if not rows:
        return None
    return Card(
        _("Vragen die op je wachten"),
        "learning/cards/requests.html",
        {"rows": rows},
        url=reverse("learning:home", args=[school.slug]),
    )


def _open_visits(request):
    return visits.visible_to(request.user, request.school).filter(
        status__in=[Visit.Status.PROPOSED, Visit.Status.PLANNED]
    )


def visits_shows_if(request):
    return Exists(_open_visits(request))


def visits_changes_at(school, start, end):
    """A planned visit moves from "upcoming" to "reflection to write" when it starts."""
    return (
        Visit.objects.filter(
            school=school,
            status__in=[Visit.Status.PROPOSED, Visit.Status.PLANNED],
            moment__starts_at__gte=start,
            moment__starts_at__lt=end,
        )
        .values_list("moment__starts_at", flat=True)
        .order_by()
    )


def visits_card(request):
    """Upcoming visits (proposed to me, or planned) and reflections still to write (one query)."""
    me, school = request.user, request.school
    now = timezone.now()
    rows = list(
        _open_visits(request)
        .select_related("owner", "visitor", "moment")
        .order_by("moment__starts_at", "created_at")[:8]
    )
    upcoming = [
        v
        for v in rows
        if v.status == Visit.Status.PROPOSED and v.visitor_id == me.pk or (v.moment and v.moment.starts_at > now)
    ]
    to_reflect = [
        v for v in rows if v.status == Visit.Status.PLANNED and v.owner_id == me.pk and v.moment.starts_at <= now
    ]
    if not upcoming and not to_reflect:
        return None
    return Card(
        _("Lesbezoeken"),
        "learning/cards/visits.html",
        {"upcoming": upcoming, "to_reflect": to_reflect, "me": me},
        url=reverse("learning:home", args=[school.slug]),
    )


def _ask_links(request, people):
    """People (user id, name, school slug) to offer "Vraag om advies / feedback" for; never oneself."""
    seen, rows = set(), []
    for uid, name, slug in people:
        if uid == request.user.pk or (uid, slug) in seen:
            continue
        seen.add((uid, slug))
        rows.append({"user_id": uid, "name": name, "school_slug": slug})
    return rows


def person_panel(request, person):
    if person is None or person.pk == request.user.pk:
        return None
    return Panel("learning/panels/person.html", {"person": person})


def search_panel(request, hits=None, board_hits=None, quality_hits=None, areas=()):
    """ "Vraag om advies / feedback" for every person the search found, here and (when searched) at the board's schools.

    Uses the results the search page already has: no queries of its own. Board hits are only people who
    may be found (the board allows it, they did not opt out); ``advice.find_recipient`` checks that again.
    """
    people = [(h.user_id, h.name, request.school.slug) for h in hits or ()]
    people += [(uid, name, request.school.slug) for uid, name, _text in quality_hits or ()]
    people += [(h.user_id, h.name, h.school_slug) for h in board_hits or ()]
    rows = _ask_links(request, people)
    if not rows:
        return None
    for row in rows:
        row["other_school"] = row["school_slug"] != request.school.slug
    return Panel("learning/panels/search.html", {"rows": rows, "area_keys": [a.key for a in areas or ()]})


def gap_panel(request, priority):
    keys = list(priority.requirements.values_list("area__key", flat=True))
    if not keys:
        return None
    return Panel("learning/panels/gap.html", {"priority": priority, "area_keys": keys})


def group_panel(request, group):
    from .views import shared_filter

    shared = list(
        Visit.objects.filter(school=request.school, share_group=group, shared_at__isnull=False)
        .filter(shared_filter(request))
        .select_related("owner")[:10]
    )
    talks = list(
        AdviceRequest.objects.filter(school=request.school, share_group=group, shared_at__isnull=False)
        .filter(shared_filter(request))
        .only("id", "question")[:10]
    )
    return Panel("learning/panels/group.html", {"group": group, "shared": shared, "talks": talks})


def palette_panel(request, year=None):
    counts = advice.advice_counts_by_area(request.school, year)
    if not counts:
        return Panel("learning/panels/palette.html", {"rows": [], "year": year})
    areas = request.school.expertise_areas.filter(key__in=list(counts)).select_related("domain")
    rows = sorted(((a, counts[a.key]) for a in areas), key=lambda r: (-r[1], r[0].name))
    return Panel("learning/panels/palette.html", {"rows": rows, "year": year})


def register():
    from .kijkwijzers import ensure_defaults

    register_school_setup(ensure_defaults, order=40)  # a new school starts with the default kijkwijzers
    register_card(requests_card, order=15, shows_if=requests_shows_if)
    register_card(visits_card, order=16, shows_if=visits_shows_if, changes_at=visits_changes_at)
    register_nav(_("Leren van elkaar"), "learning:home", order=25)
    register_job("learning.visit_reminders", visits.send_reminders)
    register_panel("expertise.person", person_panel)
    register_panel("expertise.search", search_panel)
    register_panel("expertise.palette", palette_panel)
    register_panel("priorities.gap", gap_panel)
    register_panel("groups.group", group_panel)
