#!/usr/bin/env python
"""`make bench`: run every bench/bench_*.py, print one JSON line per figure, write bench/results.json.

Usage: bench/run.py [NAME ...]   (NAME = part of a bench module's name, e.g. `team`)
The database is bench/.data/bench.sqlite3 (kept between runs) unless BENCH_DATABASE_URL is set
(a PostgreSQL database is created when missing; figures then go to bench/results-pg.json).
The bench runs the project with bench/settings.py: its own URL conf adds the yardstick views.
"""

import importlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench" / ".data"
DATA.mkdir(parents=True, exist_ok=True)

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"  # the project with the bench URL conf
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{DATA / 'bench.sqlite3'}"
os.environ.update(
    GESPREID_DEBUG="0",
    GESPREID_SECRET_KEY="bench-only-secret-key-bench-only-secret-key-bench-only",
    GESPREID_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    GESPREID_SSL_REDIRECT="0",
    GESPREID_AXES_ENABLED="0",
    GESPREID_STATIC_ROOT=str(DATA / "static"),
    GESPREID_MEDIA_ROOT=str(DATA / "media"),
)


def _create_postgres_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(filters: list[str]) -> int:
    import django

    if os.environ["DATABASE_URL"].startswith("postgres"):
        _create_postgres_database(os.environ["DATABASE_URL"])
    django.setup()
    from django.core.management import call_command

    from bench import common

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if filters:
        modules = [m for m in modules if any(f in m for f in filters)]
    started = time.monotonic()
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        module.run()
    results = "results-pg.json" if os.environ["DATABASE_URL"].startswith("postgres") else "results.json"
    (ROOT / "bench" / results).write_text(json.dumps(common.RESULTS, indent=1) + "\n")
    print(
        json.dumps(
            {
                "name": "bench_total_seconds",
                "value": round(time.monotonic() - started, 1),
                "unit": "s",
                "compared_to": "10 minute budget",
                "ratio": round((time.monotonic() - started) / 600, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
