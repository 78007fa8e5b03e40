"""Dates one Dutch way: every ``|date:`` in a template uses a named format from gespreid/formats,
and each renders as a Dutch reader expects ("1 december 2026", "1 dec. 2026"), in English too."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]  # the gespreid package
NAMED = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "MONTH_DAY_FORMAT",
    "YEAR_MONTH_FORMAT",
}
DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")


def _in_use() -> dict[str, list[str]]:
    """{format argument: [template paths]} for every |date: in every template."""
    found: dict[str, list[str]] = {}
    for path in ROOT.glob("*/templates/**/*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".ics", ".xml"}:
            for match in DATE_FILTER.finditer(path.read_text(encoding="utf-8")):
                found.setdefault(match.group(2), []).append(str(path.relative_to(ROOT)))
    return found


IN_USE = _in_use()
WHEN = datetime.datetime(2026, 12, 1, 14, 30)
DUTCH = {
    "DATE_FORMAT": "1 december 2026",
    "SHORT_DATE_FORMAT": "1 dec. 2026",
    "DATETIME_FORMAT": "1 december 2026 14:30",
    "SHORT_DATETIME_FORMAT": "1 dec. 2026 14:30",
    "MONTH_DAY_FORMAT": "1 december",
    "YEAR_MONTH_FORMAT": "december 2026",
}
ENGLISH = {
    "DATE_FORMAT": "1 December 2026",
    "SHORT_DATE_FORMAT": "1 Dec 2026",
    "DATETIME_FORMAT": "1 December 2026 14:30",
    "SHORT_DATETIME_FORMAT": "1 Dec 2026 14:30",
    "MONTH_DAY_FORMAT": "1 December",
    "YEAR_MONTH_FORMAT": "December 2026",
}


def test_templates_use_dates_at_all():
    assert len(IN_USE) >= 3, IN_USE  # the grep below would pass vacuously if it found nothing


def test_every_date_filter_uses_a_named_format():
    literal = {fmt: paths for fmt, paths in IN_USE.items() if fmt not in NAMED}
    assert not literal, f'use |date:"DATE_FORMAT" or "SHORT_DATE_FORMAT", not a literal format: {literal}'


@pytest.mark.parametrize("fmt", sorted(IN_USE))
@pytest.mark.parametrize("lang, expected", [("nl", DUTCH), ("en", ENGLISH)])
def test_every_date_format_in_use_renders_in_both_languages(fmt, lang, expected):
    with translation.override(lang):
        text = Template("{{ when|date:'" + fmt + "' }}").render(Context({"when": WHEN}))
    assert text == expected[fmt]


@pytest.mark.parametrize("month, short", [(1, "jan."), (3, "mrt."), (5, "mei"), (9, "sep."), (12, "dec.")])
def test_dutch_short_months_carry_their_dot_but_mei_does_not(month, short):
    with translation.override("nl"):
        text = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": datetime.date(2027, month, 15)}))
    assert text == f"15 {short} 2027"


def test_python_code_formats_dates_through_django_formats():
    offenders = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "tests" not in p.parts and "migrations" not in p.parts and ".strftime(" in p.read_text(encoding="utf-8")
    ]
    assert not offenders, f"use django.utils.formats.date_format(value, 'SHORT_DATE_FORMAT'): {offenders}"
