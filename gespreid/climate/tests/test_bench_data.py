"""The bench builds its climate school on an empty database, as `make bench` does on a fresh machine."""

import pytest

from bench.bench_climate import ensure_school
from gespreid.climate.models import Round

pytestmark = pytest.mark.django_db


def test_bench_climate_school_is_built_on_an_empty_database():
    school = ensure_school("bench-klimaat-test", 6, 2)

    rounds = Round.objects.filter(school=school)
    assert rounds.count() == 2
    assert all(r.statements.exists() for r in rounds)  # the default statements of a new school
    assert ensure_school("bench-klimaat-test", 6, 2) == school  # a second run reuses it
