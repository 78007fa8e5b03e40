#!/usr/bin/env python
"""`make scaleout`: two app servers behind HAProxy with a shared Redis cache, one killed under load.

    bench/scaleout.py [--schools 60] [--users 20] [--seconds 40]

Everything runs on 127.0.0.1 and is started and stopped here: a Redis server of its own, two gunicorn
app servers (as two hosts would be) with pooled PostgreSQL connections and the shared cache, a background
worker, and HAProxy in front with health checks. Locust runs the school day through the proxy and logs every write that got
an answer. A quarter of the way in, app server A is killed (SIGKILL, the whole process group); halfway
it is started again. Afterwards:

- every answered write is in the database (``scaleout_writes_missing`` must be 0);
- errors are at most the requests in flight when A died (one per simulated person);
- traffic moved: both servers answered after the restart, and B carried the load while A was gone.

Needs PostgreSQL (``SCALEOUT_DATABASE_URL``, default ``postgres://postgres@127.0.0.1:5432/gespreid_scaleout``),
``haproxy`` and ``redis-server`` (Debian packages).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402

PORTS = {"proxy": 8960, "a": 8961, "b": 8962, "redis": 8963, "stats": 8964}

HAPROXY_CFG = """
global
    maxconn 512
defaults
    mode http
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 5s
    retries 2
    option redispatch
    retry-on conn-failure empty-response
frontend web
    bind 127.0.0.1:{proxy}
    default_backend app
backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /accounts/login/ ver HTTP/1.1 hdr Host 127.0.0.1
    default-server inter 1s fall 2 rise 2
    server a 127.0.0.1:{a} check
    server b 127.0.0.1:{b} check
listen stats
    bind 127.0.0.1:{stats}
    stats enable
    stats uri /
"""


def start_app(env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "gespreid.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip


def served_by(stats_port: int) -> dict[str, int]:
    """Requests each app server answered (2xx and 3xx responses), from HAProxy's statistics (CSV)."""
    import urllib.request

    text = urllib.request.urlopen(f"http://127.0.0.1:{stats_port}/;csv", timeout=5).read().decode()
    header = text.splitlines()[0].lstrip("# ").split(",")
    counts = {}
    for line in text.splitlines()[1:]:
        row = dict(zip(header, line.split(","), strict=False))
        if row.get("pxname") == "app" and row.get("svname") in ("a", "b"):
            counts[row["svname"]] = int(row["hrsp_2xx"] or 0) + int(row["hrsp_3xx"] or 0)
    return counts


def missing_writes(writes_file: str) -> tuple[int, int]:
    """(answered writes, how many of them are not in the database).

    The log holds every attempt in order and, after it, its answer. A profile row may hold the level of a
    later attempt that never got an answer (its server died after the commit): that is not a lost write.
    """
    from django.contrib.auth import get_user_model

    from gespreid.decisions.models import Response
    from gespreid.expertise.models import ExpertiseEntry
    from gespreid.highlights.models import Post

    users = {u.email: u.id for u in get_user_model().objects.filter(email__contains="@land.test")}
    answered = missing = 0
    since_answer: dict = {}  # (user, area) -> levels attempted since (and including) the last answered one
    for line in Path(writes_file).read_text().splitlines():
        write = json.loads(line)
        user = users[write["email"]]
        if write["kind"] == "save_profile":
            key = (user, write["area"])
            if write["answered"]:
                since_answer[key] = {int(write["level"])}
            elif key in since_answer:
                since_answer[key].add(int(write["level"]))
        if not write["answered"]:
            continue
        answered += 1
        if write["kind"] == "respond":
            missing += not Response.objects.filter(round_id=write["round"], user_id=user).exists()
        elif write["kind"] == "post_highlight":
            missing += not Post.objects.filter(author_id=user, text=write["text"]).exists()
    for (user, area), levels in since_answer.items():
        entry = ExpertiseEntry.objects.filter(user_id=user, area_id=area).first()
        missing += entry is None or entry.level not in levels
    return answered, missing


def run(database_url: str, schools: int = 60, users: int = 20, seconds: int = 40) -> dict:
    plan = load.prepare(database_url, schools, sample=schools)
    with tempfile.TemporaryDirectory() as tmp:
        plan_file, writes, log = f"{tmp}/plan.json", f"{tmp}/writes.jsonl", open(f"{tmp}/servers.log", "w")
        Path(plan_file).write_text(json.dumps(plan))
        Path(f"{tmp}/haproxy.cfg").write_text(HAPROXY_CFG.format(**PORTS))
        env = load.server_env(
            database_url,
            GESPREID_REDIS_URL=f"redis://127.0.0.1:{PORTS['redis']}/0",
            GESPREID_DB_POOL="4",
            GESPREID_MEDIA_ROOT=f"{tmp}/media",  # one media folder: what a shared volume or object store would be
        )
        procs = {
            "redis": subprocess.Popen(
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(PORTS["redis"]),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=log,
                stderr=log,
            ),
            "a": start_app(env, PORTS["a"], log),
            "b": start_app(env, PORTS["b"], log),
            # The background worker (django-tasks' database backend) that sends mail and runs solves.
            "worker": subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.5"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=log,
                start_new_session=True,
            ),
        }
        try:
            for name in ("a", "b"):
                try:
                    load.wait_until_up(f"http://127.0.0.1:{PORTS[name]}/accounts/login/")
                except RuntimeError as exc:  # say why: the servers' own words
                    log.flush()
                    raise RuntimeError(f"{exc}\n{Path(tmp, 'servers.log').read_text()[-3000:]}") from None
            procs["haproxy"] = subprocess.Popen(["haproxy", "-f", f"{tmp}/haproxy.cfg"], stdout=log, stderr=log)
            load.wait_until_up(f"http://127.0.0.1:{PORTS['proxy']}/accounts/login/")
            events = {}

            def kill_and_restart():
                time.sleep(seconds / 4)
                os.killpg(procs["a"].pid, signal.SIGKILL)
                procs["a"].wait()
                events["killed"] = served_by(PORTS["stats"])
                time.sleep(seconds / 4)
                events["restarting"] = served_by(PORTS["stats"])
                procs["a"] = start_app(env, PORTS["a"], log)
                load.wait_until_up(f"http://127.0.0.1:{PORTS['a']}/accounts/login/")

            chaos = threading.Thread(target=kill_and_restart)
            chaos.start()
            stats = load.locust(
                f"http://127.0.0.1:{PORTS['proxy']}", plan_file, users, seconds, 100_000, f"{tmp}/scaleout", writes
            )
            chaos.join()
            events["end"] = served_by(PORTS["stats"])
        finally:
            for proc in procs.values():
                if proc.poll() is None:
                    try:
                        os.killpg(proc.pid, signal.SIGTERM)
                    except (ProcessLookupError, PermissionError):
                        proc.terminate()
            for proc in procs.values():
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        total = stats["Aggregated"]
        answered, missing = missing_writes(writes)
        return {
            "rps": float(total["Requests/s"]),
            "requests": int(total["Request Count"]),
            "errors": int(total["Failure Count"]),
            "answered_writes": answered,
            "writes_missing": missing,
            "a_while_down": events["restarting"].get("a", 0) - events["killed"].get("a", 0),
            "b_while_down": events["restarting"].get("b", 0) - events["killed"].get("b", 0),
            "a_after_restart": events["end"].get("a", 0) - events["restarting"].get("a", 0),
            "b_after_restart": events["end"].get("b", 0) - events["restarting"].get("b", 0),
        }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=40)
    args = parser.parse_args(argv)
    url = os.environ.get("SCALEOUT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gespreid_scaleout")
    r = run(url, args.schools, args.users, args.seconds)
    load.emit(
        "scaleout_rps",
        round(r["rps"], 1),
        "requests/s",
        "two app servers behind HAProxy, one killed for a quarter of the run",
    )
    load.emit(
        "scaleout_errors", r["errors"], "requests", f"at most the requests in flight when a server died ({args.users})"
    )
    load.emit("scaleout_answered_writes", r["answered_writes"], "writes")
    load.emit("scaleout_writes_missing", r["writes_missing"], "writes", "must be 0", r["writes_missing"])
    load.emit(
        "scaleout_b_share_while_a_down", r["b_while_down"], "requests", f"A answered {r['a_while_down']} meanwhile"
    )
    load.emit("scaleout_a_after_restart", r["a_after_restart"], "requests", "the proxy sends traffic to A again")
    ok = r["writes_missing"] == 0 and r["errors"] <= args.users and r["a_while_down"] == 0 and r["a_after_restart"] > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
