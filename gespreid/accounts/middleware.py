"""A second factor for those who see a whole school's data (school leaders, board and platform administrators).

At login (``user_logged_in``) the session notes whether this person needs a second factor and has
none yet; only then does a request cost a query. Until they set one up (TOTP with recovery codes,
or a security key / passkey) every page sends them to allauth's set-up page.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SESSION_KEY = "gespreid_second_factor_needed"
ALLOWED_PREFIXES = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/i18n/", "/accounts/reauthenticate/")


def note_at_login(sender, request, user, **kwargs):
    from allauth.mfa.utils import is_mfa_enabled
    from django.conf import settings

    from .signin import needs_second_factor

    if not settings.REQUIRE_SECOND_FACTOR:
        return
    if request is not None and hasattr(request, "session"):
        if needs_second_factor(user) and not is_mfa_enabled(user):
            request.session[SESSION_KEY] = True
        else:
            request.session.pop(SESSION_KEY, None)


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(SESSION_KEY) and request.user.is_authenticated:
            from allauth.mfa.utils import is_mfa_enabled

            if is_mfa_enabled(request.user):
                request.session.pop(SESSION_KEY, None)
            elif not request.path.startswith(ALLOWED_PREFIXES):
                messages.info(
                    request,
                    _(
                        "Je ziet gegevens van de hele school of het bestuur: stel eerst een tweede stap in om in te loggen "
                        "(een app met codes, of een beveiligingssleutel)."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)
