"""Shared benchmark tools: synthetic schools, page timings, gunicorn + wrk throughput, JSON output."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

ROOT = Path(__file__).resolve().parent.parent
RESULTS: list[dict] = []
SCHOOLS = 500
STAFF = 40
BOARD_SIZE = 40


def emit(name: str, value, unit: str, compared_to=None, ratio=None) -> dict:
    """Print one figure as a JSON line and keep it for bench/results.json."""
    row = {"name": name, "value": value, "unit": unit, "compared_to": compared_to, "ratio": ratio}
    RESULTS.append(row)
    print(json.dumps(row), flush=True)
    return row


def ensure_schools(schools: int = SCHOOLS, staff: int = STAFF):
    """A database of ``schools`` synthetic schools with ``staff`` people each, in boards of 40. Idempotent.

    Returns the first school (slug ``bench-0000``), the one the page benchmarks look at.
    """
    from django.contrib.auth import get_user_model

    from gespreid.core.demo_data import FIRST_NAMES, LAST_NAMES
    from gespreid.core.models import Board, Membership, School, SchoolYear, school_year_bounds, school_year_start
    from gespreid.core.registry import set_up_school

    User = get_user_model()
    existing = School.objects.filter(slug__startswith="bench-").count()
    if existing < schools:
        start, end = school_year_bounds(school_year_start(timezone.localdate()))
        with transaction.atomic():
            for i in range(existing, schools):
                board, _ = Board.objects.get_or_create(
                    slug=f"bench-board-{i // BOARD_SIZE:03d}", defaults={"name": f"Bestuur {i // BOARD_SIZE}"}
                )
                school = School.objects.create(
                    board=board,
                    name=f"Benchschool {i:04d}",
                    slug=f"bench-{i:04d}",
                    brin=f"{i // 100 % 100:02d}{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{i % 100:02d}",
                    town="Utrecht",
                )
                set_up_school(school)
                SchoolYear.objects.create(school=school, starts_on=start, ends_on=end)
                users = User.objects.bulk_create(
                    [
                        User(
                            email=f"p{j}@bench-{i:04d}.test",
                            name=f"{FIRST_NAMES[(i + j) % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7 + j) % len(LAST_NAMES)]}",
                            password="!",
                        )
                        for j in range(staff)
                    ]
                )
                Membership.objects.bulk_create(
                    [
                        Membership(
                            user=u, school=school, fte=Decimal("0.8") if j % 3 else Decimal("1.0"), is_leader=(j == 0)
                        )
                        for j, u in enumerate(users)
                    ]
                )
    return School.objects.get(slug="bench-0000")


def member_of(school, index: int = 1):
    from gespreid.core.models import Membership

    return Membership.objects.filter(school=school).select_related("user").order_by("user__email")[index].user


def logged_in_client(user) -> Client:
    """A test client signed in as ``user``; a person who must have a second factor has one (as after set-up)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from gespreid.accounts.signin import needs_second_factor

    if needs_second_factor(user) and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


def page_stats(client: Client, url: str, n: int = 100, warmup: int = 5, cold: bool = False) -> dict:
    """p95 response time (ms) over ``n`` requests and the query count of one request.

    ``cold``: the cache is emptied before every request (the page as the first visitor after a change sees it).
    """
    from django.core.cache import cache

    def get():
        if cold:
            cache.clear()
        return client.get(url)

    for _ in range(warmup):
        response = get()
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        get()
    queries = len(ctx.captured_queries)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        get()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"p95_ms": round(times[int(0.95 * (n - 1))], 1), "median_ms": round(times[n // 2], 1), "queries": queries}


def _free_port() -> int:
    """A free port on 127.0.0.1, from BENCH_PORTS ("8100-8199") when set, else any."""
    low, _, high = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError("no free port in BENCH_PORTS")


@contextmanager
def gunicorn(workers: int = 2):
    """Serve the project with gunicorn on 127.0.0.1 (the bench database and settings); yields the base URL."""
    port = _free_port()
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    proc = subprocess.Popen(
        [str(gunicorn_bin), "gespreid.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/_bench/bare/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck in a request: do not hide the first error
            proc.kill()
            proc.wait()


def requests_per_second(url: str, cookie: str = "", seconds: int = 5, connections: int = 8) -> float:
    """Throughput of one URL on 127.0.0.1: wrk when installed, else a bounded Python load loop."""
    if shutil.which("wrk"):
        cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url]
        if cookie:
            cmd[1:1] = ["-H", f"Cookie: {cookie}"]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30).stdout
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        assert not non_2xx, f"{url} answered errors under load: {out}"
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return _python_load(url, cookie, seconds, connections)


def _python_load(url, cookie, seconds, connections) -> float:
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + seconds
    counts = [0] * connections

    def worker(i):
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while time.monotonic() < deadline:
            conn.request("GET", parts.path, headers={"Cookie": cookie} if cookie else {})
            conn.getresponse().read()
            counts[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / seconds


def browser_cookies(client: Client) -> str:
    """The cookies a logged-in browser sends: the session and, as after its first page, the CSRF cookie.

    Without the CSRF cookie every page that holds a form would mint a new CSRF secret and set it
    again, which no real browser causes after its first request.
    """
    from django.conf import settings
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    if settings.CSRF_COOKIE_NAME not in client.cookies:
        client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)
    return "; ".join(
        f"{name}={client.cookies[name].value}" for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
    )


def _interleaved(base: str, runs: list, rounds: int, seconds: int) -> list:
    """Requests per second of each (path, cookie) in ``runs``, measured in alternating rounds.

    Alternating short rounds (A B A B A B) instead of one long run each (A A A B B B) lets both
    URLs see the same machine: load from elsewhere then moves both figures, not their ratio.
    """
    totals = [0.0] * len(runs)
    for _ in range(rounds):
        for i, (path, cookie) in enumerate(runs):
            totals[i] += requests_per_second(base + path, cookie=cookie, seconds=seconds)
    return [total / rounds for total in totals]


def compare_with_bare_view(name: str, path: str, client: Client, rounds: int = 3, seconds: int = 2) -> dict:
    """Serve ``path`` and the bare view with gunicorn in one run, interleaved; emit ``<name>_vs_bare_view``."""
    with gunicorn() as base:
        requests_per_second(base + path, cookie=browser_cookies(client), seconds=1)  # warm both workers
        bare, page = _interleaved(base, [("/_bench/bare/", ""), (path, browser_cookies(client))], rounds, seconds)
    emit(f"{name}_rps", round(page, 1), "requests/s", compared_to="gunicorn, 2 workers, 127.0.0.1")
    return emit(
        f"{name}_vs_bare_view",
        round(page / bare, 3),
        "ratio",
        compared_to=f"bare Django view {bare:.0f} requests/s",
        ratio=round(page / bare, 3),
    )


def compare_with_logged_in_view(name: str, path: str, client: Client, rounds: int = 3, seconds: int = 2) -> dict:
    """Like compare_with_bare_view, against the cheapest logged-in page (session + user, no content).

    Every page behind a login pays for loading the session and the user from the database; this
    ratio shows what the page itself adds on top of that floor. Emits ``<name>_vs_logged_in_view``.
    """
    cookie = browser_cookies(client)
    with gunicorn() as base:
        requests_per_second(base + path, cookie=cookie, seconds=1)
        floor, page = _interleaved(base, [("/_bench/bare-logged-in/", cookie), (path, cookie)], rounds, seconds)
    return emit(
        f"{name}_vs_logged_in_view",
        round(page / floor, 3),
        "ratio",
        compared_to=f"logged-in bare view {floor:.0f} requests/s",
        ratio=round(page / floor, 3),
    )
