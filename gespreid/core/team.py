"""The team of a school: the team table (cached) and the leader's changes to a member.

Why the cache: rendering 40 rows through the template engine (choice labels, translated role
tags, number formatting) cost ~20 ms a request, twenty times a bare Django view. The rendered
table is cached per school, language and viewer kind, keyed on ``School.team_version``,
which every change to a membership or a user's name raises (signals below and the write
functions here). The key comes from the database row that access already loads, so a cache
per process (LocMem) stays correct across gunicorn workers and hosts: a stale entry is never
looked up again.
"""

from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .audit import record
from .models import Function, Membership, School, SchoolYear
from .registry import team_roles_for
from .versioned_cache import bump, school_state_key

TEAM_CACHE_SECONDS = 60 * 60


def school_cache_key(school) -> str:
    """Identifies one state of a school's team and years (created_at guards against a reused id)."""
    return school_state_key(school, "team_version")


def bump_team_version(school_ids) -> None:
    bump("team_version", school_ids)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        # Every school of this person too: their cached pages there list their schools (the header's switch).
        others = Membership.objects.filter(user_id=instance.user_id).values_list("school_id", flat=True)
        bump_team_version([instance.school_id, *others])


@receiver(post_save, sender=SchoolYear)
@receiver(post_delete, sender=SchoolYear)
def _year_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # pages cached on the team version may show the school years
        bump_team_version([instance.school_id])


def _user_changed(sender, instance, raw=False, created=False, update_fields=None, **kwargs):
    if raw or created or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    bump_team_version(Membership.objects.filter(user=instance).values_list("school_id", flat=True))


def connect_user_signal():
    from django.contrib.auth import get_user_model

    post_save.connect(_user_changed, sender=get_user_model(), dispatch_uid="core.team.user_changed")


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


def team_table(school: School, *, can_manage: bool) -> dict:
    """The rendered team summary and table plus the totals, from the cache when the team did not change."""
    key = f"team-table:{school_cache_key(school)}:{get_language()}:{int(can_manage)}"
    table = cache.get(key)
    if table is None:
        members = list(
            Membership.objects.filter(school=school, is_active=True)
            .select_related("user")
            .order_by("user__name", "user__email")
        )
        labels = dict(Function.choices)
        extra_roles = team_roles_for(school)  # e.g. teacher-leader roles, from the apps that own them
        rows = [
            {
                "id": m.pk,
                "name": m.user.name or m.user.email,
                "function": str(labels.get(m.function, m.function)),
                "fte": fte_text(m.fte),
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
                "member_label": _("Teamlid"),
            },
        )
        table = {"html": html, "count": len(rows), "fte": total_fte}
        cache.set(key, table, TEAM_CACHE_SECONDS)
    return table


class LastLeaderError(Exception):
    pass


def _leaders_left(membership) -> int:
    return (
        Membership.objects.filter(school=membership.school, is_active=True, is_leader=True)
        .exclude(pk=membership.pk)
        .count()
    )


def update_member(actor, membership: Membership, *, function: str, fte, is_leader: bool, is_admin: bool) -> Membership:
    """A leader changes a member's function, FTE and roles. The school never loses its last leader."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.is_leader and not is_leader and _leaders_left(membership) == 0:
            raise LastLeaderError(
                _("Een school heeft altijd minstens één schoolleider. Maak eerst iemand anders schoolleider.")
            )
        before = (membership.function, membership.fte, membership.is_leader, membership.is_admin)
        membership.function, membership.fte, membership.is_leader, membership.is_admin = (
            function,
            fte,
            is_leader,
            is_admin,
        )
        membership.save(update_fields=["function", "fte", "is_leader", "is_admin"])
        if before != (function, fte, is_leader, is_admin):
            roles = ", ".join(roles_of(membership)) or _("Teamlid")
            record(
                actor,
                "core.member_update",
                school=membership.school,
                target=membership,
                summary=f"{membership.user}: {membership.get_function_display()}, {fte_text(fte)} fte, {roles}",
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
