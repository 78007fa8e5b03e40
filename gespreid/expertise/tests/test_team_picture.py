"""Matrix, export, palette, search and taxonomy management."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gespreid.core.models import Membership
from gespreid.expertise.models import Area, ExpertiseEntry


def test_matrix_shows_levels_and_growth_grouped_by_domain(member_client, school, member, leader, year, area, give):
    give(member, area("rekenen-wiskunde"), year, level=3)
    give(member, area("coaching"), year, level=None, wants_growth=True)
    html = member_client.get(reverse("expertise:matrix", args=[school.slug])).content.decode()
    assert "Mila Lid" in html and "Lea Leider" in html
    assert 'colspan="7"' in html  # Leiderschap has 7 areas
    assert '<td class="l3">3</td>' in html
    assert '<td class="l0 grow"><span class="grow-mark" title="wil zich hierin ontwikkelen">↑</span></td>' in html


def test_matrix_filters_by_domain(member_client, school, member, year):
    html = member_client.get(reverse("expertise:matrix", args=[school.slug]) + "?domein=leiderschap").content.decode()
    assert "Coachen" in html and "Rekenen en wiskunde" not in html.split("<table")[1]
    # an unknown domain is ignored, not an error
    assert member_client.get(reverse("expertise:matrix", args=[school.slug]) + "?domein=<script>").status_code == 200


def test_matrix_queries_do_not_grow_with_the_team(
    member_client, school, member, year, make_member, django_assert_max_num_queries, area, give
):
    url = reverse("expertise:matrix", args=[school.slug])
    member_client.get(url)
    areas = list(school.expertise_areas.all()[:10])
    for i in range(25):
        person = make_member(school)
        for a in areas[: i % 10]:
            give(person, a, year, level=1 + i % 4)
    with django_assert_max_num_queries(12):
        assert member_client.get(url).status_code == 200


def test_matrix_hides_people_who_left(member_client, school, member, teacher_leader, year):
    Membership.objects.filter(user=teacher_leader).update(is_active=False)
    assert "Tim Trekker" not in member_client.get(reverse("expertise:matrix", args=[school.slug])).content.decode()


def test_xlsx_export_holds_the_matrix(member_client, school, member, year, area, give):
    give(member, area("rekenen-wiskunde"), year, level=4, wants_growth=True)
    response = member_client.get(reverse("expertise:matrix-export", args=[school.slug]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content))["Matrix"]
    header = [c.value for c in ws[3]]
    column = header.index("Rekenen en wiskunde")
    names = {ws.cell(row=r, column=1).value: r for r in range(4, ws.max_row + 1)}
    assert ws.cell(row=names["Mila Lid"], column=column + 1).value == "4 ↑"


def test_xlsx_export_writes_formula_like_names_as_text(member_client, school, member, year, area, give):
    """Issue 13.9: an area or a person's name starting with = is text in the file, not a formula."""
    from gespreid.core.tests.test_exports import EVIL, formula_cells

    rekenen = area("rekenen-wiskunde")
    Area.objects.filter(pk=rekenen.pk).update(name=EVIL[0])
    type(member).objects.filter(pk=member.pk).update(name="=1+1")
    give(member, rekenen, year, level=2)
    response = member_client.get(reverse("expertise:matrix-export", args=[school.slug]))
    assert formula_cells(response.content) == []
    ws = load_workbook(BytesIO(response.content))["Matrix"]
    assert EVIL[0] in [c.value for c in ws[3]] and "=1+1" in [c.value for c in ws["A"]]


def test_palette_counts_levels_and_growers(member_client, school, member, leader, teacher_leader, year, area, give):
    give(member, area("coaching"), year, level=2)
    give(leader, area("coaching"), year, level=4)
    give(teacher_leader, area("coaching"), year, level=2, wants_growth=True)
    from gespreid.expertise import matrix

    rows = {r.area.key: r for _d, rs in matrix.palette(school, year) for r in rs}
    assert rows["coaching"].counts == [0, 2, 0, 1] and rows["coaching"].growers == 1
    html = member_client.get(reverse("expertise:palette", args=[school.slug])).content.decode()
    assert "basis 0, bekwaam 2, gevorderd 0, expert 1" in html


# --- search -------------------------------------------------------------------------------------


def search(client, school, **params):
    return client.get(reverse("expertise:search", args=[school.slug]), params)


def test_search_in_school_orders_by_level(member_client, school, member, leader, teacher_leader, year, area, give):
    give(member, area("gedragsproblemen"), year, level=2)
    give(leader, area("gedragsproblemen"), year, level=4)
    give(teacher_leader, area("gedragsproblemen"), year, wants_growth=True)
    html = search(member_client, school, q="gedrag").content.decode()
    assert html.index("Lea Leider") < html.index("Mila Lid") < html.index("Tim Trekker")


def test_search_by_area_key(member_client, school, member, year, area, give):
    give(member, area("engels"), year, level=3)
    assert "Mila Lid" in search(member_client, school, vak="engels").content.decode()


def test_search_finds_qualities_text(member_client, school, member, year):
    from gespreid.expertise.models import Profile

    Profile.objects.create(
        school=school, school_year=year, user=member, qualities="Ik speel gitaar en maak muziek met de groep"
    )
    assert "gitaar" in search(member_client, school, q="muziek").content.decode()


@pytest.mark.parametrize("q", ["?!?!...", "   ", ";;;;---"])
def test_search_with_only_punctuation_explains(member_client, school, member, q):
    response = search(member_client, school, q=q)
    assert response.status_code == 200 and "Typ een woord om op te zoeken" in response.content.decode()


def test_search_of_ten_thousand_characters(member_client, school, member, year, area, give):
    give(member, area("rekenen-wiskunde"), year, level=3)
    response = search(member_client, school, q="rekenen " + "x" * 9992)
    html = response.content.decode()
    assert response.status_code == 200 and "erg lang" in html and "Mila Lid" in html
    response = search(member_client, school, q="y" * 10001)
    assert response.status_code == 200


def test_board_search_respects_board_setting_and_opt_out(
    member_client, school, other_school, member, outsider, make_member, area, give
):
    other_year = other_school.current_year()
    other_rekenen = other_school.expertise_areas.get(key="rekenen-wiskunde")
    give(outsider, other_rekenen, other_year, level=4)
    shy = make_member(other_school, "Sam Stil")
    give(shy, other_rekenen, other_year, level=4, visible=False)
    html = search(member_client, school, q="wiskunde", bestuur="1").content.decode()
    assert "Otto Buiten" in html and "Het Anker" in html and "Sam Stil" not in html
    school.board.allow_cross_school_search = False
    school.board.save()
    html = search(member_client, school, q="wiskunde", bestuur="1").content.decode()
    assert "Otto Buiten" not in html


def test_search_query_count_is_constant(
    member_client, school, member, year, make_member, area, give, django_assert_max_num_queries
):
    for _ in range(20):
        give(make_member(school), area("rekenen-wiskunde"), year, level=2)
    with django_assert_max_num_queries(14):
        assert search(member_client, school, q="rekenen", bestuur="1").status_code == 200


# --- taxonomy -----------------------------------------------------------------------------------


def test_leader_adds_renames_retires_and_restores_an_area(leader_client, member, school, year, area, give):
    domain = school.expertise_domains.get(key="vakken")
    response = leader_client.post(
        reverse("expertise:area-create", args=[school.slug]), {"domain": domain.id, "name": "Muziek"}
    )
    assert response.status_code == 302
    muziek = school.expertise_areas.get(name="Muziek")
    assert muziek.key == "muziek"
    give(member, muziek, year, level=3)
    leader_client.post(reverse("expertise:area-rename", args=[school.slug, muziek.id]), {"name": "Muziekonderwijs"})
    muziek.refresh_from_db()
    assert muziek.name == "Muziekonderwijs" and muziek.key == "muziek"
    leader_client.post(reverse("expertise:area-retire", args=[school.slug, muziek.id]))
    muziek.refresh_from_db()
    assert muziek.retired_at is not None
    assert ExpertiseEntry.objects.filter(area=muziek, user=member).exists()  # data kept
    assert (
        "Muziekonderwijs"
        not in leader_client.get(reverse("expertise:matrix", args=[school.slug])).content.decode().split("<table")[1]
    )
    leader_client.post(reverse("expertise:area-restore", args=[school.slug, muziek.id]))
    muziek.refresh_from_db()
    assert muziek.retired_at is None


def test_leader_adds_a_domain(leader_client, school):
    leader_client.post(reverse("expertise:domain-create", args=[school.slug]), {"name": "Identiteit"})
    assert school.expertise_domains.filter(name="Identiteit").exists()
    response = leader_client.post(reverse("expertise:domain-create", args=[school.slug]), {"name": "identiteit"})
    assert response.status_code == 400 and "Er is al een domein met deze naam." in response.content.decode()


def test_taxonomy_bad_input(leader_client, school, other_school):
    domain = school.expertise_domains.first()
    url = reverse("expertise:area-create", args=[school.slug])
    assert (
        "Er is al een vakgebied met deze naam."
        in leader_client.post(url, {"domain": domain.id, "name": "engels"}).content.decode()
    )
    foreign = other_school.expertise_domains.first()
    assert (
        "Kies een domein van jullie school."
        in leader_client.post(url, {"domain": foreign.id, "name": "Iets"}).content.decode()
    )
    assert leader_client.post(url, {"domain": domain.id, "name": "x" * 121}).status_code == 400
    area = school.expertise_areas.first()
    response = leader_client.post(reverse("expertise:area-rename", args=[school.slug, area.id]), {"name": "   "})
    assert response.status_code == 400
    assert Area.objects.filter(school=school, name="Iets").count() == 0


def test_members_cannot_manage_the_taxonomy(member_client, school, member):
    area = school.expertise_areas.first()
    assert member_client.get(reverse("expertise:taxonomy", args=[school.slug])).status_code == 403
    assert member_client.post(reverse("expertise:area-retire", args=[school.slug, area.id])).status_code == 403
    area.refresh_from_db()
    assert area.retired_at is None


def test_leader_cannot_touch_another_schools_area(leader_client, school, other_school):
    foreign = other_school.expertise_areas.first()
    assert leader_client.post(reverse("expertise:area-retire", args=[school.slug, foreign.id])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.retired_at is None


def test_palette_svg_uses_decimal_points_in_dutch(
    member_client, school, member, leader, teacher_leader, year, area, give
):
    import re

    for person, level in ((member, 1), (leader, 2), (teacher_leader, 3)):
        give(person, area("coaching"), year, level=level)
    html = member_client.get(reverse("expertise:palette", args=[school.slug])).content.decode()
    widths = re.findall(r'<rect x="([^"]+)" y="0" width="([^"]+)"', html)
    assert ("33.33", "33.33") in widths and not any("," in x + w for x, w in widths)


def test_palette_queries_do_not_grow(
    member_client, school, member, year, make_member, area, give, django_assert_max_num_queries
):
    areas = list(school.expertise_areas.all()[:8])
    for i in range(20):
        person = make_member(school)
        for a in areas:
            give(person, a, year, level=1 + i % 4, wants_growth=i % 3 == 0)
    with django_assert_max_num_queries(12):
        assert member_client.get(reverse("expertise:palette", args=[school.slug])).status_code == 200


def test_a_school_year_of_another_school_is_ignored(member_client, school, other_school, member, year, area, give):
    give(member, area("engels"), year, level=2)
    foreign_year = other_school.current_year()
    for name in ("expertise:matrix", "expertise:palette"):
        response = member_client.get(reverse(name, args=[school.slug]) + f"?jaar={foreign_year.id}")
        assert response.status_code == 200 and response.context["year"] == year


def test_pages_render_in_english(member_client, school, member, year, area, give):
    give(member, area("engels"), year, level=2, wants_growth=True)
    member_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = member_client.get(reverse("expertise:matrix", args=[school.slug])).content.decode()
    assert "Expertise at a glance" in html and "wants to develop in this" in html
    html = member_client.get(reverse("expertise:profile-mine", args=[school.slug])).content.decode()
    assert "Level for Engels" in html


def test_matrix_has_a_large_projector_view(member_client, school, member, year):
    url = reverse("expertise:matrix", args=[school.slug])
    assert 'class="matrix"' in member_client.get(url).content.decode()
    assert 'class="matrix beamer"' in member_client.get(url + "?beamer=1").content.decode()


def test_matrix_escapes_names(member_client, school, member, year, make_member):
    make_member(school, '<script>alert("x")</script> & Co')
    html = member_client.get(reverse("expertise:matrix", args=[school.slug])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html


def test_palette_compares_with_last_year(member_client, school, member, leader, year, area, give):
    from datetime import date

    from gespreid.core.models import SchoolYear

    last = SchoolYear.objects.create(
        school=school, starts_on=date(year.starts_on.year - 1, 8, 1), ends_on=date(year.starts_on.year, 7, 31)
    )
    give(member, area("coaching"), last, level=3)
    give(member, area("coaching"), year, level=4)
    give(leader, area("coaching"), year, level=3)
    from gespreid.expertise import matrix

    rows = {r.area.key: r for _d, rs in matrix.palette(school, year, last) for r in rs}
    assert (rows["coaching"].previous_advanced, rows["coaching"].advanced) == (1, 2)
    html = member_client.get(reverse("expertise:palette", args=[school.slug])).content.decode()
    assert "Niveau 3–4: vorig jaar → nu" in html and "1 → 2" in html


def test_board_search_orders_by_level_and_stops_at_the_limit(school, other_school, make_member, give):
    from gespreid.expertise import search

    other_year = other_school.current_year()
    rekenen = other_school.expertise_areas.get(key="rekenen-wiskunde")
    for name, level in (("Bo", 2), ("An", 4), ("Cas", 3), ("Dirk", 4), ("Eef", 1)):
        give(make_member(other_school, name), rekenen, other_year, level=level)
    hits = search.search_board(school, {"rekenen-wiskunde"})
    assert [(h.name, h.level) for h in hits] == [("An", 4), ("Dirk", 4), ("Cas", 3), ("Bo", 2), ("Eef", 1)]
    assert [h.name for h in search.search_board(school, {"rekenen-wiskunde"}, limit=3)] == ["An", "Dirk", "Cas"]
    assert search.search_board(school, {"bestaat-niet"}) == []
