import secrets
from functools import lru_cache

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .models import Membership
from .registry import nav_items


@lru_cache(maxsize=4096)
def _school_urls(slug: str, prefix: str, nav_names: tuple) -> dict:
    """The header's links for one school, reversed once per process instead of on every page."""
    return {
        "home": reverse("core:home", args=[slug]),
        "notifications": reverse("core:notifications", args=[slug]),
        "nav": {name: reverse(name, args=[slug]) for name in nav_names},
    }


@lru_cache(maxsize=16)
def _site_urls(prefix: str) -> dict:
    return {
        "start": reverse("core:start"),
        "set_language": reverse("set_language"),
        "logout": reverse("accounts:logout"),
    }


_SECTION_NAV: dict = {}


def section_nav(request, urls: dict, items: list) -> str:
    """The section navigation as HTML, rendered once per school, language, page and set of items.

    It is the same for everyone who sees the same items, and rendering its loop on every page
    cost about a third of the site header. Bounded: the dict is emptied when it grows large.
    """
    match = request.resolver_match
    view_name, url_name = (match.view_name, match.url_name) if match else ("", "")
    key = (urls["home"], get_language(), view_name, url_name, tuple(item.url_name for item in items))
    html = _SECTION_NAV.get(key)
    if html is None:
        if len(_SECTION_NAV) >= 4096:
            _SECTION_NAV.clear()
        html = _SECTION_NAV[key] = render_to_string(
            "core/_section_nav.html",
            {
                "school_urls": urls,
                "nav_items": [(item, urls["nav"][item.url_name]) for item in items],
                "view_name": view_name,
                "url_name": url_name,
            },
        )
    return html


_SITE_HEADER: dict = {}
_CSRF_MARK = f"csrf{secrets.token_hex(8)}"  # stand-ins, filled in per request
_PATH_MARK = f"path{secrets.token_hex(8)}"


def site_header(request, membership, urls: dict, items: list, csrf_token) -> str | None:
    """The site header of a school page, rendered once per school, language, page, menu and unread count.

    Only the csrf token and the current path differ per request; they are put in with two
    replaces. Rendering the header through the template engine was most of a cached page's time.
    People with more than one school get the template (their school switch lists their schools).
    """
    if getattr(membership, "school_count", 2) > 1 or not request.user.is_authenticated:
        return None
    match = request.resolver_match
    view_name, url_name = (match.view_name, match.url_name) if match else ("", "")
    school, unread = membership.school, getattr(membership, "unread_count", None)
    if unread is None:  # not counted by access: the template counts it
        return None
    names = tuple(item.url_name for item in items)
    key = (urls["home"], school.name, get_language(), view_name, url_name, names, unread)
    html = _SITE_HEADER.get(key)
    if html is None:
        if len(_SITE_HEADER) >= 4096:
            _SITE_HEADER.clear()
        html = _SITE_HEADER[key] = render_to_string(
            "core/_site_header.html",
            {
                "school": school,
                "school_urls": urls,
                "site_urls": _site_urls(get_script_prefix()),
                "user": request.user,  # only user.is_authenticated is read
                "my_memberships": (),
                "unread_count": unread,
                "csrf_token": _CSRF_MARK,
                "next_path": _PATH_MARK,
                "LANGUAGE_CODE": get_language(),
                "nav_items": items,
                "section_nav": section_nav(request, urls, items),
            },
        )
    return SafeString(html.replace(_CSRF_MARK, str(csrf_token)).replace(_PATH_MARK, escape(request.get_full_path())))


def gespreid(request):
    """Header data: the current school, the person's schools, navigation and unread count."""
    membership = getattr(request, "membership", None)
    context = {
        "school": getattr(request, "school", None),
        "membership": membership,
        "board": getattr(request, "board", None),
    }
    context["site_urls"] = _site_urls(get_script_prefix())
    # Django's csrf processor gives the same lazy token; one shared object masks the secret once per page.
    context["csrf_token"] = SimpleLazyObject(lambda: get_token(request))
    context["next_path"] = request.get_full_path  # the language switch returns here
    if membership is not None:
        items = nav_items(membership)
        urls = _school_urls(membership.school.slug, get_script_prefix(), tuple(item.url_name for item in items))
        context["nav_items"] = [(item, urls["nav"][item.url_name]) for item in items]
        context["school_urls"] = urls
        context["section_nav"] = lambda: section_nav(request, urls, items)
        context["site_header"] = lambda: site_header(request, membership, urls, items, context["csrf_token"])
        context["school_year"] = getattr(request, "school_year", None)
    if request.user.is_authenticated:
        # Queried only when the person has more than one school (access counted them already).
        if membership is None or getattr(membership, "school_count", 2) > 1:
            context["my_memberships"] = lambda: list(
                Membership.objects.filter(user=request.user, is_active=True)
                .select_related("school")
                .order_by("school__name")
            )
        if membership is not None:  # the bell is only shown inside a school
            context["unread_count"] = getattr(membership, "unread_count", None)
            if context["unread_count"] is None:
                context["unread_count"] = request.user.notifications.filter(
                    school=membership.school, read_at__isnull=True
                ).count()
    return context
