"""One access module: every school view gets the member's school, membership and role here.

A person who is not an active member of the school in the URL gets a 404, the same answer as
for a school that does not exist. Per-object helpers (``get_<thing>_for_member``) live in each
app and start from ``request.school`` so they can never reach another school's rows.
"""

from functools import lru_cache, wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from .models import Board, BoardMembership, Membership, Notification, SchoolYear


def _columns(model, alias):
    from django.db import connection

    q = connection.ops.quote_name
    return [f"{alias}.{q(f.column)}" for f in model._meta.concrete_fields], [
        f.attname for f in model._meta.concrete_fields
    ]


@lru_cache(maxsize=1)
def _membership_sql():
    """One hand-written query for the hottest path of the site (every school page).

    The ORM version with two counted subqueries cost more time to compile than everything
    else on the team page together; this SQL is built once from the models' metadata.
    """
    from django.db import connection

    from .models import School

    q = connection.ops.quote_name
    m_cols, m_names = _columns(Membership, "m")
    s_cols, s_names = _columns(School, "s")
    b_cols, b_names = _columns(Board, "b")
    y_cols, y_names = _columns(SchoolYear, "y")
    mt, st, bt, nt, yt = (q(x._meta.db_table) for x in (Membership, School, Board, Notification, SchoolYear))
    sql = (
        f"SELECT {', '.join(m_cols + s_cols + b_cols + y_cols)}, "
        f"(SELECT COUNT(*) FROM {nt} n WHERE n.{q('user_id')} = m.{q('user_id')} AND n.{q('school_id')} = m.{q('school_id')}"
        f" AND n.{q('read_at')} IS NULL), "
        f"(SELECT COUNT(*) FROM {mt} o WHERE o.{q('user_id')} = m.{q('user_id')} AND o.{q('is_active')} = %s) "
        f"FROM {mt} m INNER JOIN {st} s ON s.{q('id')} = m.{q('school_id')} INNER JOIN {bt} b ON b.{q('id')} = s.{q('board_id')} "
        # The current school year, as School.current_year() picks it: the latest start on or before today.
        f"LEFT JOIN {yt} y ON y.{q('id')} = (SELECT z.{q('id')} FROM {yt} z WHERE z.{q('school_id')} = s.{q('id')}"
        f" AND z.{q('starts_on')} <= %s AND z.{q('ends_on')} >= %s ORDER BY z.{q('starts_on')} DESC LIMIT 1) "
        f"WHERE m.{q('user_id')} = %s AND s.{q('slug')} = %s AND m.{q('is_active')} = %s"
    )
    return sql, m_names, s_names, b_names, y_names


def get_membership(user, school_slug: str) -> Membership:
    """The active membership with its school, board and current school year, plus two numbers the header needs.

    One query for every school page. On the membership:
    ``school_year``: the school year of today (``School.current_year()``), or None;
    ``unread_count``: the person's unread notifications in this school;
    ``school_count``: how many schools the person belongs to (the header offers a switch when > 1).
    """
    from django.db import connections, router

    from .models import School

    connection = connections[router.db_for_read(Membership)]  # the real wrapper of this thread
    membership = None
    if user.is_authenticated and school_slug:
        sql, m_names, s_names, b_names, y_names = _membership_sql()
        today = connection.ops.adapt_datefield_value(timezone.localdate())
        with connection.cursor() as cursor:
            cursor.execute(sql, [True, today, today, user.pk, school_slug, True])
            row = cursor.fetchone()
        if row is not None:
            i = len(m_names)
            j = i + len(s_names)
            k = j + len(b_names)
            n = k + len(y_names)
            membership = Membership.from_db(
                connection.alias, m_names, _convert(Membership, m_names, row[:i], connection)
            )
            school = School.from_db(connection.alias, s_names, _convert(School, s_names, row[i:j], connection))
            board = Board.from_db(connection.alias, b_names, _convert(Board, b_names, row[j:k], connection))
            school._state.fields_cache["board"] = board
            membership._state.fields_cache["school"] = school
            membership.school_year = None
            if row[k] is not None:  # the year's id: NULL when no year holds today
                membership.school_year = SchoolYear.from_db(
                    connection.alias, y_names, _convert(SchoolYear, y_names, row[k:n], connection)
                )
                membership.school_year._state.fields_cache["school"] = school
            membership.unread_count, membership.school_count = int(row[n] or 0), int(row[n + 1] or 1)
    if membership is None:
        raise Http404("Geen toegang tot deze school.")
    return membership


@lru_cache(maxsize=64)
def _converters(model, names: tuple, connection) -> list:
    """The backend's value converters per field; cached per connection object (one per thread)."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    result = []
    for name in names:
        field = fields[name]
        converters = connection.ops.get_db_converters(field.cached_col) + field.get_db_converters(connection)
        result.append((field.cached_col, converters))
    return result


def _convert(model, names, values, connection):
    """Apply the database backend's converters (SQLite returns decimals, dates and booleans raw)."""
    out = []
    for value, (expression, converters) in zip(values, _converters(model, tuple(names), connection), strict=True):
        for converter in converters:
            value = converter(value, expression, connection)
        out.append(value)
    return out


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


def leader_required(view):
    """Like member_required, and only school leaders or administrators may continue (403)."""

    @member_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.membership.can_manage:
            raise PermissionDenied("Alleen de schoolleider of beheerder mag dit doen.")
        return view(request, *args, **kwargs)

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
