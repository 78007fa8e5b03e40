from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def bullets(text):
    """Text whose lines start with "- " as a <ul>; any other text as paragraphs per line."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if lines and all(line.startswith("- ") for line in lines):
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines)))
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines))
