"""The project's URLs plus the bench's yardsticks; only `bench/settings.py` routes here, never production."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from gespreid.urls import urlpatterns as project_urlpatterns


def bare(request):
    """The yardstick: a bare Django view (the whole middleware stack, no session, no query)."""
    return HttpResponse("ok")


@login_required
def bare_logged_in(request):
    """The least a logged-in page costs: session and user loaded, nothing else."""
    return HttpResponse("ok")


urlpatterns = [
    path("_bench/bare/", bare),
    path("_bench/bare-logged-in/", bare_logged_in),
    *project_urlpatterns,
]
