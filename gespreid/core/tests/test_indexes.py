"""At country size, the main pages' queries use indexes (PostgreSQL, the production database).

Fills the test database with a slice of a country (``bench/country.py``: 600 schools, 15,000 staff,
a year of activity), lets PostgreSQL gather statistics, then EXPLAINs every query of every main page
(``bench/explain.py``) and fails on a sequential scan of a table with more than 10,000 rows.
``make country`` runs the same check on the whole country (6,000 schools).
"""

import json

import pytest
from django.db import connection

from bench import country, explain

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


def test_the_main_pages_do_not_scan_a_large_table(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    country.generate(schools=600, boards=20, staff=15_000, seed=7, log=None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # The detector itself: a filter on an unindexed column of a large table is reported.
        cursor.execute("EXPLAIN (FORMAT JSON) SELECT id FROM core_notification WHERE message = 'x'")
        plan = cursor.fetchone()[0]
        sizes = explain.table_rows(cursor)
    plan = json.loads(plan) if isinstance(plan, str) else plan
    assert "core_notification" in set(explain.seq_scans(plan[0]["Plan"]))
    assert sizes["core_notification"] > explain.LARGE_ROWS

    findings, explained = explain.check_school("land-00300")
    assert explained > 100  # every page was opened and its queries explained
    assert [(f.page, f.table, f.sql) for f in findings] == []
