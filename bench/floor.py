#!/usr/bin/env python
"""The logged-in floor: bare view, logged-in bare view, team page and matrix in ONE gunicorn, interleaved.

bench/run.py measures each ratio in its own gunicorn run, seconds apart, so machine load moves the
figures. This script measures all four URLs in rounds against the same server, so their ratios
can be compared. Usage: .venv/bin/python bench/floor.py [ROUNDS]   (uses the bench database)
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import bench.run  # noqa: E402,F401  (sets the bench environment)


def main(rounds: int) -> None:
    import django

    django.setup()
    from django.urls import reverse

    from bench.common import browser_cookies, ensure_schools, gunicorn, logged_in_client, member_of, requests_per_second

    school = ensure_schools()
    cookie = browser_cookies(logged_in_client(member_of(school)))
    paths = {
        "bare": ("/_bench/bare/", ""),
        "logged_in_bare": ("/_bench/bare-logged-in/", cookie),
        "team_page": (reverse("core:team", args=[school.slug]), cookie),
        "matrix": (reverse("expertise:matrix", args=[school.slug]), cookie),
    }
    totals = dict.fromkeys(paths, 0.0)
    with gunicorn() as base:
        for path, c in paths.values():  # warm every worker's caches
            requests_per_second(base + path, cookie=c, seconds=1)
        for _ in range(rounds):
            for name, (path, c) in paths.items():
                totals[name] += requests_per_second(base + path, cookie=c, seconds=3)
    rps = {name: round(total / rounds, 1) for name, total in totals.items()}
    print(json.dumps({"name": "floor_rps", "value": rps, "unit": "requests/s"}))
    print(json.dumps({"name": "floor_vs_bare_view", "value": {k: round(v / rps["bare"], 3) for k, v in rps.items()}}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
