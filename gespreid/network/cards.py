"""Home card (an open network round), navigation and the panels on the expertise search and gap pages."""

from django.db.models import Exists
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, Panel, register_card, register_job, register_nav, register_panel

from . import contacts, rounds


def open_round_shows_if(school):
    return Exists(school.network_rounds.filter(closed_at__isnull=True))


def open_round_card(request):
    round_obj = rounds.open_round_of(request.school)
    if round_obj is None:
        return None
    answered = round_obj.responses.filter(user=request.user).exists()
    return Card(
        _("Netwerkvragen"),
        "network/cards/open_round.html",
        {"round": round_obj, "answered": answered},
        url=reverse("network:round-detail", args=[request.school.slug, round_obj.pk]),
    )


def search_panel(request, query=None, areas=(), **kwargs):
    """'Wie weet iets van …?': outside contacts with a matching area."""
    found = contacts.for_search(request.school, query, [a.pk for a in areas or ()])
    return Panel("network/panels/search.html", {"contacts": found, "searched_areas": list(areas or ())})


def gap_panel(request, priority=None, **kwargs):
    """A speerpunt with missing expertise: outside contacts who know about those areas."""
    if priority is None:
        return None
    areas = _gap_areas(request, priority)
    if not areas:
        return None
    return Panel("network/panels/gap.html", {"contacts": contacts.for_areas(request.school, areas)})


def _gap_areas(request, priority) -> list[int]:
    from gespreid.priorities import analysis

    year = request.school_year
    if year is None:
        return []
    ((_p, gaps),) = analysis.analyse(request.school, year, [priority])
    return [g.need.area_id for g in gaps if g.is_gap]


def register():
    from gespreid.core.audit import register_action_label

    register_action_label("network.round_open", _("Netwerkronde geopend"))
    register_action_label("network.round_close", _("Netwerkronde gesloten"))
    register_action_label("network.contact_add", _("Contact buiten de school toegevoegd"))
    register_action_label("network.contact_edit", _("Contact buiten de school gewijzigd"))
    register_action_label("network.contact_delete", _("Contact buiten de school verwijderd"))
    register_card(open_round_card, order=28, school_shows_if=open_round_shows_if)
    register_nav(_("Netwerk"), "network:round-list", order=60)
    register_panel("expertise.search", search_panel, order=50)
    register_panel("priorities.gap", gap_panel, order=50)
    register_job("network.close_due_rounds", rounds.close_due_rounds)
