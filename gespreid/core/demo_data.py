"""The demo board that `seed_demo` builds: fictional schools, people and school years.

Each capability adds its own part in ``<app>/demo.py`` with ``seed(demo: Demo)``; the command
calls them in INSTALLED_APPS order after this core part. Every part is idempotent.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from .models import (
    Board,
    BoardMembership,
    Function,
    Membership,
    School,
    SchoolYear,
    school_year_bounds,
    school_year_start,
)
from .registry import set_up_school

FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Carmen",
    "Daan",
    "Esra",
    "Femke",
    "Gijs",
    "Hanneke",
    "Ilse",
    "Jeroen",
    "Kim",
    "Lotte",
    "Mohammed",
    "Noor",
    "Olga",
    "Pieter",
    "Quinten",
    "Roos",
    "Sanne",
    "Thijs",
    "Ufuk",
    "Vera",
    "Wouter",
    "Yara",
    "Zeynep",
    "Aisha",
    "Bas",
    "Charlotte",
    "Dewi",
    "Eline",
    "Floor",
    "Hamza",
    "Inge",
    "Joost",
    "Karin",
    "Linda",
    "Maarten",
    "Nadia",
    "Petra",
    "Rik",
    "Saskia",
    "Tessa",
    "Ruud",
    "Marloes",
    "Fatima",
    "Jan",
    "Merel",
    "Sven",
    "Wendy",
    "Youssef",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van Dijk",
    "Yilmaz",
    "El Amrani",
    "Schouten",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Postma",
    "Kuipers",
    "van Wijk",
    "Willems",
    "Verhoeven",
    "Aydin",
]
FTES = [
    Decimal("1.00"),
    Decimal("0.80"),
    Decimal("0.60"),
    Decimal("0.80"),
    Decimal("1.00"),
    Decimal("0.50"),
    Decimal("0.70"),
    Decimal("0.90"),
]
STAFF_FUNCTIONS = [Function.TEACHER] * 8 + [
    Function.ASSISTANT,
    Function.SUBJECT_TEACHER,
    Function.TEACHER,
    Function.SPECIALIST,
]

DEMO_BOARD = {"slug": "kompas", "name": "Stichting Kompas Onderwijs"}
DEMO_SCHOOLS = [
    {"slug": "de-vlinderboom", "name": "De Vlinderboom", "brin": "12AB", "town": "Utrecht", "size": 25},
    {"slug": "de-regenboog", "name": "De Regenboog", "brin": "34CD", "town": "Amersfoort", "size": 15},
]
# The accounts the README lists: (e-mail, name, school index or None, function, fte, leader, admin)
DEMO_ACCOUNTS = [
    ("leider@demo.test", "Marieke Verbeek", 0, Function.DIRECTOR, Decimal("1.00"), True, True),
    ("tl@demo.test", "Thomas Kramer", 0, Function.TEACHER, Decimal("1.00"), False, False),
    ("lid@demo.test", "Sophie de Jong", 0, Function.TEACHER, Decimal("0.80"), False, False),
    ("anders@demo.test", "Ahmed Benali", 1, Function.TEACHER, Decimal("1.00"), False, False),
]


@dataclass
class Demo:
    board: Board
    schools: list[School]
    years: dict[int, SchoolYear]  # school id -> current school year
    previous_years: dict[int, SchoolYear]
    staff: dict[int, list]  # school id -> users, in a stable order
    accounts: dict[str, object]  # e-mail -> user
    password: str
    rng: random.Random = field(default_factory=lambda: random.Random(2026))

    @property
    def school(self) -> School:
        """The first demo school, where leider@, tl@ and lid@ work."""
        return self.schools[0]

    def user(self, email: str):
        return self.accounts[email]


@lru_cache(maxsize=2)
def _password_hash(password: str) -> str:
    """Hash the demo password once: hashing it for each of ~45 people took most of a minute."""
    return make_password(password)


def _ensure_user(email: str, name: str, password: str):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    user.name = name
    user.password = _password_hash(password)
    user.save()
    return user


def _ensure_years(school: School) -> tuple[SchoolYear, SchoolYear]:
    start = school_year_start(timezone.localdate())
    years = []
    for year in (start - 1, start):
        starts_on, ends_on = school_year_bounds(year)
        obj, _ = SchoolYear.objects.get_or_create(school=school, starts_on=starts_on, defaults={"ends_on": ends_on})
        years.append(obj)
    return years[1], years[0]


def build_core(password: str) -> Demo:
    board, _ = Board.objects.get_or_create(slug=DEMO_BOARD["slug"], defaults={"name": DEMO_BOARD["name"]})
    schools, years, previous, staff, accounts = [], {}, {}, {}, {}
    name_rng = random.Random(7)
    used_names = {acc[1] for acc in DEMO_ACCOUNTS}
    for index, spec in enumerate(DEMO_SCHOOLS):
        school, created = School.objects.get_or_create(
            slug=spec["slug"],
            defaults={"board": board, "name": spec["name"], "brin": spec["brin"], "town": spec["town"]},
        )
        if created:
            set_up_school(school)
        schools.append(school)
        years[school.id], previous[school.id] = _ensure_years(school)
        people = []
        for email, name, school_index, function, fte, leader, admin in DEMO_ACCOUNTS:
            if school_index == index:
                user = _ensure_user(email, name, password)
                Membership.objects.update_or_create(
                    user=user,
                    school=school,
                    defaults={"function": function, "fte": fte, "is_leader": leader, "is_admin": admin},
                )
                accounts[email] = user
                people.append(user)
        n = 0
        while len(people) < spec["size"]:
            name = f"{name_rng.choice(FIRST_NAMES)} {name_rng.choice(LAST_NAMES)}"
            if name in used_names:
                continue
            used_names.add(name)
            n += 1
            email = f"{name.split()[0].lower()}.{school.slug.split('-')[-1]}{n}@demo.test"
            user = _ensure_user(email, name, password)
            function = Function.INTERNAL_SUPERVISOR if n == 1 else STAFF_FUNCTIONS[n % len(STAFF_FUNCTIONS)]
            Membership.objects.get_or_create(
                user=user, school=school, defaults={"function": function, "fte": FTES[n % len(FTES)]}
            )
            people.append(user)
        staff[school.id] = people
    board_user = _ensure_user("bestuur@demo.test", "Hans Oosterhuis", password)
    BoardMembership.objects.update_or_create(
        user=board_user, board=board, defaults={"is_board_member": True, "is_admin": True}
    )
    accounts["bestuur@demo.test"] = board_user
    platform_admin = _ensure_user("beheer@demo.test", "Pim Platform", password)
    if not platform_admin.is_staff:
        platform_admin.is_staff = True
        platform_admin.save(update_fields=["is_staff"])
    accounts["beheer@demo.test"] = platform_admin
    return Demo(
        board=board,
        schools=schools,
        years=years,
        previous_years=previous,
        staff=staff,
        accounts=accounts,
        password=password,
    )
