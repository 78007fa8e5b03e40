#!/usr/bin/env python
"""Fill a database with a country: boards, schools, staff and a school year of activity.

    bench/country.py [--schools 6000] [--boards 300] [--staff 150000] [--seed 1]

Repeatable from the seed (school ``i`` always gets the same people and activity), resumable (schools
that exist are skipped) and fast enough for minutes, not hours: rows are written with ``bulk_create``
in batches of schools, with one password hash shared by every generated person (password ``demo``).
It writes through the models, so new fields with defaults need no change here.

Every capability gets a school year of activity: profiles with expertise, priorities with what they
need, groups with cycle entries, proposals with rounds, invitations, responses and outcomes, tasks,
budgets, preferences and an adopted plan, posts with one small image each, notifications and audit.
Generated schools have slugs ``land-00000``; people ``p<j>.<school>@land.test``.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A 1x1 PNG: the "small media" of a post (one file per post, as uploads would be).
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8ffff3f0005fe02fe"
    "a7c6a0a10000000049454e44ae426082"
)
FUNCTIONS = ["leerkracht"] * 14 + ["onderwijsassistent"] * 3 + ["ib", "vakleerkracht", "specialist", "ondersteuning"]
GROUPS = ["1/2", "1/2", "3", "4", "5", "6", "7", "8", "5/6", "7/8"]
BOUW = {"1/2": "onderbouw", "3": "middenbouw", "4": "middenbouw", "5": "middenbouw", "5/6": "middenbouw"}
PRIORITIES = [
    "Begrijpend lezen verbeteren",
    "Rekenonderwijs op maat",
    "Onderzoekend en ontwerpend leren",
    "Een veilig pedagogisch klimaat",
    "Digitale geletterdheid in elke groep",
]


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gespreid.settings")
    import django

    django.setup()


class Tables:
    """Rows of many models, written in one go per model: COPY on PostgreSQL, executemany elsewhere.

    Ids are handed out here (from the table's current maximum), so rows can point at each other before
    anything is written; the sequences are moved past them afterwards.
    """

    def __init__(self, connection, now):
        self.connection = connection
        self.rows: dict = {}
        self.next_id: dict = {}
        self.now = now

    def add(self, model, **values) -> int:
        if model not in self.next_id:
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")
                self.next_id[model] = cursor.fetchone()[0] + 1
            self.rows[model] = []
        pk = self.next_id[model]
        self.next_id[model] += 1
        values["id"] = pk
        self.rows[model].append([self._value(f, values) for f in model._meta.concrete_fields])
        return pk

    def _value(self, field, values):
        if field.attname in values:
            value = values[field.attname]
        elif field.has_default():
            value = field.get_default()
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = self.now
        elif field.null:
            value = None
        else:
            value = ""
        if field.get_internal_type() in ("JSONField", "UUIDField"):
            return field.get_db_prep_value(value, self.connection)
        return value

    def flush(self):
        with self.connection.cursor() as cursor:
            for model, rows in self.rows.items():
                if not rows:
                    continue
                table = model._meta.db_table
                columns = ", ".join(f'"{f.column}"' for f in model._meta.concrete_fields)
                if self.connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(rows[0]))
                    cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
                rows.clear()

    def move_sequences(self):
        if self.connection.vendor != "postgresql":
            return  # SQLite's rowid follows the largest id by itself
        with self.connection.cursor() as cursor:
            for model in self.next_id:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )


def generate(schools: int = 6000, boards: int = 300, staff: int = 150_000, seed: int = 1, batch: int = 100, log=print):
    """Create the missing schools ``0 .. schools-1``; returns the number created."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.db import connection, transaction
    from django.utils import timezone

    from gespreid.core.models import Board, School, school_year_bounds, school_year_start

    per_school = max(staff // schools, 5)
    # Production's hasher, whatever this process uses (the tests use a fast one), so app servers accept it.
    hasher = PBKDF2PasswordHasher()
    password = hasher.encode("demo", hasher.salt())
    start, end = school_year_bounds(school_year_start(timezone.localdate()))
    existing = set(School.objects.filter(slug__startswith="land-").values_list("slug", flat=True))
    todo = [i for i in range(schools) if f"land-{i:05d}" not in existing]
    board_ids = {}
    for b in range(boards):
        board, _ = Board.objects.get_or_create(slug=f"land-bestuur-{b:03d}", defaults={"name": f"Stichting Land {b}"})
        board_ids[b] = board.id
    started = time.monotonic()
    for offset in range(0, len(todo), batch):
        chunk = todo[offset : offset + batch]
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    # The rows are consistent by construction: skip the per-row foreign-key triggers and the
                    # wait for the disk on commit (a crash loses at most the last batch, which a rerun redoes).
                    cursor.execute("SET LOCAL session_replication_role = replica; SET LOCAL synchronous_commit = off")
            tables = Tables(connection, timezone.now())
            for i in chunk:
                _school(
                    tables,
                    i,
                    board_ids[i % boards],
                    per_school,
                    random.Random(seed * 1_000_003 + i),
                    password,
                    start,
                    end,
                )
            tables.flush()
            tables.move_sequences()
        done = offset + len(chunk)
        if log and (done % 500 < batch or done == len(todo)):
            log(f"{done}/{len(todo)} scholen, {time.monotonic() - started:.0f} s")
    return len(todo)


def _school(t, i, board_id, n, rng, password, start, end):  # noqa: C901 - one school's year, top to bottom
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from gespreid.core.demo_data import FIRST_NAMES, LAST_NAMES
    from gespreid.core.models import AuditEntry, Function, Membership, Notification, School, SchoolYear
    from gespreid.decisions.models import Invitation, Outcome, Proposal, ProposalVersion, Response, Round
    from gespreid.expertise.models import Area, Domain, ExpertiseEntry, Profile
    from gespreid.expertise.taxonomy import DEFAULT_TAXONOMY
    from gespreid.groups.models import CycleEntry, Group, GroupMember
    from gespreid.highlights.models import Post, PostMedia
    from gespreid.priorities.models import Priority, Requirement
    from gespreid.work.models import Assignment, Budget, Plan, Preference, Task

    User = get_user_model()
    now = t.now
    slug = f"land-{i:05d}"
    # Written in bulk: no signals, so a school gets exactly what is written here (no default set-up twice).
    school = t.add(
        School,
        board_id=board_id,
        name=f"Basisschool {LAST_NAMES[i % len(LAST_NAMES)]} {i}",
        slug=slug,
        brin=f"{i // 260 % 100:02d}{chr(65 + i % 26)}{chr(65 + i // 26 % 10)}",
        town="Utrecht",
    )
    year = t.add(SchoolYear, school_id=school, starts_on=start, ends_on=end)
    areas = []  # (id, name)
    for order, (d_key, d_name, items) in enumerate(DEFAULT_TAXONOMY):
        domain = t.add(Domain, school_id=school, key=d_key, name=d_name, order=order)
        for a_order, (key, name) in enumerate(items):
            areas.append((t.add(Area, school_id=school, domain_id=domain, key=key, name=name, order=a_order), name))

    users = []
    for j in range(n):
        name = f"{FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]} {LAST_NAMES[rng.randrange(len(LAST_NAMES))]}"
        user = t.add(User, email=f"p{j}.{slug}@land.test", name=name, password=password, date_joined=now)
        function = Function.DIRECTOR if j == 0 else FUNCTIONS[rng.randrange(len(FUNCTIONS))]
        group = GROUPS[j % len(GROUPS)] if function == "leerkracht" else ""
        fte = Decimal(rng.choice(["1.00", "0.80", "0.60", "0.50"]))
        t.add(
            Membership,
            user_id=user,
            school_id=school,
            function=function,
            fte=fte,
            is_leader=j == 0,
            class_group=group,
            bouw=BOUW.get(group, "bovenbouw") if group else "",
            joined_at=now,
        )
        t.add(Budget, school_id=school, school_year_id=year, user_id=user, fte=fte, teaching_hours=Decimal("900") * fte)
        users.append(user)
    team = users[1:]

    for u in users:
        t.add(
            Profile,
            school_id=school,
            school_year_id=year,
            user_id=u,
            qualities=f"Sterk in {rng.choice(areas)[1].lower()}.",
        )
        for area, _ in rng.sample(areas, 5):
            level = rng.choice([None, 1, 2, 2, 3, 3, 4])
            grow = rng.random() < 0.25
            t.add(
                ExpertiseEntry,
                school_id=school,
                school_year_id=year,
                user_id=u,
                area_id=area,
                level=level,
                acquired=rng.choice(["diploma", "cursus", "ervaring"]) if level else "",
                wants_growth=grow,
                target_level=min((level or 1) + 1, 4) if grow else None,
            )

    priorities = [
        t.add(Priority, school_id=school, title=title, owner_id=rng.choice(team), first_year_id=year)
        for title in rng.sample(PRIORITIES, 3)
    ]
    for p in priorities:
        for area, _ in rng.sample(areas, 2):
            t.add(
                Requirement,
                priority_id=p,
                area_id=area,
                min_level=rng.choice([2, 3]),
                people_needed=rng.choice([1, 2, 3]),
            )

    groups = []
    for p in priorities[:2]:
        lead = rng.choice(team)
        group = t.add(Group, school_id=school, school_year_id=year, priority_id=p, name=f"Werkgroep {p}", lead_id=lead)
        for u in sorted({lead, *rng.sample(team, min(5, len(team)))}):
            t.add(GroupMember, group_id=group, user_id=u, joined_at=now)
        t.add(
            CycleEntry,
            group_id=group,
            stage="vraag",
            author_id=lead,
            text="Wat werkt bij onze leerlingen?",
            created_at=now,
        )
        groups.append((group, lead))

    for k, (group, lead) in enumerate([groups[0], groups[1], groups[0]]):
        title = f"Voorstel {k + 1} van {slug}"
        proposal = t.add(
            Proposal, school_id=school, title=title, problem="Wat we willen verbeteren.", author_id=lead, group_id=group
        )
        version = t.add(
            ProposalVersion,
            proposal_id=proposal,
            number=1,
            title=title,
            problem="Wat we willen verbeteren.",
            body="De voorsteltekst.",
            created_by_id=lead,
            frozen=True,
        )
        is_open = k == 2
        closed = now - timedelta(days=20 - 10 * k)
        rnd = t.add(
            Round,
            proposal_id=proposal,
            kind=Round.CONSENT,
            opened_version_id=version,
            opened_by_id=lead,
            opened_at=now - timedelta(days=30 - 10 * k),
            closes_at=now + timedelta(days=7) if is_open else closed,
            closed_at=None if is_open else closed,
        )
        for u in users:
            if u == lead:
                continue
            t.add(Invitation, round_id=rnd, user_id=u)
            if rng.random() < 0.6:
                t.add(
                    Response,
                    round_id=rnd,
                    user_id=u,
                    version_id=version,
                    kind=rng.choice(["instemming"] * 5 + ["zorg"]),
                )
        if not is_open:
            t.add(
                Outcome,
                school_id=school,
                round_id=rnd,
                proposal_id=proposal,
                result=Outcome.ADOPTED,
                decision_text="Besloten.",
                version_id=version,
            )
        t.add(
            AuditEntry,
            school_id=school,
            actor_id=lead,
            action="decisions.round_opened",
            target_type="round",
            target_id=str(rnd),
        )

    plan = t.add(
        Plan, school_id=school, school_year_id=year, status="vastgesteld", adopted_on=start + timedelta(days=40)
    )
    for k in range(20):
        hours = Decimal(rng.choice([10, 20, 40, 60]))
        task = t.add(Task, school_id=school, name=f"Taak {k + 1}", hours_per_person=hours, headcount=1, created_at=now)
        if k < 10:
            t.add(Task.areas.through, task_id=task, area_id=rng.choice(areas)[0])
        t.add(Assignment, plan_id=plan, task_id=task, user_id=rng.choice(team), hours=hours)
        for u in rng.sample(team, min(4, len(team))):
            t.add(
                Preference,
                school_year_id=year,
                user_id=u,
                task_id=task,
                choice=rng.choice(["graag", "kan", "liever-niet"]),
            )

    media_dir = Path(settings.MEDIA_ROOT) / "highlights" / slug
    media_dir.mkdir(parents=True, exist_ok=True)
    for k in range(3):
        published = k < 2
        post = t.add(
            Post,
            school_id=school,
            author_id=rng.choice(team),
            text="Vandaag in groep 5: onderzoekend leren met magneten.",
            alt_text="Leerlingen met magneten",
            status="gepubliceerd" if published else "wacht",
            consent_confirmed_at=now,
            submitted_at=now - timedelta(days=k),
            published_at=now - timedelta(days=k) if published else None,
        )
        name = f"highlights/{slug}/{post}.png"
        (Path(settings.MEDIA_ROOT) / name).write_bytes(TINY_PNG)
        t.add(PostMedia, post_id=post, kind="image", file=name, content_type="image/png", width=1, height=1)

    for u in users:
        for _ in range(3):
            t.add(
                Notification,
                school_id=school,
                user_id=u,
                message="Er staat een ronde voor je klaar.",
                url=f"/{slug}/besluiten/",
            )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=6000)
    parser.add_argument("--boards", type=int, default=300)
    parser.add_argument("--staff", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    started = time.monotonic()
    created = generate(args.schools, args.boards, args.staff, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{created} scholen gemaakt in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
