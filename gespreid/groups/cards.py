"""Home card: my groups and their next step (two queries)."""

from django.db.models import Exists, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gespreid.core.registry import Card, register_card, register_nav

from . import cycle
from .models import Action, Group


def _my_groups(request):
    groups = Group.objects.filter(school=request.school).filter(
        Q(memberships__user=request.user) | Q(lead=request.user)
    )
    if request.school_year is not None:
        groups = groups.filter(school_year=request.school_year)
    return groups


def my_groups_shows_if(request):
    return Exists(_my_groups(request))


def my_groups_card(request):
    groups = list(_my_groups(request).distinct().order_by("name")[:6])
    if not groups:
        return None
    first_action = {}
    actions = (
        Action.objects.filter(group__in=groups, done=False)
        .filter(Q(owner=request.user) | Q(owner__isnull=True))
        .order_by("due_on", "id")
    )
    for action in actions[:50]:
        first_action.setdefault(action.group_id, action)
    rows = [
        {"group": g, "stage": g.get_stage_display(), "next": cycle.next_step(g.stage, first_action.get(g.pk))}
        for g in groups
    ]
    return Card(
        _("Mijn werkgroepen"),
        "groups/cards/my_groups.html",
        {"rows": rows},
        url=reverse("groups:group-list", args=[request.school.slug]),
    )


def register():
    register_card(my_groups_card, order=40, shows_if=my_groups_shows_if)
    register_nav(_("Werkgroepen"), "groups:group-list", order=40)
