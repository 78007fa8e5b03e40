"""The team picture shows how often colleagues were asked for advice per area (learning app): counts only."""

from gespreid.learning import advice

from .. import learning_link


def test_advice_counts_per_area_come_from_asking_colleagues(school, year, member, teacher_leader, leader):
    areas = {a.key: a for a in school.expertise_areas.all()}
    for asker, key in ((member, "rekenen-wiskunde"), (leader, "rekenen-wiskunde"), (member, "engels")):
        advice.create_request(
            asker, school, teacher_leader, school, kind="advies", question="Hoe pak jij dit aan?", areas=[areas[key]]
        )
    counts = learning_link.advice_counts(school, year)
    assert counts == [(areas["rekenen-wiskunde"].name, 2), (areas["engels"].name, 1)]
    assert learning_link.advice_counts(school, None) == []


def test_no_requests_means_no_counts(school, year):
    assert learning_link.advice_counts(school, year) == []
