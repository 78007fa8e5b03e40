"""Text matching for 'Wie weet iets van …?': Dutch word forms, synonyms, odd input."""

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gespreid.expertise import search
from gespreid.expertise.taxonomy import DEFAULT_TAXONOMY

AREAS = [SimpleNamespace(key=key, name=name) for _d, _n, areas in DEFAULT_TAXONOMY for key, name in areas]


def found(text):
    return {a.key for a in search.matching_areas(search.parse(text), AREAS)}


@pytest.mark.parametrize(
    "text, key",
    [
        ("gedrag", "gedragsproblemen"),
        ("Gedragsproblemen", "gedragsproblemen"),
        ("rekenen", "rekenen-wiskunde"),
        ("wiskunde", "rekenen-wiskunde"),
        ("dyscalculie", "leerproblemen"),
        ("ict", "ict-digitale-geletterdheid"),
        ("digitaal", "ict-digitale-geletterdheid"),
        ("programmeren", "ict-digitale-geletterdheid"),
        ("coachen", "coaching"),
        ("begeleiding", "coaching"),
        ("oriëntatie", "wereldorientatie"),
        ("orientatie", "kunstzinnige-orientatie"),
        ("lezen", "begrijpend-lezen"),
        ("ouders", "ouderbetrokkenheid"),
        ("Wie weet iets van duurzaamheid?", "duurzaamheid"),
        ("kleuters", "jonge-kind"),
    ],
)
def test_word_forms_and_synonyms_find_the_area(text, key):
    assert key in found(text)


def test_unrelated_word_finds_nothing():
    assert found("paardrijden") == set()


def test_rekenen_does_not_find_gym():
    assert "bewegingsonderwijs" not in found("rekenen")


@pytest.mark.parametrize("text", ["", "   ", "?!?...,,;;", "— – …", "de het een", "a"])
def test_punctuation_or_stopwords_only_is_an_empty_query(text):
    query = search.parse(text)
    assert query.is_empty and found(text) == set()


def test_a_very_long_query_is_cut_off_not_refused():
    query = search.parse("rekenen " * 1250)  # 10,000 characters
    assert query.truncated and len(query.text) <= search.MAX_QUERY
    assert "rekenen" in query.words


@given(st.text(max_size=400))
def test_parse_never_fails(text):
    query = search.parse(text)
    assert len(query.text) <= search.MAX_QUERY
    search.matching_areas(query, AREAS)
