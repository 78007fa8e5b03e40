"""The demo data tells one story: each group, proposal and highlight sits on the priority it is about."""

import pytest

from gespreid.core.demo_data import build_core
from gespreid.decisions import demo as decisions_demo
from gespreid.expertise import demo as expertise_demo
from gespreid.groups import demo as groups_demo
from gespreid.highlights import demo as highlights_demo
from gespreid.priorities import demo as priorities_demo


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_demo_groups_proposals_and_highlights_match_their_priority(db):
    core = build_core("demo-wachtwoord-42")
    for app in (expertise_demo, priorities_demo, groups_demo, decisions_demo, highlights_demo):
        app.seed(core)
    school = core.school
    by_name = {g.name: g for g in school.work_groups.select_related("priority")}
    assert "lezen" in by_name["Werkgroep Leesplezier"].priority.title.lower()
    assert (
        by_name["PLG Rekenen met begrip"].priority is None
        or "reken" in by_name["PLG Rekenen met begrip"].priority.title.lower()
    )
    reading = school.proposals.get(title__icontains="begrijpend lezen")
    assert "lezen" in reading.priority.title.lower() and reading.group == by_name["Werkgroep Leesplezier"]
    from gespreid.highlights.models import Post

    garden = Post.objects.get(school=school, text__icontains="moestuin")
    assert "duurzaamheid" in garden.priority.title.lower()
    books = Post.objects.get(school=school, text__icontains="leesbank")
    assert "lezen" in books.priority.title.lower()
