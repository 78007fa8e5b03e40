"""One way to spell an account: the e-mail address as sign-in, lockout and look-ups see it.

``normalise_email`` is used wherever an address is looked up or stored (``User`` creation, the login
backend's natural key, invitations, the team import). ``axes_username`` is django-axes's
``AXES_USERNAME_CALLABLE``: the lockout counts per account, however the address is typed
(``Charlotte@X.nl``, ``charlotte@x.nl`` or with spaces around it). It reads the field names in
``LOGIN_FIELDS``, so a sign-in form whose field is called ``login`` (django-allauth) counts alike.
"""

LOGIN_FIELDS = ("username", "login", "email")


def normalise_email(value) -> str:
    """``" Charlotte@Demo.TEST "`` -> ``"charlotte@demo.test"``; anything that is not text -> ``""``."""
    return value.strip().lower() if isinstance(value, str) else ""


def axes_username(request, credentials=None) -> str:
    """The account django-axes counts failures for: the normalised address from the credentials or the POST."""
    for source in (credentials or {}, getattr(request, "POST", None) or {}):
        for name in LOGIN_FIELDS:
            value = source.get(name)
            if value:
                return normalise_email(value)
    return ""
