"""Refuse a too-large request before its body is read (issue 13.11).

Django reads a multipart body as soon as anything touches ``request.POST`` (the CSRF check does,
before the view), so a size check in a form comes after a 300 MB upload has been received and
written to disk. ``RequestSizeLimitMiddleware`` looks at the Content-Length header first:

- every request larger than ``GESPREID_MAX_REQUEST_BYTES`` (the total limit) is refused;
- a view that takes files says how much it takes with ``@upload_limit(bytes)`` (an int, or a function
  that returns one); every other view takes at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` plus a little.

The answer is a 413 page in Dutch. The reverse proxy must limit the body size too (docs/deploy.md):
a request without Content-Length (chunked) is only bounded by Django's own limits there.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

FORM_MARGIN = 64 * 1024  # the other fields of a form, on top of its files


def content_length(request) -> int:
    value = request.META.get("CONTENT_LENGTH") or ""
    return int(value) if value.isascii() and value.isdigit() else 0


def upload_limit(max_bytes):
    """Mark a view as taking files up to ``max_bytes`` (an int or a callable) in one request."""

    def decorator(view):
        view.max_request_bytes = max_bytes
        return view

    return decorator


def limit_for(view_func) -> int:
    limit = getattr(view_func, "max_request_bytes", None)
    if limit is None:
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE + FORM_MARGIN
    limit = limit() if callable(limit) else limit
    return min(int(limit) + FORM_MARGIN, settings.MAX_REQUEST_BYTES)


class RequestSizeLimitMiddleware:
    """Put it before CsrfViewMiddleware: its ``process_view`` runs before the CSRF check reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if content_length(request) > settings.MAX_REQUEST_BYTES:
            # Before the session and the user are loaded: a plain answer, no page around it.
            text = _("Dit is te groot om te versturen (meer dan %(mb)s MB).") % {"mb": _mb(settings.MAX_REQUEST_BYTES)}
            return HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        limit = limit_for(view_func)
        if content_length(request) > limit:
            return too_large(request, limit)
        return None


def too_large(request, limit: int):
    request.upload_refused = True
    return render(request, "core/too_large.html", {"mb": _mb(limit)}, status=413)


def _mb(limit: int) -> int:
    return max(1, round(limit / (1024 * 1024)))
