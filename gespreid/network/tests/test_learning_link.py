import sys
import types

from .. import learning_link


def test_without_the_learning_app_there_are_no_advice_counts(school, year):
    assert learning_link.available() is False
    assert learning_link.advice_counts(school, year) == []


def test_advice_counts_from_the_learning_app_are_sorted(monkeypatch, school, year):
    package = types.ModuleType("gespreid.learning")
    requests = types.ModuleType("gespreid.learning.requests")
    requests.advice_counts_by_area = lambda s, y: {"Rekenen": 2, "Gedrag": 5, "Engels": 2}
    package.requests = requests
    monkeypatch.setitem(sys.modules, "gespreid.learning", package)
    monkeypatch.setitem(sys.modules, "gespreid.learning.requests", requests)
    monkeypatch.setattr(learning_link, "available", lambda: True)
    assert learning_link.advice_counts(school, year) == [("Gedrag", 5), ("Engels", 2), ("Rekenen", 2)]
    assert learning_link.advice_counts(school, None) == []
