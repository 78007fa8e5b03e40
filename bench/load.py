#!/usr/bin/env python
"""`make load`: a school day under load, with locust (headless, bounded) against gunicorn on 127.0.0.1.

    bench/load.py [--schools 6000] [--users 40] [--seconds 60] [--workers 4] [--max-requests 200000]
    bench/load.py --soak [--seconds 600]     memory of each worker at the start and the end

Needs PostgreSQL (``LOAD_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/gespreid_country``);
generates the country there first when it is smaller than ``--schools`` (``bench/country.py``).
Prints JSON lines like ``make bench``: requests/s, p50/p95 per page, errors, and ``country_peak_cover``:
the requests/s achieved over the 250 requests/s the country's busiest hour needs (150,000 staff, 30 % in
that hour, 15 pages each, bursts of 1.3x: 150000 * 0.3 * 15 * 1.3 / 3600 = 244).
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PEAK_RPS = 250
SERVER_ENV = {
    "GESPREID_DEBUG": "0",
    "GESPREID_SECRET_KEY": "load-test-only-secret-key-load-test-only-secret-key",
    "GESPREID_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "GESPREID_SSL_REDIRECT": "0",
    "GESPREID_SECURE_COOKIES": "0",
    "GESPREID_STATIC_ROOT": str(ROOT / "bench" / ".data" / "static"),
}


def emit(name, value, unit, compared_to=None, ratio=None):
    print(
        json.dumps({"name": name, "value": value, "unit": unit, "compared_to": compared_to, "ratio": ratio}), flush=True
    )


def server_env(database_url: str, **extra) -> dict:
    return {**os.environ, **SERVER_ENV, "DATABASE_URL": database_url, **extra}


def prepare(database_url: str, schools: int, sample: int = 200) -> dict:
    """Generate the country if needed; return the load plan (people and ids of ``sample`` schools, URLs)."""
    os.environ.update(server_env(database_url))
    from bench import country

    country.setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from gespreid.core.models import School

    call_command("migrate", verbosity=0)
    # The servers' static files, collected with the servers' own settings (inside pytest, Django is already
    # configured with the test settings, so call_command would collect elsewhere).
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
        cwd=ROOT, env=server_env(database_url), check=True,
    )  # fmt: skip
    if (
        country.generate(schools=schools, boards=max(schools // 20, 1), staff=schools * 25)
        and connection.vendor == "postgresql"
    ):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    slugs = [f"land-{i:05d}" for i in range(0, schools, max(schools // sample, 1))]
    plan = {"schools": [], "login_fields": {"email": "username", "password": "password"}}
    for school in School.objects.filter(slug__in=slugs).prefetch_related("memberships__user"):
        members = sorted(school.memberships.all(), key=lambda m: m.id)
        proposal = school.proposals.order_by("-id").first()
        plan["schools"].append(
            {
                "slug": school.slug,
                "leader": next(m.user.email for m in members if m.is_leader),
                "members": [m.user.email for m in members if not m.is_leader],
                "colleague": members[1].user_id,
                "proposal": proposal.id,
                "round": proposal.rounds.order_by("-id").first().id,
                "round_opener": proposal.rounds.order_by("-id").first().opened_by.email,
                "group": school.work_groups.order_by("id").first().id,
                "area": school.expertise_areas.order_by("id").first().id,
            }
        )
    one = lambda name, *args: reverse(name, args=["SLUG", *args]).replace("/0/", "/{0}/")  # noqa: E731
    plan["urls"] = {
        "home": one("core:home"),
        "team": one("core:team"),
        "notifications": one("core:notifications"),
        "matrix": one("expertise:matrix"),
        "profile": one("expertise:profile-detail", 0),
        "profile_mine": one("expertise:profile-mine"),
        "entry_save": one("expertise:entry-save"),
        "proposal": one("decisions:proposal-detail", 0),
        "respond": reverse("decisions:round-respond", args=["SLUG", 0, 1])
        .replace("/0/", "/{0}/")
        .replace("/1/", "/{1}/"),
        "group": one("groups:group-detail", 0),
        "feed": one("highlights:feed"),
        "post_create": one("highlights:post-create"),
        "plan": one("work:overview"),
    }
    return plan


@contextmanager
def gunicorn(env: dict, port: int, workers: int):
    """One app server on 127.0.0.1:port; yields the process."""
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gespreid.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "--graceful-timeout", "5"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/accounts/login/")
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def wait_until_up(url: str, seconds: float = 120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} kwam niet op")


def locust(host: str, plan_file: str, users: int, seconds: int, max_requests: int, csv_prefix: str, writes: str = ""):
    """Run locust headless and bounded; returns the per-page statistics (name -> row of its CSV)."""
    env = {**os.environ, "LOAD_PLAN": plan_file, "LOAD_MAX_REQUESTS": str(max_requests), "LOAD_WRITES": writes}
    subprocess.run(
        [str(Path(sys.executable).parent / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "-u", str(users), "-r", str(max(users // 5, 1)), "-t", f"{seconds}s", "--host", host, "--csv", csv_prefix,
         "--only-summary", "--stop-timeout", "5", "--loglevel", "WARNING"],
        env=env, check=False, timeout=seconds + 120, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{csv_prefix}_stats.csv") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def report(stats: dict, prefix: str = "load"):
    total = stats.pop("Aggregated")
    rps = float(total["Requests/s"])
    errors = int(total["Failure Count"])
    emit(f"{prefix}_rps", round(rps, 1), "requests/s", "gunicorn on PostgreSQL, locust on the same 2 cores")
    emit(f"{prefix}_requests", int(total["Request Count"]), "requests")
    emit(f"{prefix}_errors", errors, "requests", "must be 0", 0 if errors == 0 else errors)
    for name, row in sorted(stats.items()):
        if name.startswith("login"):
            continue
        emit(f"{prefix}_{name}_p50_ms", float(row["50%"]), "ms")
        emit(f"{prefix}_{name}_p95_ms", float(row["95%"]), "ms")
    emit(
        "country_peak_cover",
        round(rps / PEAK_RPS, 2),
        "ratio",
        f"{PEAK_RPS} requests/s, the country's busiest hour",
        round(rps / PEAK_RPS, 2),
    )
    return rps, errors


def worker_rss(master_pid: int) -> dict[int, int]:
    """Resident memory (kB) of each gunicorn worker (the children of the master)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = {}
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes[int(pid)] = int(line.split()[1])
    return sizes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=6000)
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--soak", action="store_true", help="ten minutes; memory of each worker must stay flat")
    args = parser.parse_args(argv)
    if args.soak and args.seconds == 60:
        args.seconds = 600
    database_url = os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gespreid_country")
    plan = prepare(database_url, args.schools)
    with tempfile.TemporaryDirectory() as tmp:
        plan_file = os.path.join(tmp, "plan.json")
        Path(plan_file).write_text(json.dumps(plan))
        env = server_env(database_url, GESPREID_MEDIA_ROOT=os.path.join(tmp, "media"))
        with gunicorn(env, args.port, args.workers) as server:
            host = f"http://127.0.0.1:{args.port}"
            if not args.soak:
                stats = locust(host, plan_file, args.users, args.seconds, args.max_requests, os.path.join(tmp, "load"))
                _, errors = report(stats)
                return 1 if errors else 0
            # Soak: a minute to warm up (imports, caches, connections), then measure from there.
            locust(host, plan_file, args.users, 60, args.max_requests, os.path.join(tmp, "warm"))
            before = worker_rss(server.pid)
            stats = locust(host, plan_file, args.users, args.seconds, args.max_requests, os.path.join(tmp, "soak"))
            after = worker_rss(server.pid)
            _, errors = report(stats, prefix="soak")
            growth = max((after[pid] - before[pid]) / before[pid] for pid in before if pid in after)
            emit(
                "soak_worker_rss_growth",
                round(growth, 3),
                "ratio",
                "each worker's resident size, after a minute's warm-up; must stay under 0.10",
                round(growth, 3),
            )
            emit(
                "soak_workers_replaced",
                len(set(before) - set(after)),
                "workers",
                "a worker that died would be replaced",
            )
            return 1 if errors or growth >= 0.10 else 0


if __name__ == "__main__":
    sys.exit(main())
