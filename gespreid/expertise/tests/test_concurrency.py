"""Issue 13.16 on PostgreSQL: one person saving their profile twice at once never deadlocks.

Two code paths used to lock the profile and the school row in opposite order (an entry: school then
profile; the settings: profile then school). Now every profile write locks the profile first and
raises the school's version last, once. Skipped on SQLite; run with
DATABASE_URL=postgres://postgres@127.0.0.1:5432/gs_harden.
"""

import pytest
from django.db import connection

from gespreid.core.testing_concurrency import run_parallel
from gespreid.expertise import profiles
from gespreid.expertise.models import ExpertiseEntry, Profile

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://...)"),
]


def test_entry_and_settings_saved_at_once_do_not_deadlock(transactional_db, school, member, make_member):
    year = school.current_year()
    areas = list(school.expertise_areas.all()[:4])
    profiles.save_settings(member, school, year, "eerst", True)
    for trial in range(12):
        jobs = [
            lambda a=areas[trial % 4], t=trial: profiles.save_entry(member, school, year, a, {"level": 1 + t % 4}),
            lambda t=trial: profiles.save_settings(member, school, year, f"kwaliteit {t}", bool(t % 2)),
            lambda: profiles.confirm(member, school, year),
        ]
        results = run_parallel(jobs)
        errors = [r for r in results if isinstance(r, Exception)]
        assert not errors, errors
    assert ExpertiseEntry.objects.filter(user=member, school_year=year).count() == 4
    assert Profile.objects.get(user=member, school_year=year).qualities == "kwaliteit 11"


def test_colleagues_saving_at_once_all_succeed(transactional_db, school, make_member):
    year = school.current_year()
    area = school.expertise_areas.first()
    people = [make_member(school) for _ in range(8)]
    results = run_parallel([lambda p=p: profiles.save_entry(p, school, year, area, {"level": 2}) for p in people])
    assert not [r for r in results if isinstance(r, Exception)]
    assert ExpertiseEntry.objects.filter(area=area, school_year=year, level=2).count() == len(people)
