"""The team of a school: the team table and the leader's changes to a member."""

from decimal import Decimal

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from . import school_cache
from .audit import record
from .models import Bouw, Function, Membership, School
from .registry import team_roles_for


def fte_text(value) -> str:
    """1.00 -> "1", 0.80 -> "0,8" (decimal comma in Dutch)."""
    value = Decimal(value or 0).normalize()
    if value == value.to_integral():
        value = value.quantize(Decimal(1))
    return formats.number_format(value)


def roles_of(membership) -> list[str]:
    roles = []
    if membership.is_leader:
        roles.append(_("Schoolleider"))
    if membership.is_admin:
        roles.append(_("Beheerder"))
    return roles


def team_table(school: School, *, can_manage: bool, bouw: str = "") -> dict:
    """The rendered team summary and table plus the totals (one query, and one per registered team-roles provider).

    ``bouw`` (a ``Bouw`` value, or empty for everyone) keeps only the people of that bouw.
    """
    query = Membership.objects.filter(school=school, is_active=True)
    if bouw:
        query = query.filter(bouw=bouw)
    members = list(query.select_related("user").order_by("user__name", "user__email"))
    labels = dict(Function.choices)
    bouw_labels = dict(Bouw.choices)
    extra_roles = team_roles_for(school)  # e.g. teacher-leader roles, from the apps that own them (1 query each)
    rows = [
        {
            "id": m.pk,
            "name": m.user.name or m.user.email,
            "function": str(labels.get(m.function, m.function)),
            "fte": fte_text(m.fte),
            "class_group": m.class_group,
            "bouw": str(bouw_labels.get(m.bouw, m.bouw)),
            "roles": roles_of(m) + extra_roles.get(m.user_id, []),
        }
        for m in members
    ]
    total_fte = fte_text(sum((m.fte for m in members), Decimal(0)))
    html = render_to_string(
        "core/team_rows.html",
        {
            "rows": rows,
            "total_fte": total_fte,
            "can_manage": can_manage,
            "school": school,
            "bouw": bouw,
            "member_label": _("Teamlid"),
        },
    )
    return {"html": html, "count": len(rows), "fte": total_fte}


def team_table_html(request, *, bouw: str = "") -> str:
    """``team_table``'s HTML for the team page, kept rendered (``core.school_cache``) per school, bouw filter and
    whether the person may manage the team (the edit links); every change to the team gives a new version."""
    can_manage = request.membership.can_manage
    return school_cache.cached_html(
        request,
        "core.team_table",
        lambda: team_table(request.school, can_manage=can_manage, bouw=bouw)["html"],
        f"bouw={bouw}",
        "manage" if can_manage else "view",
    )


class LastLeaderError(Exception):
    pass


def _leaders_left(membership) -> int:
    return (
        Membership.objects.filter(school=membership.school, is_active=True, is_leader=True)
        .exclude(pk=membership.pk)
        .count()
    )


def update_member(
    actor,
    membership: Membership,
    *,
    function: str,
    fte,
    is_leader: bool,
    is_admin: bool,
    class_group: str = "",
    bouw: str = "",
) -> Membership:
    """A leader changes a member's function, FTE, group, bouw and roles. The school never loses its last leader."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.is_leader and not is_leader and _leaders_left(membership) == 0:
            raise LastLeaderError(
                _("Een school heeft altijd minstens één schoolleider. Maak eerst iemand anders schoolleider.")
            )
        fields = ("function", "fte", "is_leader", "is_admin", "class_group", "bouw")
        before = tuple(getattr(membership, f) for f in fields)
        after = (function, fte, is_leader, is_admin, class_group, bouw)
        for field, value in zip(fields, after, strict=True):
            setattr(membership, field, value)
        membership.save(update_fields=list(fields))
        if before != after:
            roles = ", ".join(roles_of(membership)) or _("Teamlid")
            place = ", ".join(
                p
                for p in (_("groep %(g)s") % {"g": class_group} if class_group else "", membership.get_bouw_display())
                if p
            )
            record(
                actor,
                "core.member_update",
                school=membership.school,
                target=membership,
                summary=f"{membership.user}: {membership.get_function_display()}, {fte_text(fte)} fte, {roles}"
                + (f", {place}" if place else ""),
            )
    return membership


def deactivate_member(actor, membership: Membership) -> Membership:
    """Take someone off the team (their account stays; other schools keep them)."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.is_leader and _leaders_left(membership) == 0:
            raise LastLeaderError(
                _("De laatste schoolleider kan niet van het team af. Maak eerst iemand anders schoolleider.")
            )
        membership.is_active = False
        membership.save(update_fields=["is_active"])
        record(
            actor, "core.member_deactivate", school=membership.school, target=membership, summary=str(membership.user)
        )
    return membership
