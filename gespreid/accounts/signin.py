"""Signing in through a school's own account (django-allauth), under the rules of the person's board.

Signing in never creates a member by itself. A sign-in through Microsoft, Google or Entree is let
through only when it matches

1. a stored link to that provider's subject (an allauth ``SocialAccount``), or
2. an account with an active membership, or an open invitation, for the e-mail address it carries;

and a board of those schools accepts that provider (``SignInMethod``): the e-mail domain is one of
the board's domains (when it lists any), the Microsoft tenant (``tid``, from the ID token, whose
issuer must be that tenant's: ``check_tenant_issuer``) is the board's (when set),
and for Entree the affiliation is ``employee`` or ``staff`` and ``nlEduPersonHomeOrganizationId``
is the BRIN of the school. The first match stores the link, so later sign-ins go by subject.
Anything else gets a Dutch page that says whom to ask (``accounts/signin_refused.html``).
"""

import re

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from gespreid.core.audit import record
from gespreid.core.models import BoardMembership, Membership, School

from .models import Invitation, SignInMethod

STAFF_AFFILIATIONS = {"employee", "staff"}


class Refused(Exception):
    def __init__(self, reason: str, **context):
        super().__init__(reason)
        self.reason, self.context = reason, context


def _first(value):
    if isinstance(value, list | tuple):
        return value[0] if value else ""
    return value or ""


def claims_of(sociallogin) -> dict:
    """The provider's claims (OpenID Connect) or attributes (SAML) as one flat dict of lists or values.

    The tenant (``tid``) and issuer (``iss``) always come from the ID token, never from the user info."""
    data = dict(sociallogin.account.extra_data or {})
    if isinstance(data.get("userinfo"), dict) or isinstance(data.get("id_token"), dict):
        id_token = data.get("id_token") or {}
        merged = {**id_token, **(data.get("userinfo") or {})}
        merged.update({key: id_token[key] for key in ("tid", "iss") if key in id_token})
        data = merged or data
    return data


TENANT_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def check_tenant_issuer(app_settings: dict, claims: dict) -> None:
    """Microsoft Entra multi-tenant: the ID token's issuer must be the one of the tenant it names.

    Entra's multi-tenant discovery document publishes the template issuer
    ``https://login.microsoftonline.com/{tenantid}/v2.0``, which allauth cannot compare, so the app's
    settings turn allauth's exact comparison off (``openid_configuration_overrides: {"issuer": null}``)
    and name the template here (``tenant_issuer``, with ``{tid}``). The token then must carry a tenant
    ID (a GUID) and exactly that tenant's issuer; which tenants get in is each board's choice (``_accepts``).
    """
    template = (app_settings or {}).get("tenant_issuer")
    if not template:
        return
    tid = str(_first(claims.get("tid")))
    if not TENANT_ID.fullmatch(tid) or _first(claims.get("iss")) != template.replace("{tid}", tid):
        raise Refused("issuer")


def email_of(sociallogin, claims: dict) -> str:
    for address in sociallogin.email_addresses or []:
        if address.email:
            return address.email.strip().lower()
    for key in ("email", "mail", "urn:oid:0.9.2342.19200300.100.1.3", "preferred_username", "upn"):
        value = _first(claims.get(key))
        if value and "@" in value:
            return value.strip().lower()
    return ""


def _values(claims: dict, *keys) -> set[str]:
    found = set()
    for key in keys:
        value = claims.get(key)
        for item in value if isinstance(value, list | tuple) else [value]:
            if item:
                found.add(str(item).strip().lower())
    return found


def affiliations(claims: dict) -> set[str]:
    # eduPersonAffiliation, also as eduPersonScopedAffiliation ("employee@school.nl").
    raw = _values(
        claims,
        "eduPersonAffiliation",
        "urn:mace:dir:attribute-def:eduPersonAffiliation",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.1",
        "eduPersonScopedAffiliation",
        "urn:oid:1.3.6.1.4.1.5923.1.1.1.9",
    )
    return {value.split("@")[0] for value in raw}


def home_organizations(claims: dict) -> set[str]:
    return {
        value.upper()
        for value in _values(
            claims, "nlEduPersonHomeOrganizationId", "urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId"
        )
    }


def _schools_for(user, email: str) -> tuple[list[School], list[Invitation]]:
    """The schools this person may reach: active memberships, open invitations (by e-mail)."""
    schools = []
    if user is not None:
        schools = [
            m.school
            for m in Membership.objects.filter(user=user, is_active=True).select_related("school", "school__board")
        ]
    invitations = [
        i for i in Invitation.objects.filter(email__iexact=email).select_related("school", "school__board") if i.is_open
    ]
    return schools + [i.school for i in invitations if i.school not in schools], invitations


def _accepts(method: SignInMethod, email: str, claims: dict, school: School) -> str | None:
    """None when ``method`` lets this person in for ``school``; else the reason it does not."""
    domain = email.rsplit("@", 1)[-1]
    if method.domains and domain not in method.domains:
        return "domain"
    if method.tenant_id and _first(claims.get("tid")).lower() != method.tenant_id.strip().lower():
        return "tenant"
    if method.provider == "entree" or method.provider.startswith("saml"):
        if not affiliations(claims) & STAFF_AFFILIATIONS:
            return "affiliation"
        if school.brin.upper() not in home_organizations(claims):
            return "brin"
    return None


def check(provider: str, email: str, claims: dict, user=None):
    """Who this sign-in is, and which invitations it accepts; raises ``Refused`` with a reason."""
    User = get_user_model()
    if user is None:
        if not email:
            raise Refused("no_email")
        user = User.objects.filter(email__iexact=email).first()
    email = email or user.email
    schools, invitations = _schools_for(user, email)
    board_ids = {s.board_id for s in schools}
    if user is not None:
        board_ids |= set(BoardMembership.objects.filter(user=user).values_list("board_id", flat=True))
    if not schools and not (user is not None and board_ids):
        raise Refused("unknown", email=email)
    methods = {m.board_id: m for m in SignInMethod.objects.filter(board_id__in=board_ids, provider=provider)}
    if not methods:
        raise Refused("not_offered", email=email, boards=sorted({s.board.name for s in schools}))
    reasons = []
    allowed_schools = []
    for school in schools:
        method = methods.get(school.board_id)
        reason = _accepts(method, email, claims, school) if method else "not_offered"
        if reason is None:
            allowed_schools.append(school)
        else:
            reasons.append(reason)
    board_only = (
        user is not None
        and not schools
        and any(_accepts(m, email, claims, School(brin="")) in (None, "brin") for m in methods.values())
    )
    if not allowed_schools and not board_only:
        reason = "affiliation" if "affiliation" in reasons else reasons[0] if reasons else "not_offered"
        raise Refused(reason, email=email, boards=sorted({s.board.name for s in schools}))
    return user, [i for i in invitations if i.school in allowed_schools]


def admit(request, sociallogin) -> None:
    """allauth's pre_social_login: let the person in by the rules above, or show why not."""
    from .invitations import accept_invitation

    provider = sociallogin.account.provider
    claims = claims_of(sociallogin)
    email = email_of(sociallogin, claims)
    try:
        check_tenant_issuer(_app_settings(request, sociallogin), claims)
        user, invitations = check(provider, email, claims, sociallogin.user if sociallogin.is_existing else None)
    except Refused as refused:
        raise ImmediateHttpResponse(refused_page(request, refused, provider)) from None
    with transaction.atomic():
        for invitation in invitations:
            user, _membership = accept_invitation(invitation, user=user)
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)  # stores the provider's subject: later sign-ins go by it
            record(user, "accounts.sign_in_link", target=user, summary=f"{provider} {sociallogin.account.uid}"[:300])
    sociallogin.user = user


def _app_settings(request, sociallogin) -> dict:
    """The settings of the provider's app (a SocialApp row or an entry in SOCIALACCOUNT_PROVIDERS)."""
    provider = sociallogin.provider or sociallogin.account.get_provider(request)
    app = getattr(provider, "app", None)
    return dict(getattr(app, "settings", None) or {})


def refused_page(request, refused: Refused, provider: str):
    from allauth.socialaccount.models import SocialApp

    app = SocialApp.objects.filter(provider_id=provider).first()
    context = {"reason": refused.reason, "provider": app.name if app else provider, **refused.context}
    return render(request, "accounts/signin_refused.html", context, status=403)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op hoofdletters."),
        "too_many_login_attempts": _("Te veel mislukte pogingen. Probeer het over een kwartier opnieuw."),
    }

    def is_open_for_signup(self, request):
        return False  # accounts come from invitations only

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Setting up a second factor right after signing in does not ask for the password again: the login
        page has just asked for it (within ACCOUNT_REAUTHENTICATION_TIMEOUT). Later changes still do."""
        import time

        from allauth.account import app_settings
        from allauth.account.authentication import get_authentication_records

        request = self.request
        if app == "allauth.mfa" and request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            if records and time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def get_login_redirect_url(self, request):
        from django.urls import reverse

        return reverse("core:start")


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin):
        return True  # only reached after admit() matched an invitation or membership

    def pre_social_login(self, request, sociallogin):
        admit(request, sociallogin)


def needs_second_factor(user) -> bool:
    """School leaders, board administrators and platform administrators must use a second factor."""
    if not user.is_authenticated:
        return False
    return bool(
        user.is_staff
        or user.is_superuser
        or Membership.objects.filter(user=user, is_active=True, is_leader=True).exists()
        or Membership.objects.filter(user=user, is_active=True, is_admin=True).exists()
        or BoardMembership.objects.filter(user=user, is_admin=True).exists()
    )


def sign_in_providers(request) -> list[dict]:
    """The buttons on the login page: every provider the platform registered (each board decides who gets in)."""
    from allauth.socialaccount.adapter import get_adapter

    return [
        {"name": provider.app.name if provider.app else provider.name, "url": provider.get_login_url(request)}
        for provider in get_adapter().list_providers(request)
    ]


def available_providers(request) -> list[tuple[str, str]]:
    """(id, name) of every sign-in service the platform registered (settings or the admin's SocialApps)."""
    from allauth.socialaccount.adapter import get_adapter

    return [(app.provider_id or app.provider, app.name) for app in get_adapter().list_apps(request)]


def save_method(actor, board, *, provider: str, allowed_domains: str = "", tenant_id: str = "") -> SignInMethod:
    """The board's administrator accepts (or changes) one way of signing in."""
    with transaction.atomic():
        method, _created = SignInMethod.objects.update_or_create(
            board=board, provider=provider, defaults={"allowed_domains": allowed_domains, "tenant_id": tenant_id}
        )
        record(actor, "accounts.sign_in_method", board=board, target=method, summary=f"{provider}: {allowed_domains}")
    return method


def delete_method(actor, method: SignInMethod) -> None:
    with transaction.atomic():
        record(actor, "accounts.sign_in_method_delete", board=method.board, target=method, summary=method.provider)
        method.delete()
