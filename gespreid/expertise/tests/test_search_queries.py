"""Thirty-plus Dutch questions a school types into 'Wie weet iets van …?', with the areas each must
and must not find in the default taxonomy. A change to the synonyms or word forms that breaks one of
these breaks what a colleague gets to see."""

from collections import Counter
from types import SimpleNamespace

import pytest

from gespreid.expertise import search
from gespreid.expertise.taxonomy import DEFAULT_TAXONOMY

AREAS = [SimpleNamespace(key=key, name=name) for _d, _n, areas in DEFAULT_TAXONOMY for key, name in areas]
KEYS = {a.key for a in AREAS}

# (what was typed, areas it must find, areas it must not find)
QUERIES = [
    ("Wie weet iets van begrijpend lezen?", {"begrijpend-lezen"}, {"wetenschap-techniek", "onderzoek"}),
    ("technisch lezen", {"taal-lezen", "begrijpend-lezen"}, {"wetenschap-techniek"}),
    ("Wie kan helpen met spelling?", {"taal-lezen"}, {"begrijpend-lezen", "wetenschap-techniek"}),
    ("woordenschat", {"taal-lezen"}, {"engels"}),
    ("klimaat", {"pedagogisch-klimaat", "duurzaamheid"}, {"pedagogisch", "wetenschap-techniek"}),
    ("pedagogisch klimaat", {"pedagogisch-klimaat"}, {"duurzaamheid", "wetenschap-techniek"}),
    ("klimaatverandering", {"duurzaamheid"}, {"pedagogisch-klimaat"}),
    ("natuur", {"wetenschap-techniek"}, {"duurzaamheid", "onderzoek", "pedagogisch-klimaat"}),
    ("natuur en techniek", {"wetenschap-techniek"}, {"taal-lezen", "begrijpend-lezen", "duurzaamheid"}),
    ("techniek", {"wetenschap-techniek"}, {"taal-lezen", "begrijpend-lezen"}),
    ("Wie weet iets van rekenen?", {"rekenen-wiskunde"}, {"leerproblemen", "bewegingsonderwijs"}),
    ("dyscalculie", {"leerproblemen"}, {"rekenen-wiskunde"}),
    ("dyslexie", {"leerproblemen"}, {"taal-lezen"}),
    ("gedragsproblemen in groep 6", {"gedragsproblemen"}, {"leerproblemen", "teambuilding"}),
    ("ADHD", {"gedragsproblemen"}, {"hoogbegaafdheid"}),
    ("sociaal-emotionele ontwikkeling", {"gedragsproblemen"}, {"visie"}),
    ("sociale veiligheid", {"pedagogisch-klimaat"}, {"duurzaamheid", "gedragsproblemen"}),
    ("hoogbegaafde leerlingen", {"hoogbegaafdheid"}, {"leerproblemen"}),
    ("plusklas", {"hoogbegaafdheid"}, {"jonge-kind"}),
    ("gym", {"bewegingsonderwijs"}, {"jonge-kind"}),
    ("Wie geeft goede muzieklessen?", {"kunstzinnige-orientatie"}, {"feedback", "lesontwerp"}),
    ("tekenen en handvaardigheid", {"kunstzinnige-orientatie"}, {"wereldorientatie"}),
    ("Engels in de onderbouw", {"engels"}, {"taal-lezen"}),
    ("programmeren", {"ict-digitale-geletterdheid"}, {"21e-eeuwse-vaardigheden"}),
    ("chromebooks", {"ict-digitale-geletterdheid"}, set()),
    ("oudergesprekken", {"ouderbetrokkenheid"}, {"communicatie", "feedback"}),
    ("coachen van collega's", {"coaching"}, {"teambuilding"}),
    ("feedback geven", {"feedback"}, {"coaching", "lesontwerp"}),
    ("instructie geven", {"lesontwerp"}, {"feedback"}),
    ("visie op onderwijs", {"visie"}, {"bewegingsonderwijs", "jonge-kind"}),
    ("verandermanagement", {"veranderkunde"}, {"organisatie"}),
    ("kleuters", {"jonge-kind"}, {"bewegingsonderwijs"}),
    ("onderzoek doen", {"onderzoek"}, {"wetenschap-techniek"}),
    ("passend onderwijs", {"leerproblemen"}, {"bewegingsonderwijs", "jonge-kind"}),
    ("wereldoriëntatie", {"wereldorientatie"}, {"kunstzinnige-orientatie"}),
    ("21e-eeuwse vaardigheden", {"21e-eeuwse-vaardigheden"}, set()),
]


def found(text):
    return {a.key for a in search.matching_areas(search.parse(text), AREAS)}


def test_the_set_is_large_and_names_real_areas():
    assert len(QUERIES) >= 30
    for _text, must, must_not in QUERIES:
        assert must and must <= KEYS and must_not <= KEYS and not must & must_not


@pytest.mark.parametrize("text, must, must_not", QUERIES, ids=[q[0] for q in QUERIES])
def test_query_finds_what_was_asked(text, must, must_not):
    result = found(text)
    assert must <= result, f"{text!r} misses {sorted(must - result)}"
    assert not result & must_not, f"{text!r} also finds {sorted(result & must_not)}"


def test_no_word_sits_in_two_synonym_groups():
    counts = Counter(word for group in search.SYNONYMS for word in group)
    assert [word for word, n in counts.items() if n > 1] == []


def test_synonyms_are_searched_as_written_not_stemmed():
    # "lezen" once brought in "technisch", whose stem "techn" starts "techniek"
    assert not any(term.startswith("techn") for term in search.parse("lezen").terms)


def test_a_generic_word_alone_finds_nothing_rather_than_everything():
    assert found("onderwijs") == set()
