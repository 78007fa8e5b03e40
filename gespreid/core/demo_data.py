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

# The groups the demo's teachers teach, in staff order: Thomas Kramer (tl@) has group 5, Sophie de Jong (lid@) the kleuters.
TEACHER_GROUPS = ["5", "1/2", "1/2", "3", "4", "6", "7", "8", "1/2", "3", "4", "5/6", "7", "8", "6", "5"]
NON_TEACHER_BOUW = ["onderbouw", "middenbouw", "bovenbouw"]


def bouw_of_group(class_group: str) -> str:
    """The bouw the lowest group of a class belongs to: 1-2 onderbouw, 3-5 middenbouw, 6-8 bovenbouw."""
    lowest = int(class_group.split("/")[0])
    return "onderbouw" if lowest <= 2 else "middenbouw" if lowest <= 5 else "bovenbouw"


def _place_in_team(school: School, people: list) -> None:
    """Teachers get a group and its bouw; assistants and specialists a bouw; the leader neither.

    Only people without a group or bouw yet: running the demo again leaves a changed team as it is.
    """
    memberships = {m.user_id: m for m in Membership.objects.filter(school=school, user__in=people)}
    teachers = others = 0
    for user in people:
        m = memberships[user.pk]
        if m.is_leader or m.class_group or m.bouw:
            continue
        if m.function == Function.TEACHER:
            m.class_group = TEACHER_GROUPS[teachers % len(TEACHER_GROUPS)]
            m.bouw = bouw_of_group(m.class_group)
            teachers += 1
        else:
            m.bouw = NON_TEACHER_BOUW[others % len(NON_TEACHER_BOUW)]
            others += 1
        m.save(update_fields=["class_group", "bouw"])


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
        _place_in_team(school, people)
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
