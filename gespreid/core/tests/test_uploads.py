"""Issue 13.11: a too-large request is refused from its Content-Length, before the body is read.

The test client's request body is a FakePayload that fails when more is read than it holds: the
requests below claim 300 MB and hold a few bytes, so any attempt to read them fails the test.
"""

import pytest
from django.urls import reverse

HUGE = str(300 * 1024 * 1024)


def _claim(client, url, length=HUGE):
    return client.post(url, {"x": "1"}, CONTENT_LENGTH=length)


@pytest.mark.parametrize(
    "name, who",
    [
        ("highlights:post-create", "member_client"),
        ("accounts:import-upload", "leader_client"),
        ("core:team", "leader_client"),  # a page that takes no files at all
    ],
)
def test_a_300_mb_request_is_refused_unread(name, who, request, school):
    client = request.getfixturevalue(who)
    client.raise_request_exception = True
    response = _claim(client, reverse(name, args=[school.slug]))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()


def test_the_team_import_takes_no_more_than_its_file_limit(leader_client, school):
    from gespreid.accounts.team_import import MAX_BYTES

    response = _claim(leader_client, reverse("accounts:import-upload", args=[school.slug]), str(MAX_BYTES + 200_000))
    assert response.status_code == 413


def test_a_form_without_files_takes_no_more_than_django_s_form_limit(member_client, school, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = _claim(member_client, reverse("core:notifications-read", args=[school.slug]), "200000")
    assert response.status_code == 413


def test_the_total_limit_applies_to_every_address(client, settings, db):
    settings.MAX_REQUEST_BYTES = 1000
    assert _claim(client, reverse("accounts:login"), "5000").status_code == 413


def test_an_ordinary_upload_still_goes_through(member_client, school):
    """The tests above can fail: a normal post is not refused."""
    response = member_client.post(reverse("highlights:post-create", args=[school.slug]), {"text": ""})
    assert response.status_code in (200, 400)


def test_the_deploy_doc_says_what_the_proxy_must_limit():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[3] / "docs" / "deploy.md").read_text()
    assert "client_max_body_size" in doc and "GESPREID_MAX_REQUEST_BYTES" in doc
