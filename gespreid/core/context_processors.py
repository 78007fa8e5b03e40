from .models import Membership
from .registry import nav_items


def gespreid(request):
    """Header data: the current school, the person's schools, navigation and unread count."""
    membership = getattr(request, "membership", None)
    context = {
        "school": getattr(request, "school", None),
        "membership": membership,
        "board": getattr(request, "board", None),
    }
    if membership is not None:
        context["nav_items"] = nav_items(membership)
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
