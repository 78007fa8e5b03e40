"""Template tags of core: ``{% panels "slot" key=value %}`` shows what other apps registered for a slot."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

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
