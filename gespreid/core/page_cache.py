"""Whole school pages that every member with the same role sees alike, kept rendered per process.

Some pages (the team page) show the same HTML to every member of a school who has the same role,
in the same language, until the school's data changes. Rendering them through the template
engine and the base layout costs several times what a bare Django view costs, so
``shared_page`` keeps the whole rendered page in the cache (LocMem, per process, like the team
table) under a key of everything such a page may depend on:

- the view and the full path (query string included), and the school year of today (the page may show
  "this year"; a page whose content changes with the date itself must not be a shared page);
- the school's state: id, created_at and the version counters the page names
  (``School.team_version`` …), which every change raises in its own transaction, plus the
  school's name and slug;
- the viewer's role (``membership.can_manage``) and the language;
- what the header shows per person: the unread count and, for someone in more than one school,
  their own id (the school switch lists their schools).

A page may use this only when everything it shows comes from those: the decorator is for views
that read school data, never for views that show one person's own data or change anything.

The one part that must differ per response, the CSRF token in the page's forms, is rendered as
a placeholder (unguessable, kept with the cached page) and replaced by ``get_token(request)`` on
every response, which is what ``{% csrf_token %}`` does. Only plain GET requests are served
from the cache: a POST, an htmx request or a request with a message to show renders as usual.
"""

import hashlib
import secrets
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from .versioned_cache import CACHE_SECONDS, school_state_key

CONTENT_TYPE = "text/html; charset=utf-8"


def page_key(request, version_fields: tuple) -> str:
    membership = request.membership
    school = membership.school
    person = request.user.pk if getattr(membership, "school_count", 2) > 1 else ""
    parts = (
        request.resolver_match.view_name,
        request.get_full_path(),
        getattr(membership.school_year, "pk", None),
        school_state_key(school, *version_fields),
        school.slug,
        school.name,
        int(membership.can_manage),
        get_language(),
        getattr(membership, "unread_count", ""),
        person,
    )
    return "shared-page:" + hashlib.md5(repr(parts).encode(), usedforsecurity=False).hexdigest()


def csrf_placeholder(request):
    """Context processor: while a shared page is rendered for the cache, its CSRF token is a placeholder."""
    placeholder = getattr(request, "_shared_page_placeholder", None)
    return {"csrf_token": placeholder} if placeholder else {}


def _servable(request) -> bool:
    """A plain GET: not an htmx request (it may want a part of the page), no message waiting to be shown."""
    return request.method == "GET" and "HTTP_HX_REQUEST" not in request.META and not len(get_messages(request))


def shared_page(*version_fields: str):
    """Serve the decorated school view from the cache; see the module docstring for when that is right.

    ``version_fields``: the ``School`` counters whose change must show on the page.
    Use below ``member_required`` (it sets ``request.membership``).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _servable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, version_fields)
            entry = cache.get(key)
            if entry is None:
                response, entry = _render(view, request, args, kwargs)
                if entry is None:  # not a plain HTML page: passed on as it is, never kept
                    return response
                cache.set(key, entry, CACHE_SECONDS)
            return HttpResponse(_with_token(request, *entry), content_type=CONTENT_TYPE)

        return wrapper

    return decorator


def _render(view, request, args, kwargs):
    """Run the view with a placeholder for the CSRF token: (response, None) or (None, (placeholder, html))."""
    request._shared_page_placeholder = placeholder = "csrf" + secrets.token_hex(16)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:  # a TemplateResponse renders late
            response.render()
    finally:
        del request._shared_page_placeholder
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response, None
    html = response.content.decode(response.charset)
    if not _cacheable(response):
        response.content = _with_token(request, placeholder, html)
        return response, None
    return None, (placeholder, html)


def _with_token(request, placeholder: str, html: str) -> str:
    return html.replace(placeholder, get_token(request)) if placeholder in html else html


def _cacheable(response) -> bool:
    """A plain, complete HTML page: no redirect, no error, no cookie or header of its own."""
    return (
        response.status_code == 200
        and not response.cookies
        and set(response.headers) == {"Content-Type"}
        and response["Content-Type"] == CONTENT_TYPE
    )
