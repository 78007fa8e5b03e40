"""Where capabilities plug into core without core knowing them.

Each app registers, in its ``AppConfig.ready()``:
- home cards: ``register_card(func, order, shows_if=None)``; ``func(request)`` returns ``Card`` or None.
  A card that often has nothing to show names, in ``shows_if(request)``, an ``Exists(...)`` that is true
  whenever it may have something (it may be true more often, never less); the home page asks all
  cards' ``shows_if`` in one query and calls only the cards whose answer is true (``school_shows_if(school)``
  for an answer that is the same for everyone: asked once per school until its data change). A card whose content
  changes with the clock within a day (a round open until 14:00, a visit that starts at 10:30) names
  those moments in ``changes_at(school, start, end)``: every time in [start, end) at which any person's
  card may look different without any data changing (it may name more, never fewer). The cards are
  kept rendered per person (``cards_html``) and rendered afresh once such a moment has passed;
- navigation: ``register_nav(label, url_name, order, leaders_only=False)``;
- scheduled jobs: ``register_job(name, func)``; ``manage.py run_scheduled`` runs them all. A job
  that takes ``school=None`` is run once per school, each run on its own (one school's failure is
  logged and stops nothing else); give every new job that parameter;
- page panels: ``register_panel(slot, func, order)``: another app's page shows them in its slot;
- a new school's defaults: ``register_school_setup(func, order)``; ``set_up_school(school)`` runs the
  steps in order (``core.setup.create_school`` calls it; the expertise areas come before the tasks
  that refer to them).
Demo data lives in each app's ``demo.py`` (``seed(demo)``), found by ``seed_demo``.
"""

import bisect
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone

from . import school_cache


@dataclass
class Card:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    url: str = ""
    css: str = ""  # an extra class on the card's <article> (core's attention card: "attention")


@dataclass
class NavItem:
    label: str
    url_name: str
    order: int
    leaders_only: bool = False


_cards: list[tuple[int, Callable, Callable | None, Callable | None]] = []  # order, func, shows_if, school_shows_if
_changes: list[Callable] = []  # the cards' ``changes_at``
_nav: list[NavItem] = []
_jobs: dict[str, Callable] = {}


def register_card(
    func: Callable,
    order: int = 100,
    shows_if: Callable | None = None,
    changes_at: Callable | None = None,
    school_shows_if: Callable | None = None,
) -> None:
    """``shows_if(request)``: an ``Exists(...)`` (or another boolean expression) true whenever the card
    may have something to show; None when the card always shows or decides only in Python.
    ``school_shows_if(school)``: the same for a card whose answer is the same for everyone in the school
    (an open round, recent decisions): asked once per school until its data change, not per person. A card
    with both is asked when either is true.
    ``changes_at(school, start, end)``: the times in [start, end) at which the card may change by the
    clock alone (see the module docstring); None when only data and the date change it."""
    if all(entry[1] is not func for entry in _cards):
        _cards.append((order, func, shows_if, school_shows_if))
        _cards.sort(key=lambda item: item[0])
        if changes_at is not None:
            _changes.append(changes_at)


def _name(func) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _true_ones(school, probes: dict) -> set[str]:
    """The names in ``probes`` (name -> boolean expression) whose expression is true: one query."""
    from django.db.models import BooleanField, ExpressionWrapper

    from .models import School

    if not probes:
        return set()
    labels = {f"card_{i}": name for i, name in enumerate(probes)}
    expressions = {
        label: ExpressionWrapper(probes[name], output_field=BooleanField()) for label, name in labels.items()
    }
    answers = School.objects.filter(pk=school.pk).values(**expressions).first() or {}
    return {labels[label] for label, shows in answers.items() if shows}


def _cards_with_something(request) -> set[str]:
    """The names of the cards whose ``shows_if`` or ``school_shows_if`` is true: one query for the person's,
    and one for the school's, kept per school (``core.school_cache``)."""
    school = request.school
    for_school = school_cache.cached_value(
        request,
        "home.school_probes",
        lambda: _true_ones(school, {_name(f): probe(school) for _o, f, _p, probe in _cards if probe is not None}),
    )
    for_person = _true_ones(school, {_name(f): probe(request) for _o, f, probe, _s in _cards if probe is not None})
    return set(for_school) | for_person


def cards_for(request) -> list[Card]:
    """The home page's cards for this person, in order (a constant number of queries)."""
    with_something = _cards_with_something(request)
    cards = []
    for order, func, probe, school_probe in _cards:
        if (probe is not None or school_probe is not None) and _name(func) not in with_something:
            continue
        card = func(request)
        if card is not None:
            card.order = order
            cards.append(card)
    return cards


def _changes_today(request) -> list:
    """Every moment of today (local time) at which some card of the school may change by the clock alone,
    sorted. It depends only on the school's data and the date, so it is kept per school (one query per
    card with ``changes_at`` when the school's data changed)."""
    from datetime import datetime, time, timedelta

    def compute():
        today = timezone.localdate()
        start = timezone.make_aware(datetime.combine(today, time.min))
        end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
        return sorted({moment for changes_at in _changes for moment in changes_at(request.school, start, end)})

    return school_cache.cached_value(request, "home.card_changes", compute)


def cards_html(request) -> str:
    """The home page's cards, rendered (``core/_cards.html``), kept per person under their role and the part
    of the day they are in: it changes at each moment a card named in ``changes_at`` and at midnight (the
    date is in every key), and whenever the school's data change (``core.school_cache``)."""
    from django.template.loader import render_to_string

    moments = _changes_today(request)
    passed = bisect.bisect_right(moments, timezone.now())  # a moment counts as passed when it is reached
    membership = request.membership
    role = f"leader{int(membership.is_leader)}admin{int(membership.is_admin)}"
    return school_cache.cached_html(
        request,
        "home.cards",
        lambda: render_to_string("core/_cards.html", {"cards": cards_for(request)}, request=request),
        role,
        f"slot{passed}",
        per_person=True,
    )


def register_nav(label, url_name: str, order: int, leaders_only: bool = False) -> None:
    if all(item.url_name != url_name for item in _nav):
        _nav.append(NavItem(label, url_name, order, leaders_only))
        _nav.sort(key=lambda item: item.order)


def nav_items(membership) -> list[NavItem]:
    return [item for item in _nav if not item.leaders_only or (membership and membership.can_manage)]


# Board pages of other apps (school totals only), linked from the board overview: (order, label, url name).
# The URL takes the board's slug as its one argument.
_board_pages: list[tuple[int, object, str]] = []


def register_board_page(label, url_name: str, order: int = 100) -> None:
    if all(name != url_name for _, _, name in _board_pages):
        _board_pages.append((order, label, url_name))
        _board_pages.sort(key=lambda item: item[0])


def board_pages(board) -> list[tuple[object, str]]:
    from django.urls import reverse

    return [(label, reverse(name, args=[board.slug])) for _, label, name in _board_pages]


_school_setup: list[tuple[int, Callable]] = []


def register_school_setup(func: Callable, order: int = 100) -> None:
    if all(existing is not func for _, existing in _school_setup):
        _school_setup.append((order, func))
        _school_setup.sort(key=lambda item: item[0])


def set_up_school(school) -> None:
    """Give a new school every app's defaults, in the registered order."""
    for _order, func in _school_setup:
        func(school)


def register_job(name: str, func: Callable) -> None:
    _jobs[name] = func


def jobs() -> dict[str, Callable]:
    return dict(_jobs)


@dataclass
class Panel:
    """A piece of one app's page that another app fills in (e.g. outside contacts under search results)."""

    template: str
    context: dict = field(default_factory=dict)


_panels: dict[str, list[tuple[int, Callable]]] = {}


def register_panel(slot: str, func: Callable, order: int = 100) -> None:
    """``func(request, **kwargs)`` returns a ``Panel`` or None for the page slot ``slot``.

    Slots in use: ``expertise.search`` (query, areas, hits, board_hits, quality_hits: the results
    the page already found), ``expertise.palette`` (year), ``expertise.person`` (person),
    ``priorities.gap`` (priority), ``groups.group`` (group).
    A page shows its slot with ``{% panels "slot" key=value %}`` (``core_tags``). A panel function
    gets only the keywords it names (or all, with ``**kwargs``), so a slot may offer more later.
    """
    entries = _panels.setdefault(slot, [])
    if all(existing is not func for _, existing in entries):
        entries.append((order, func))
        entries.sort(key=lambda item: item[0])


@lru_cache(maxsize=128)
def _accepted(func) -> frozenset | None:
    """The keyword names ``func`` takes, or None when it takes ``**kwargs``."""
    params = inspect.signature(func).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return None
    return frozenset(p.name for p in params)


def panels_for(slot: str, request, **kwargs) -> list[Panel]:
    panels = []
    for _, func in _panels.get(slot, []):
        names = _accepted(func)
        panel = func(request, **(kwargs if names is None else {k: v for k, v in kwargs.items() if k in names}))
        if panel is not None:
            panels.append(panel)
    return panels


# Extra role labels per person on the team page (e.g. a teacher leader's roles from the work app):
# ``func(school) -> {user_id: [label, ...]}``, one query per provider: the team table is built plainly
# (no cache) and calls every provider in the same build, so its query count stays constant.
_team_roles: list[Callable] = []


def register_team_roles(func: Callable) -> None:
    if all(existing is not func for existing in _team_roles):
        _team_roles.append(func)


def team_roles_for(school) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for func in _team_roles:
        for user_id, labels in func(school).items():
            out.setdefault(user_id, []).extend(labels)
    return out
