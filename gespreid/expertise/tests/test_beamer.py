"""The beamer view of the matrix: every domain reachable at 1,920 px, one domain per page when they do not fit."""

import html as html_lib
import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gespreid.expertise import matrix as matrix_domain
from gespreid.expertise.models import Area


def area_names(page):
    return [html_lib.unescape(n) for n in re.findall(r'<th scope="col" class="area"><span>(.*?)</span></th>', page)]


def get(client, school, query):
    response = client.get(reverse("expertise:matrix", args=[school.slug]) + query)
    assert response.status_code == 200
    return response.content.decode()


def domains_in_order(school):
    seen = []
    for area in matrix_domain.areas_for(school):
        if area.domain not in seen:
            seen.append(area.domain)
    return seen


def test_the_beamer_shows_one_domain_per_page_when_the_areas_do_not_fit(member_client, school):
    assert len(matrix_domain.areas_for(school)) > matrix_domain.BEAMER_COLUMNS  # the default taxonomy
    domains = domains_in_order(school)
    first = get(member_client, school, "?beamer=1")
    first_areas = set(Area.objects.filter(domain=domains[0], retired_at__isnull=True).values_list("name", flat=True))
    assert set(area_names(first)) == first_areas
    assert f"Domein 1 van {len(domains)}" in first
    assert 'rel="prev"' not in first
    assert f'domein={domains[1].key}&amp;beamer=1" rel="next"' in first
    # Every domain is one link away, and the last page has no next.
    for domain in domains:
        assert f"domein={domain.key}&amp;beamer=1" in first
    last = get(member_client, school, f"?beamer=1&domein={domains[-1].key}")
    assert f"Domein {len(domains)} van {len(domains)}" in last
    assert 'rel="next"' not in last and 'rel="prev"' in last
    # Paging by domain: all pages together show every area exactly once.
    seen = []
    for domain in domains:
        seen += area_names(get(member_client, school, f"?beamer=1&domein={domain.key}"))
    assert sorted(seen) == sorted(a.name for a in matrix_domain.areas_for(school))


def test_the_beamer_has_no_all_domains_choice_when_it_pages(member_client, school):
    assert "Alle domeinen" not in get(member_client, school, "?beamer=1")
    assert "Alle domeinen" in get(member_client, school, "")


def test_an_unknown_domain_on_the_beamer_is_its_first_page(member_client, school):
    assert "Domein 1 van" in get(member_client, school, "?beamer=1&domein=bestaat-niet")


def test_the_beamer_shows_everything_on_one_page_when_it_fits(member_client, school):
    keep = matrix_domain.areas_for(school)[: matrix_domain.BEAMER_COLUMNS]
    Area.objects.filter(school=school).exclude(id__in=[a.id for a in keep]).update(retired_at="2020-01-01T00:00Z")
    page = get(member_client, school, "?beamer=1")
    assert "Domein 1 van" not in page and 'class="matrix beamer"' in page
    assert area_names(page) == [a.name for a in keep]


def test_the_normal_view_never_pages(member_client, school):
    page = get(member_client, school, "")
    assert "Domein 1 van" not in page
    assert len(area_names(page)) == len(matrix_domain.areas_for(school))


def test_the_beamer_runs_as_many_queries_for_a_large_team_as_for_a_small_one(member_client, school, make_member):
    url = reverse("expertise:matrix", args=[school.slug]) + "?beamer=1"
    member_client.get(url)

    def count():
        cache.clear()  # the page as rendered afresh; a kept matrix costs no queries of its own
        with CaptureQueriesContext(connection) as ctx:
            assert member_client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = count()
    for _ in range(20):
        make_member(school)
    assert count() == few


def test_beamer_pages_start_at_the_first_domain_and_know_their_neighbours(school):
    areas = matrix_domain.areas_for(school)
    domains = domains_in_order(school)
    assert matrix_domain.beamer_pages(areas, None, max_columns=len(areas)) is None
    pages = matrix_domain.beamer_pages(areas, domains[1].key, max_columns=5)
    assert pages.domain == domains[1] and pages.number == 2
    assert pages.previous == domains[0] and pages.next == domains[2]
    assert matrix_domain.beamer_pages(areas, "", max_columns=5).previous is None
