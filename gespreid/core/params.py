"""The one way to read what a request says: integers, a ``next`` address, search text.

Bad input is never a 500 (issue 13.12–15):

- ``int_param(value)``: ASCII digits only (``"²"`` passes ``str.isdigit()`` and then fails ``int()``),
  at most 18 of them (fits every database's bigint), else the default. ``query_int(request, name)``
  and ``post_int(request, name)`` read it from the query string or the form.
- ``safe_next(request, fallback)``: the ``next`` address only when it is a path on this site
  (``/…``, not ``//host``); anything else, including a bare word such as ``mooi`` that ``redirect()``
  would try as a view name, gives the fallback.
- ``search_text(value)``: the text of a search box without NUL and other control characters (a NUL
  makes PostgreSQL refuse the query), white space collapsed, cut to ``limit`` characters.
- ``choice_param(value, choices)``: one of a fixed set of values (e.g. a bouw filter), else the default;
  ``query_choice(request, name, choices)`` reads it from the query string.
- ``BoundedIntegerIn`` (registered on every integer field in ``CoreConfig.ready``): an ``__in`` lookup
  that drops values the database cannot hold, as Django already does for ``=``, so a 40-digit id in a
  multi-select field is an invalid choice instead of an OverflowError on SQLite.
"""

import re

from django.core.exceptions import EmptyResultSet
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In
from django.utils.http import url_has_allowed_host_and_scheme

DIGITS = re.compile(r"[0-9]{1,18}")


def int_param(value, default=None):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return default


def query_int(request, name: str, default=None):
    return int_param(request.GET.get(name), default)


def post_int(request, name: str, default=None):
    return int_param(request.POST.get(name), default)


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def search_text(value, limit: int = 100) -> str:
    if not isinstance(value, str):
        return ""
    return " ".join(CONTROL.sub(" ", value).split())[:limit]


def choice_param(value, choices, default=""):
    if isinstance(value, str) and value.strip() in choices:
        return value.strip()
    return default


def query_choice(request, name: str, choices, default=""):
    return choice_param(request.GET.get(name), choices, default)


class _DropsOutOfRange:
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            field = self.lhs.output_field
            while getattr(field, "target_field", None) is not None and field.target_field is not field:
                field = field.target_field
            try:
                low, high = connection.ops.integer_field_range(field.get_internal_type())
            except KeyError:  # not an integer column
                return super().process_rhs(compiler, connection)
            values = list(self.rhs)
            kept = [
                v
                for v in values
                if not isinstance(v, int) or ((low is None or v >= low) and (high is None or v <= high))
            ]
            if values and not kept:
                raise EmptyResultSet
            self.rhs = kept
        return super().process_rhs(compiler, connection)


class BoundedIntegerIn(_DropsOutOfRange, In):
    """``field__in=[…]`` without the values outside the database's integer range (they match nothing)."""


class BoundedRelatedIn(_DropsOutOfRange, RelatedIn):
    """The same for a foreign key (``school__in=[…]``, ``school_id__in=[…]``)."""
