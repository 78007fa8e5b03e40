from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.functional import SimpleLazyObject

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


def _school_switch(user) -> list:
    """The person's schools for the header's switch; empty when there is only one."""
    memberships = list(
        Membership.objects.filter(user=user, is_active=True).select_related("school").order_by("school__name")
    )
    return memberships if len(memberships) > 1 else []


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
        context["school_year"] = getattr(request, "school_year", None)
    if request.user.is_authenticated:
        # The school switch: queried only when the person has more than one school (access counted them already),
        # and then once per page (a lazy list, not a callable the template would call again for each use).
        if membership is None or getattr(membership, "school_count", 2) > 1:
            context["school_switch"] = SimpleLazyObject(lambda: _school_switch(request.user))
        if membership is not None:  # the bell is only shown inside a school
            context["unread_count"] = getattr(membership, "unread_count", None)
            if context["unread_count"] is None:
                context["unread_count"] = request.user.notifications.filter(
                    school=membership.school, read_at__isnull=True
                ).count()
    return context
