"""Issue 13.12–15: bad input is never a 500. One reader for integers, one for ``next``, one for search text.

The generated test GETs every school page that needs no id, as the school leader, with every query
parameter the code reads set to values that broke it before (Unicode digits, 40 digits, a NUL byte,
a bare word as ``next``). New pages and parameters are picked up automatically.
"""

import pytest
from django.test import RequestFactory

from gespreid.core.params import int_param, query_int, safe_next, search_text
from gespreid.core.tests.test_walls import school_routes

BAD = {"²", "٣", "9" * 40, "-1", "1e3", " ", "\x00", "mooi", "//evil.test/", "x\x00y"}
PARAMS = ["jaar", "met", "group", "priority", "pagina", "page", "q", "domein", "fase", "next", "uit", "vak", "beamer"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("12", 12),
        (" 7 ", 7),
        ("²", None),
        ("٣", None),
        ("9" * 19, None),
        ("9" * 18, int("9" * 18)),
        ("-1", None),
        ("", None),
        (None, None),
        (5, 5),
        (True, None),
        ("1.0", None),
    ],
)
def test_int_param_reads_only_ascii_digits_that_fit(value, expected):
    assert int_param(value) == expected


def test_query_int_has_a_default():
    assert query_int(RequestFactory().get("/", {"jaar": "²"}), "jaar", 0) == 0


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/de-linde/", "/de-linde/"),
        ("mooi", "/fallback/"),
        ("m", "/fallback/"),
        ("//evil.test/", "/fallback/"),
        ("/\\evil.test", "/fallback/"),
        ("https://evil.test/", "/fallback/"),
        ("", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
    ],
)
def test_safe_next_only_allows_a_path_on_this_site(target, expected):
    assert safe_next(RequestFactory().get("/", {"next": target}), "/fallback/") == expected


def test_search_text_removes_nul_and_control_characters():
    assert search_text("  rekenen\x00\x1b  groep\n5 ") == "rekenen groep 5"
    assert search_text("a" * 500) == "a" * 100
    assert search_text(None) == ""


def _routes_without_ids():
    return [r for r in school_routes() if r.count("<") == 1]


@pytest.mark.parametrize("route", _routes_without_ids())
def test_no_school_page_gives_a_500_on_bad_query_parameters(route, leader_client, school, year):
    leader_client.raise_request_exception = True
    for value in sorted(BAD):
        url = "/" + route.replace("<slug:school_slug>", school.slug)
        response = leader_client.get(url, {name: value for name in PARAMS})
        assert response.status_code < 500, (url, value)


def test_a_40_digit_id_in_a_multi_select_is_an_invalid_choice(leader_client, school, year):
    """SQLite raised OverflowError on ``pk__in`` with such a value (task areas, group members, moderators)."""
    from django.urls import reverse

    from gespreid.expertise.models import Area

    area = Area.objects.filter(school=school).first()
    assert Area.objects.filter(pk__in=["9" * 40]).count() == 0
    assert list(Area.objects.filter(pk__in=[str(area.pk), "9" * 40])) == [area]
    leader_client.raise_request_exception = True
    response = leader_client.post(
        reverse("work:task-create", args=[school.slug]),
        {"name": "BHV", "hours_per_person": "16", "headcount": "1", "areas": ["9" * 40]},
    )
    assert response.status_code in (200, 400)
