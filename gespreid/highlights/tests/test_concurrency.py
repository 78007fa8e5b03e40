"""Issue 13.17 on PostgreSQL: deleting a post while moderators approve it. The delete always wins.

Before: a 500, and in two of three trials the post the author deleted went live. Now every write to
a post takes the post's row lock first (``moderation.locked``). Skipped on SQLite; run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_harden.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gespreid.core.testing_concurrency import run_parallel
from gespreid.highlights.models import Approval, HighlightSettings, Post

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("approvals", [1, 2])
def test_a_delete_during_approval_always_wins(transactional_db, school, member, moderators, make_post, approvals):
    HighlightSettings.objects.filter(school=school).update(required_approvals=approvals)
    author, first, second = _client(member), _client(moderators[0]), _client(moderators[1])
    for _trial in range(6):
        post = make_post()
        delete = reverse("highlights:post-delete", args=[school.slug, post.pk])
        approve = reverse("highlights:moderation-approve", args=[school.slug, post.pk])
        results = run_parallel(
            [
                lambda url=delete: author.post(url).status_code,
                lambda url=approve: first.post(url).status_code,
                lambda url=approve: second.post(url).status_code,
            ]
        )
        assert all(r in (302, 404) for r in results), results  # no 500, no exception
        assert results[0] == 302
        assert not Post.objects.filter(pk=post.pk).exists()
        assert not Approval.objects.filter(post_id=post.pk).exists()
