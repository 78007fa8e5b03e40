"""page_mix_*: a school's day as a weighted mix of pages, against a bare Django view (see docs/bench.md).

500 schools in the database; the pages of school bench-0000 (40 staff) with real content: expertise
entries, a PLG with 200 cycle entries, a proposal with a consent round of 40 responses, 2,000
highlights, a werkverdelingsplan, 30 notifications. Each page is opened by the role that opens it.
gunicorn (2 sync workers) serves the mix and the bare view in alternating rounds (wrk, one Lua script
that walks the weighted list); the test client gives each page's p95 and query count.

On PostgreSQL (BENCH_DATABASE_URL=postgres://…) every figure's name ends in ``_pg``.
"""

import json
import os
import re
import subprocess
import tempfile
from datetime import timedelta

from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from bench.common import browser_cookies, emit, ensure_schools, gunicorn, logged_in_client, member_of, page_stats

# page: (weight in %, who opens it). Why these weights: docs/bench.md.
MIX = {
    "home": (30, "member"),
    "notifications": (12, "member"),
    "highlights_feed": (12, "member"),
    "proposal": (10, "member"),
    "group": (8, "group_member"),
    "team": (6, "member"),
    "profile": (6, "member"),
    "matrix": (6, "leader"),
    "work_plan": (10, "leader"),
}
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))


def _ensure_content(school):
    from bench.bench_decisions import ensure_round
    from bench.bench_expertise import ensure_expertise
    from bench.bench_groups import ensure_group
    from bench.bench_highlights import ensure_posts
    from gespreid.core.models import Notification
    from gespreid.work import planning

    ensure_expertise([school], main=school)
    group = ensure_group(school, "Bench PLG groot", entries=200)
    proposal = ensure_round(school, 40, 10)
    ensure_posts(school, 2000)
    year = school.current_year()
    plan = planning.plan_for(school, year, create=True)
    member = member_of(school, 1)
    if not Notification.objects.filter(school=school, user=member).exists():
        with transaction.atomic():
            Notification.objects.bulk_create(
                [
                    Notification(
                        school=school,
                        user=member,
                        message=f"Bench-melding {i}",
                        url="/",
                        read_at=timezone.now() - timedelta(days=1) if i % 3 else None,
                    )
                    for i in range(30)
                ]
            )
    return group, proposal, plan


def _urls(school, group, proposal):
    colleague = member_of(school, 7)
    slug = school.slug
    return {
        "home": reverse("core:home", args=[slug]),
        "notifications": reverse("core:notifications", args=[slug]),
        "highlights_feed": reverse("highlights:feed", args=[slug]),
        "proposal": reverse("decisions:proposal-detail", args=[slug, proposal.pk]),
        "group": reverse("groups:group-detail", args=[slug, group.pk]),
        "team": reverse("core:team", args=[slug]),
        "profile": reverse("expertise:profile-detail", args=[slug, colleague.pk]),
        "matrix": reverse("expertise:matrix", args=[slug]),
        "work_plan": reverse("work:plan-detail", args=[slug]),
    }


def _spread(weights: dict) -> list:
    """The pages in a fixed order where each appears ``weight`` times in 100, spread out (not in runs)."""
    slots = []
    for page, weight in weights.items():
        slots.extend(((k + 0.5) / weight, page) for k in range(weight))
    return [page for _position, page in sorted(slots)]


def _lua(requests: list) -> str:
    rows = ",\n".join(f"  {{{json.dumps(path)}, {json.dumps(cookie)}}}" for path, cookie in requests)
    return f"""local reqs = {{
{rows}
}}
local i = 0
request = function()
  i = i % #reqs + 1
  return wrk.format("GET", reqs[i][1], {{["Cookie"] = reqs[i][2]}})
end
"""


def _wrk(url: str, seconds: int, script: str | None = None, connections: int = 8) -> float:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", url]
    if script:
        cmd[1:1] = ["-s", script]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    assert not re.search(r"Non-2xx or 3xx responses: (\d+)", out), f"{url} answered errors under load: {out}"
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def run():
    suffix = "_pg" if connection.vendor == "postgresql" else ""
    school = ensure_schools()
    group, proposal, _plan = _ensure_content(school)
    people = {"member": member_of(school, 1), "leader": member_of(school, 0), "group_member": member_of(school, 5)}
    clients = {role: logged_in_client(user) for role, user in people.items()}
    cookies = {role: browser_cookies(client) for role, client in clients.items()}
    urls = _urls(school, group, proposal)

    for page, (_weight, role) in MIX.items():
        stats = page_stats(clients[role], urls[page], n=30)
        emit(f"{page}_p95_ms{suffix}", stats["p95_ms"], "ms", compared_to=f"as {role}, test client, 500 schools")
        emit(f"{page}_queries{suffix}", stats["queries"], "queries", compared_to=f"as {role}")
        cold = page_stats(clients[role], urls[page], n=15, warmup=2, cold=True)
        emit(f"{page}_cold_p95_ms{suffix}", cold["p95_ms"], "ms", compared_to="the cache emptied before each request")
        emit(
            f"{page}_cold_queries{suffix}",
            cold["queries"],
            "queries",
            compared_to="the cache emptied before each request",
        )

    requests = [(urls[page], cookies[MIX[page][1]]) for page in _spread({p: w for p, (w, _r) in MIX.items()})]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(_lua(requests))
        script = f.name
    try:
        with gunicorn() as base:
            _wrk(base + "/", 1, script)  # warm both workers on every page
            bare_total = mix_total = 0.0
            for _ in range(ROUNDS):
                bare_total += _wrk(base + "/_bench/bare/", SECONDS)
                mix_total += _wrk(base + "/", SECONDS, script)
    finally:
        os.unlink(script)
    bare, mix = bare_total / ROUNDS, mix_total / ROUNDS
    emit(f"page_mix_rps{suffix}", round(mix, 1), "requests/s", compared_to="gunicorn, 2 sync workers, 127.0.0.1")
    target = 0.10 if suffix else 0.15
    emit(
        f"page_mix_vs_bare_view{suffix}",
        round(mix / bare, 3),
        "ratio",
        compared_to=f"bare Django view {bare:.0f} requests/s, {ROUNDS} alternating rounds of {SECONDS} s; target {target}",
        ratio=round(mix / bare, 3),
    )
