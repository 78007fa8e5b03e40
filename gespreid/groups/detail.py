"""What the group page shows, kept rendered per school version (core.school_cache).

The page is a few parts around its forms (join/leave, stage, new entry; their CSRF tokens are rendered on
every request): ``cycle`` (members, the stages with their counts), ``entries`` (one stage's page of the
research cycle), ``rest`` (open actions, the last meetings, proposals and innovations) and the panels of
other apps. Each part's key holds the school, its version, language and today (school_cache) and:

- ``groups.detail-head``: the group (name, facts);
- ``groups.detail-data``: the group (members, stage counts);
- ``groups.detail-cycle``, ``groups.detail-stage-fields``, ``groups.detail-entry-fields``: the group and the
  selected stage (members and stages; the fields inside the stage and new entry forms, whose ``<form>``
  with its token the page renders);
- ``groups.detail-entries``: the group, the stage and the page number;
- ``groups.detail-rest``: the group and whether the viewer may contribute (the actions' buttons and links);
- the panels of other apps: ``{% kept_panels "groups.group" group=group %}`` (core_tags), per person
  (a panel shows what this person may read).

The actions' "Gedaan" buttons hold no token: they submit the page's one form (``#action-form``) to their own
address (``formaction``), so the page works without JavaScript; htmx sends the token from the header.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.template.loader import render_to_string
from django.urls import reverse

from gespreid.core import school_cache

from . import cycle
from .models import Action

ENTRIES_PER_PAGE = 10
MEETINGS_ON_PAGE = 3
OPEN_ACTIONS_ON_PAGE = 15
PROPOSALS_ON_PAGE = 10  # the group's latest proposals, linked to the decisions pages
TEMPLATE = "groups/group_detail.html"


def group_data(group) -> dict:
    """Members (id, name) by name and the number of entries per stage: what the page needs before its parts."""
    members = list(group.memberships.order_by("user__name").values_list("user_id", "user__name"))
    counts = dict(group.entries.values_list("stage").annotate(n=Count("id")).order_by())
    return {"members": members, "counts": counts}


def data(request, group) -> dict:
    return school_cache.cached_value(request, "groups.detail-data", lambda: group_data(group), group.pk)


def page_url(group, school_slug: str, stage: str, number) -> str:
    """The page's address for these (checked) parameters: what an entry whose photo waits polls."""
    url = reverse("groups:group-detail", args=[school_slug, group.pk]) + f"?fase={stage}"
    return url if number is None else f"{url}&pagina={number}"


def head_html(request, group) -> str:
    def render():
        return render_to_string(f"{TEMPLATE}#head", {"school": request.school, "group": group})

    return school_cache.cached_html(request, "groups.detail-head", render, group.pk)


def form_fields_html(request, group, name: str, stages, selected: str) -> str:
    """The fields of the stage form (``stage-fields``) or the new entry form (``entry-fields``): the page
    renders the ``<form>`` with its token around them."""
    from .forms import EntryForm

    def render():
        context = {
            "group": group,
            "stages": stages,
            "selected": selected,
            "entry_file_help": EntryForm.base_fields["file"].help_text,
        }
        return render_to_string(f"{TEMPLATE}#{name}", context)

    return school_cache.cached_html(request, f"groups.detail-{name}", render, group.pk, selected)


def cycle_html(request, group, info: dict, stages, selected: str) -> str:
    def render():
        context = {
            "school": request.school,
            "group": group,
            "members": info["members"],
            "stages": stages,
            "selected": selected,
        }
        return render_to_string(f"{TEMPLATE}#cycle", context)

    return school_cache.cached_html(request, "groups.detail-cycle", render, group.pk, selected)


def entries_html(request, group, info: dict, selected: str, number) -> str:
    def render():
        paginator = Paginator(group.entries.filter(stage=selected).select_related("author"), ENTRIES_PER_PAGE)
        paginator.count = info["counts"].get(selected, 0)  # known from the stage counts: no COUNT query
        context = {
            "school": request.school,
            "group": group,
            "selected": selected,
            "entries": paginator.get_page(number),
            "poll_url": page_url(group, request.school.slug, selected, number),
        }
        return render_to_string(f"{TEMPLATE}#entries", context)

    return school_cache.cached_html(request, "groups.detail-entries", render, group.pk, selected, number)


def rest_html(request, group, can_contribute: bool) -> str:
    def render():
        meetings = list(
            group.meetings.prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))[
                :MEETINGS_ON_PAGE
            ]
        )
        context = {
            "school": request.school,
            "group": group,
            "can_contribute": can_contribute,
            "meetings": meetings,
            "open_actions": list(group.actions.filter(done=False).select_related("owner")[:OPEN_ACTIONS_ON_PAGE]),
            "proposals": list(group.proposals.only("id", "title", "decided_at")[:PROPOSALS_ON_PAGE]),
            "trajectories": list(group.trajectories.only("id", "title")),
        }
        return render_to_string(f"{TEMPLATE}#rest", context)

    return school_cache.cached_html(request, "groups.detail-rest", render, group.pk, can_contribute)


def stages(group, info: dict):
    return cycle.stage_overview(group.stage, info["counts"])
