"""Template tags of core: ``{% panels "slot" key=value %}`` shows what other apps registered for a slot;
``{% kept_panels "slot" key=object %}`` the same, kept rendered per person under the objects' ids
(``core.school_cache``): for slots whose panels hold no form and depend only on the school's data, the
person and the objects given."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from gespreid.core import school_cache
from gespreid.core.registry import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, **kwargs):
    request = context["request"]
    rendered = [
        render_to_string(p.template, {**p.context, "school": request.school}, request)
        for p in panels_for(slot, request, **kwargs)
    ]
    return format_html_join("", "{}", ((html,) for html in rendered))


@register.simple_tag(takes_context=True)
def kept_panels(context, slot, **objects):
    request = context["request"]
    ids = [f"{name}={obj.pk}" for name, obj in sorted(objects.items())]
    return school_cache.cached_html(
        request, f"panels-{slot}", lambda: panels(context, slot, **objects), *ids, per_person=True
    )
