"""The SQLite backend (gespreid.core.sqlite3) rewrites placeholders exactly as Django's does, once per statement."""

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend only")


def test_placeholders_and_literal_percent_signs(db):
    from gespreid.core.sqlite3.base import _qmark

    with connection.cursor() as cursor:
        for _ in range(2):  # the second run takes the remembered rewrite
            cursor.execute("SELECT %s || '%%' || %s, '%%s'", ["a", "b"])
            assert cursor.fetchone() == ("a%b", "%s")
    assert _qmark.cache_info().hits >= 1
    with connection.cursor() as cursor:  # named parameters go through Django's own conversion
        cursor.execute("SELECT %(x)s + %(y)s", {"x": 2, "y": 3})
        assert cursor.fetchone() == (5,)


def test_the_orm_runs_on_it(db, school, member):
    from gespreid.core.models import Membership

    assert connection.settings_dict["ENGINE"] == "gespreid.core.sqlite3"
    assert Membership.objects.filter(school=school, user__name__contains="%").count() == 0
    assert Membership.objects.filter(school=school, user__name__startswith="Mila").count() == 1
