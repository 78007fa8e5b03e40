"""Two app servers behind HAProxy with a shared Redis cache: one is killed under load and restarted.

Runs ``bench/scaleout.py`` against the test database (PostgreSQL): the proxy, Redis and both gunicorn
servers are started on 127.0.0.1 and stopped by it. Every write that got an answer must be in the
database, errors are at most the requests in flight when the server died, and the proxy moved the
traffic to the other server and back.
"""

import pytest
from django.db import connection

from bench import scaleout

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


def test_killing_one_app_server_loses_no_answered_write(transactional_db):
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    users = 6
    result = scaleout.run(url, schools=10, users=users, seconds=48)
    assert result["answered_writes"] > 0
    assert result["writes_missing"] == 0
    assert result["errors"] <= users
    assert result["a_while_down"] == 0 and result["b_while_down"] > 0
    assert result["a_after_restart"] > 0
