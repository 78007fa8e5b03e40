"""One access module: every school view gets the member's school, membership and role here.

A person who is not an active member of the school in the URL gets a 404, the same answer as
for a school that does not exist. Per-object helpers (``get_<thing>_for_member``) live in each
app and start from ``request.school`` so they can never reach another school's rows.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from . import school_cache
from .models import Board, BoardMembership, Membership, Notification


def get_membership(user, school_slug: str) -> Membership:
    """The active membership with its school, plus what the header needs.

    On the membership:
    ``school_year``: the school year of today (``School.current_year()``), or None;
    ``unread_count``: the person's unread notifications in this school;
    ``school_count``: how many schools the person belongs to (the header offers a switch when > 1).
    The three come from the cache (``core.school_cache``, per person, under the school's version).
    """
    if not (user.is_authenticated and school_slug):
        raise Http404("Geen toegang tot deze school.")
    # The school (its version keys the cached parts); the board is loaded by the few pages that need it.
    found = Membership.objects.select_related("school").filter(user=user, school__slug=school_slug, is_active=True)
    membership = next(iter(found.order_by()[:1]), None)
    if membership is None:
        raise Http404("Geen toegang tot deze school.")
    header = _header(user, membership.school)
    membership.school_year, membership.unread_count, membership.school_count = header
    return membership


def _header(user, school):
    def compute():
        unread = Notification.objects.filter(user=user, school=school, read_at__isnull=True).count()
        schools = Membership.objects.filter(user=user, is_active=True).count()
        return school.current_year(timezone.localdate()), unread, schools

    return school_cache.remember(school, "header", compute, person=user)


def member_required(view):
    """Resolve ``school_slug`` into ``request.school`` / ``request.membership`` or answer 404."""

    @login_required
    @wraps(view)
    def wrapper(request, school_slug, *args, **kwargs):
        membership = get_membership(request.user, school_slug)
        request.membership = membership
        request.school = membership.school
        request.school_year = membership.school_year
        return view(request, *args, **kwargs)

    return wrapper


def pick_year(request):
    """The school year asked for with ?jaar=<id> (one of this school's), else the current one (or None)."""
    from .params import query_int

    wanted = query_int(request, "jaar")
    if wanted is not None:
        year = request.school.years.filter(pk=wanted).first()
        if year is not None:
            return year
    return request.school_year


def leader_required(view):
    """Like member_required, and only school leaders or administrators may continue (403)."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.membership.can_manage:
            raise PermissionDenied("Alleen de schoolleider of beheerder mag dit doen.")
        return view(request, *args, **kwargs)

    wrapper.gespreid_access = "leader"  # core/tests/test_roles.py walks every URL marked so
    return wrapper


def get_board_membership(user, board_slug: str) -> BoardMembership:
    membership = BoardMembership.objects.select_related("board").filter(user=user, board__slug=board_slug).first()
    if membership is None and (user.is_superuser or user.is_staff):  # platform administrators
        board = Board.objects.filter(slug=board_slug).first()
        if board is not None:
            return BoardMembership(user=user, board=board, is_board_member=True, is_admin=True)
    if membership is None:
        raise Http404("Geen toegang tot dit bestuur.")
    return membership


def board_member_required(view):
    """Resolve ``board_slug`` into ``request.board`` / ``request.board_membership`` or answer 404."""

    @login_required
    @wraps(view)
    def wrapper(request, board_slug, *args, **kwargs):
        membership = get_board_membership(request.user, board_slug)
        request.board_membership = membership
        request.board = membership.board
        return view(request, *args, **kwargs)

    return wrapper


def board_admin_required(view):
    @board_member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.board_membership.is_admin:
            raise PermissionDenied("Alleen een beheerder van het bestuur mag dit doen.")
        return view(request, *args, **kwargs)

    return wrapper
