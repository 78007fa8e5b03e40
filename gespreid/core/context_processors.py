from functools import lru_cache

from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
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


def gespreid(request):
    """Header data: the current school, the person's schools, navigation and unread count."""
    membership = getattr(request, "membership", None)
    context = {
        "school": getattr(request, "school", None),
        "membership": membership,
        "board": getattr(request, "board", None),
    }
    context["site_urls"] = _site_urls(get_script_prefix())
    if membership is not None:
        items = nav_items(membership)
        urls = _school_urls(membership.school.slug, get_script_prefix(), tuple(item.url_name for item in items))
        context["nav_items"] = [(item, urls["nav"][item.url_name]) for item in items]
        context["school_urls"] = urls
        context["section_nav"] = lambda: section_nav(request, urls, items)
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
