from django.shortcuts import render
from django.utils import timezone

from gespreid.core.access import board_member_required
from gespreid.core.models import school_year_start

from . import board
from .forms import BoardForm


@board_member_required
def board_network(request):
    """On request (the button): the measures across the board's schools, totals only."""
    form = BoardForm(request.GET or None, initial={"jaar": school_year_start(timezone.localdate())})
    context = {"form": form, "requested": False}
    if request.GET and form.is_valid():
        start = form.cleaned_data["jaar"] or school_year_start(timezone.localdate())
        picture, chosen = board.picture(request.board, start)
        names = {r.school_id: r.school.name for r in chosen}
        if picture is not None:
            for row in picture.per_school:
                row["name"] = names.get(row["school"], "")
            picture.per_school.sort(key=lambda row: row["name"])
        context.update(requested=True, picture=picture, start=start, end=start + 1)
    return render(request, "network/board_network.html", context, status=400 if form.errors else 200)
