"""Home card and navigation of the priorities app (registered in PrioritiesConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core import school_cache
from gespreid.core.registry import Card, register_card, register_nav

from . import analysis, gaps
from .forms import MAX_ACTIVE


def priorities_card(request):
    """The running priorities with their coverage (3 queries: priorities, requirements, entries), kept per school
    (``core.school_cache``): the same for everyone."""
    school, year = request.school, request.school_year

    def compute():
        running = analysis.with_requirements(analysis.for_year(school, year).order_by("title"))
        rows = []
        for priority, priority_gaps in analysis.analyse(school, year, running):
            cover = gaps.coverage(priority_gaps)
            rows.append(
                {
                    "priority": {"id": priority.pk, "title": priority.title},
                    "coverage": cover,
                    "pct": round(100 * cover) if cover is not None else 0,
                    "worst": gaps.worst_status(priority_gaps),
                }
            )
        return rows

    rows = school_cache.cached_value(request, "priorities.card_rows", compute, f"year{year.pk if year else None}")
    context = {"rows": rows, "too_many": len(rows) > MAX_ACTIVE}
    return Card(
        _("Speerpunten en dekking"),
        "priorities/cards/priorities.html",
        context,
        url=reverse("priorities:priority-list", args=[school.slug]),
    )


def register():
    register_card(priorities_card, order=20)
    register_nav(_("Speerpunten"), "priorities:priority-list", order=30)
