#!/usr/bin/env python
"""Do the main pages' queries use indexes at country size? EXPLAIN every query of every main page.

    bench/explain.py            (after bench/country.py filled the database named by DATABASE_URL)

Opens each page of ``PAGES`` in one generated school as the person who opens it, captures its SQL and
runs ``EXPLAIN (FORMAT JSON)`` on every SELECT. A sequential scan of a large table (more rows than
``LARGE_ROWS`` in the planner's statistics) is a finding. Prints the findings, exits 1 when there are any.
The test ``core/tests/test_indexes.py`` runs the same check on PostgreSQL.
"""

import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.country import setup_django  # noqa: E402

LARGE_ROWS = 10_000
# (URL name, arguments after the school slug, who opens it)
PAGES = [
    ("core:home", [], "member"),
    ("core:home", [], "leader"),
    ("core:team", [], "member"),
    ("core:notifications", [], "member"),
    ("core:audit-log", [], "leader"),
    ("expertise:matrix", [], "member"),
    ("expertise:profile-mine", [], "member"),
    ("expertise:profile-detail", ["colleague"], "member"),
    ("expertise:palette", [], "member"),
    ("priorities:priority-list", [], "member"),
    ("priorities:priority-detail", ["priority"], "member"),
    ("groups:group-list", [], "member"),
    ("groups:group-detail", ["group"], "member"),
    ("decisions:proposal-list", [], "member"),
    ("decisions:proposal-detail", ["proposal"], "member"),
    ("decisions:decision-log", [], "member"),
    ("work:overview", [], "member"),
    ("work:plan-detail", [], "leader"),
    ("work:task-list", [], "member"),
    ("highlights:feed", [], "member"),
]


@dataclass
class Finding:
    page: str
    table: str
    rows: int
    sql: str


def seq_scans(plan: dict):
    """Every relation a plan (EXPLAIN FORMAT JSON node) reads with a sequential scan."""
    if plan.get("Node Type") == "Seq Scan":
        yield plan["Relation Name"]
    for child in plan.get("Plans", []):
        yield from seq_scans(child)


def table_rows(cursor) -> dict[str, int]:
    cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
    return dict(cursor.fetchall())


def check_school(slug: str, large_rows: int = LARGE_ROWS) -> tuple[list[Finding], int]:
    """Open every page of ``PAGES`` in school ``slug``; returns (findings, number of queries explained)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from gespreid.core.models import School

    school = School.objects.get(slug=slug)
    members = list(school.memberships.select_related("user").order_by("id"))
    people = {"leader": next(m.user for m in members if m.is_leader), "member": members[-1].user}
    ids = {
        "colleague": members[1].user_id,
        "priority": school.priorities.order_by("id").values_list("id", flat=True).first(),
        "group": school.work_groups.order_by("id").values_list("id", flat=True).first(),
        "proposal": school.proposals.order_by("id").values_list("id", flat=True).first(),
    }
    clients = {}
    for role, user in people.items():
        clients[role] = Client()
        clients[role].force_login(user)
    findings, explained = [], 0
    with connection.cursor() as cursor:
        sizes = table_rows(cursor)
    for name, args, role in PAGES:
        url = reverse(name, args=[slug, *(ids[a] for a in args)])
        with CaptureQueriesContext(connection) as queries:
            response = clients[role].get(url)
        if response.status_code != 200:
            raise AssertionError(f"{url} as {role}: {response.status_code}")
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            explained += 1
            for table in seq_scans(plan[0]["Plan"]):
                if sizes.get(table, 0) > large_rows:
                    findings.append(Finding(f"{name} ({role})", table, sizes[table], sql))
    return findings, explained


def main() -> int:
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("bench/explain.py needs PostgreSQL (DATABASE_URL=postgres://...)")
        return 2
    from gespreid.core.models import School

    slugs = list(School.objects.filter(slug__startswith="land-").order_by("slug").values_list("slug", flat=True))
    slug = slugs[len(slugs) // 2]
    findings, explained = check_school(slug)
    for f in findings:
        print(f"SEQ SCAN {f.table} ({f.rows} rows) on {f.page}:\n  {f.sql[:300]}")
    print(
        json.dumps(
            {
                "name": "country_seq_scans",
                "value": len(findings),
                "unit": "count",
                "compared_to": f"{explained} queries of {len(PAGES)} pages explained",
                "ratio": None,
            }
        )
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
