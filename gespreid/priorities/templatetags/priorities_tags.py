from django import template
from django.utils.translation import gettext_lazy as _

from ..gaps import COVERED, DEVELOPING, FRAGILE, HIRE, MISSING, SHARE, SHARED, SHORT, TRAIN

register = template.Library()

STATUS = {
    COVERED: _("gedekt"),
    SHORT: _("te weinig mensen"),
    FRAGILE: _("kwetsbaar: rust op één persoon"),
    MISSING: _("ontbreekt"),
    DEVELOPING: _("in ontwikkeling"),
    SHARED: _("gedeeld"),
}
ROUTE = {
    TRAIN: _("opleiden: iemand wil hierin groeien"),
    SHARE: _("delen: een andere school van het bestuur heeft het"),
    HIRE: _("werven: zoek het in een nieuwe collega"),
}


@register.filter
def status_label(status):
    return STATUS.get(status, "")


@register.filter
def route_label(route):
    return ROUTE.get(route, "")


@register.filter
def percent(value):
    return "–" if value is None else f"{round(value * 100)}%"
