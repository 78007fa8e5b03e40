"""Browser: signing in with a school account (OpenID Connect provider on 127.0.0.1), and a person it refuses."""

import copy
import re

import oidc_provider_mock
import pytest
import requests
from allauth.socialaccount.models import SocialApp
from playwright.sync_api import expect

from gespreid.accounts.models import SignInMethod

OIDC_PORT = 8832


@pytest.fixture
def provider(settings, board, db):
    with oidc_provider_mock.run_server_in_thread(port=OIDC_PORT) as server:
        issuer = f"http://127.0.0.1:{server.server_port}"
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id="schoolop",
            name="Schoolaccount",
            client_id="gespreid",
            secret="geheim",
            settings={"server_url": issuer},
        )
        SignInMethod.objects.create(board=board, provider="schoolop", allowed_domains="school.test")
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"] = [*policy["DIRECTIVES"]["form-action"], issuer]
        settings.CONTENT_SECURITY_POLICY = policy
        yield issuer


def _through_provider(page, live_server, sub):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("button", name="Inloggen met Schoolaccount").click()
    page.locator("input[name=sub]").fill(sub)  # the provider's own page
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_load_state()


def test_a_member_signs_in_with_the_school_account(provider, member, school, page, live_server):
    requests.put(f"{provider}/users/sub-mila", json={"email": member.email, "email_verified": True}, timeout=5)
    _through_provider(page, live_server, "sub-mila")
    expect(page).to_have_url(re.compile(rf"/{school.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mila")


def test_an_unknown_person_is_told_whom_to_ask(provider, page, live_server):
    requests.put(f"{provider}/users/sub-x", json={"email": "vreemde@school.test", "email_verified": True}, timeout=5)
    _through_provider(page, live_server, "sub-x")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen lukt zo niet")
    expect(page.get_by_text("Vraag je schoolleider om je uit te nodigen")).to_be_visible()
