"""Every expertise page renders for a member and a leader, with data in it."""

import pytest
from django.urls import reverse

PAGES = [
    "expertise:matrix",
    "expertise:palette",
    "expertise:search",
    "expertise:profile-mine",
    "expertise:round-detail",
]


@pytest.mark.parametrize("name", PAGES)
def test_member_pages_render(name, member_client, school, member, leader, year, area, give):
    give(member, area("rekenen-wiskunde"), year, level=3, wants_growth=True, target_level=4)
    give(leader, area("coaching"), year, level=4)
    response = member_client.get(reverse(name, args=[school.slug]))
    assert response.status_code == 200
    if name != "expertise:round-detail":
        assert "Rekenen en wiskunde" in response.content.decode()


def test_home_shows_expertise_and_priorities_cards(member_client, school, member, year):
    html = member_client.get(reverse("core:home", args=[school.slug])).content.decode()
    assert "Expertise in beeld" in html
    assert "Speerpunten en dekking" in html
    assert "Je hebt je profiel dit schooljaar nog niet bijgewerkt." in html
