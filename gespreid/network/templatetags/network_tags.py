from django import template

register = template.Library()


@register.filter
def pct(value):
    """0.234 -> '23 %'; None -> '–'."""
    if value is None:
        return "–"
    return f"{round(value * 100)} %"


@register.filter
def signed_pct(value):
    if value is None:
        return "–"
    points = round(value * 100)
    return f"{points:+d}"
