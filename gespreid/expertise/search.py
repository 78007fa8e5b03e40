"""'Wie weet iets van …?': find colleagues by area or free text, in the school and across the board.

Text matching is deliberately small and predictable: lower case without accents, a few Dutch
word forms (plural, diminutive, compounds via prefix match: "gedrag" finds "gedragsproblemen"),
a short synonym list ("rekenen" ~ "wiskunde", "ict" ~ "digitaal"; each word in one group, searched as
written), phrases recognised first ("technisch lezen" is reading, not techniek) and a few ambiguous words
that alone search only what they say ("klimaat"). Results are ordered by
level (what the person can offer), never scored or ranked otherwise.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .models import Area, ExpertiseEntry, Profile

MAX_QUERY = 200  # characters we look at; longer input is cut off with a message
MIN_TOKEN = 2

STOPWORDS = {
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "bij",
    "aan",
    "over",
    "of",
    "te",
    "om",
    "die",
    "dat",
    "wie",
    "weet",
    "iets",
    "iemand",
    "kan",
    "kunnen",
    "ik",
    "je",
    "jij",
    "we",
    "wij",
    "ons",
    "onze",
    "is",
    "zijn",
    "the",
    "and",
    "for",
    "about",
    "who",
    "knows",
}
# Words a school types around what it means; alone they would find areas that merely contain them
# ("geven" in "Feedback geven", "ontwikkeling" in "Visie ontwikkelen", "onderwijs" in "Bewegingsonderwijs").
STOPWORDS |= {
    "geven",
    "doen",
    "helpen",
    "hulp",
    "goed",
    "goede",
    "onderwijs",
    "ontwikkeling",
    "leerling",
    "leerlingen",
    "kinderen",
    "groep",
    "groepen",
    "collega",
    "collegas",
    "school",
    "ervaring",
    "verstand",
}

# Each group: words that mean the same thing at school. A query word in a group also searches the others.
# A word sits in ONE group only: a word in two groups would join unrelated areas ("klimaat" is both
# duurzaamheid and pedagogisch klimaat). Words with more than one meaning go in AMBIGUOUS or PHRASES.
# Synonyms are searched as written, never stemmed: the stem of "technisch" ("techn") starts "techniek".
SYNONYMS: list[set[str]] = [
    {"rekenen", "wiskunde", "reken", "rekenonderwijs", "getal", "getallen"},
    {"ict", "digitaal", "digitale", "computer", "computers", "programmeren", "mediawijsheid", "chromebook"},
    {"lezen", "lees", "leesonderwijs", "begrijpend", "leesbevordering", "leesvaardigheid"},
    {"taal", "spelling", "schrijven", "woordenschat", "nederlands"},
    {"gedrag", "gedragsproblemen", "gedragsproblematiek", "adhd", "autisme", "sociaal", "emotioneel"},
    {"dyslexie", "leerproblemen", "leerprobleem", "dyscalculie"},
    {"hoogbegaafd", "hoogbegaafdheid", "meerbegaafd", "plusklas", "begaafdheid"},
    {"gym", "bewegen", "beweging", "sport", "bewegingsonderwijs"},
    {"muziek", "tekenen", "kunst", "cultuur", "drama", "handvaardigheid", "kunstzinnige"},
    {"natuur", "techniek", "wetenschap", "onderzoekend", "ontwerpend"},
    {"duurzaam", "duurzaamheid", "milieu", "klimaatverandering", "klimaatonderwijs"},
    {"engels", "english"},
    {"ouders", "ouder", "ouderbetrokkenheid", "oudergesprek", "oudergesprekken"},
    {"coachen", "coaching", "coach", "begeleiden", "begeleiding"},
    {"feedback", "terugkoppeling"},
    {"visie", "koers"},
    {"organiseren", "organisatie", "plannen", "planning"},
    {"team", "teambuilding", "samenwerken", "samenwerking"},
    {"verandering", "veranderkunde", "veranderen", "innovatie", "implementatie", "verander"},
    {"kleuters", "kleuter", "kleuteronderwijs", "onderbouw", "jonge"},
    {"onderzoek", "onderzoeken", "data", "praktijkgericht"},
    {"lesontwerp", "didactiek", "instructie", "lesgeven", "lessen"},
    {"pedagogisch", "pedagogiek", "groepsvorming", "veiligheid", "groepsklimaat", "schoolklimaat"},
]
_SYNONYM_INDEX: dict[str, set[str]] = {}
for _group in SYNONYMS:
    for _word in _group:
        _SYNONYM_INDEX.setdefault(_word, set()).update(_group)

# Words that mean different things at school: alone they search only what they literally say plus
# the words given here, never a whole synonym group. In a phrase (below) they mean that phrase.
AMBIGUOUS: dict[str, set[str]] = {
    "klimaat": {"klimaat", "duurzaamheid"},  # pedagogisch klimaat, or climate
    "technisch": {"technisch", "techniek"},  # technisch lezen, or techniek
    "jonge": {"jonge"},
    "kind": {"kind"},
    "vreemde": {"vreemde"},
}

# Phrases of two or three words: the words together mean what the phrase says, not each word alone.
PHRASES: dict[tuple[str, ...], str] = {
    ("technisch", "lezen"): "lezen",
    ("begrijpend", "lezen"): "lezen",
    ("pedagogisch", "klimaat"): "pedagogisch",
    ("sociaal", "emotioneel"): "gedrag",
    ("sociale", "veiligheid"): "pedagogisch",
    ("jonge", "kind"): "kleuters",
    ("jonge", "kinderen"): "kleuters",
    ("digitale", "geletterdheid"): "ict",
    ("vreemde", "taal"): "engels",
    ("passend", "onderwijs"): "leerproblemen",
}
_PHRASE_LENGTHS = sorted({len(p) for p in PHRASES}, reverse=True)

# Dutch word endings stripped to reach a stem ("gedragsproblemen" -> "gedragsprobl", "leerkrachten" -> "leerkracht").
SUFFIXES = ("heden", "heid", "ingen", "ing", "tjes", "tje", "jes", "je", "ische", "isch", "en", "es", "s", "e")


def normalize(text: str) -> str:
    """Lower case, accents removed, everything that is not a letter or digit becomes a space."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def stem(word: str) -> str:
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...]  # the meaningful words the person typed
    terms: tuple[str, ...]  # words, their stems and synonyms: what we look for
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms


def _phrases(tokens: list[str]) -> tuple[list[str], set[str]]:
    """(the tokens that are not part of a phrase, the search words the phrases stand for)."""
    rest: list[str] = []
    meant: set[str] = set()
    i = 0
    while i < len(tokens):
        for n in _PHRASE_LENGTHS:
            head = PHRASES.get(tuple(tokens[i : i + n]))
            if head:
                meant.update(_SYNONYM_INDEX[head])
                i += n
                break
        else:
            rest.append(tokens[i])
            i += 1
    return rest, meant


def _compound_group(word: str) -> set[str]:
    """The synonyms of the longest known word that starts this compound ("muzieklessen" -> muziek)."""
    for n in range(len(word) - 1, 3, -1):
        head = word[:n]
        if head in _SYNONYM_INDEX and head not in AMBIGUOUS:
            return _SYNONYM_INDEX[head]
    return set()


def parse(raw: str) -> Query:
    """Turn what someone typed into search terms. Never raises, whatever the input.

    The typed words are searched with their stems; their synonyms as written. Phrases ("technisch
    lezen") are recognised first, so their words do not also search what they mean alone.
    """
    raw = raw or ""
    truncated = len(raw) > MAX_QUERY
    text = raw[:MAX_QUERY].strip()
    tokens = [w for w in normalize(text).split() if len(w) >= MIN_TOKEN][:20]
    words = tuple(dict.fromkeys(w for w in tokens if w not in STOPWORDS))[:10]
    rest, meant = _phrases(tokens)
    terms: dict[str, None] = dict.fromkeys(sorted(meant))
    for word in dict.fromkeys(w for w in rest if w not in STOPWORDS):
        terms[word] = None
        terms[stem(word)] = None
        if word in AMBIGUOUS:
            terms.update(dict.fromkeys(sorted(AMBIGUOUS[word])))
            continue
        for form in sorted(_SYNONYM_INDEX.get(word) or _SYNONYM_INDEX.get(stem(word)) or _compound_group(word)):
            terms[form] = None
    terms = {t: None for t in terms if len(t) >= MIN_TOKEN}
    return Query(text=text, words=words, terms=tuple(terms), truncated=truncated)


def text_matches(query: Query, text: str) -> bool:
    """True when a term starts one of the words of ``text`` or sits inside a compound word."""
    words = normalize(text).split()
    for term in query.terms:
        for word in words:
            if word.startswith(term) or (len(term) >= 4 and term in word):
                return True
    return False


def matching_areas(query: Query, areas) -> list:
    """The areas whose name or key matches the query (areas: iterable of Area)."""
    if query.is_empty:
        return []
    return [a for a in areas if text_matches(query, f"{a.name} {a.key.replace('-', ' ')}")]


@dataclass
class Hit:
    user_id: int
    name: str
    area_name: str
    level: int | None
    wants_growth: bool
    target_level: int | None
    school_name: str = ""
    school_slug: str = ""


def search_school(school, year, areas) -> list[Hit]:
    """Everyone in this school with an entry in one of ``areas`` this year: level first, then growth wishes."""
    if year is None or not areas:
        return []
    active = school.memberships.filter(is_active=True, user_id=OuterRef("user_id"))
    rows = (
        ExpertiseEntry.objects.filter(school_year=year, area__in=areas)
        .filter(Exists(active))
        .filter(Q(level__isnull=False) | Q(wants_growth=True))
        .order_by(F("level").desc(nulls_last=True), "user__name", "area__name")
        .values_list("user_id", "user__name", "area__name", "level", "wants_growth", "target_level")[:200]
    )
    return [Hit(*row) for row in rows]


def search_qualities(school, year, query: Query) -> list[tuple[int, str, str]]:
    """People whose free-text qualities mention the query: (user id, name, qualities)."""
    if year is None or query.is_empty:
        return []
    profiles = (
        Profile.objects.filter(school_year=year, user__memberships__school=school, user__memberships__is_active=True)
        .exclude(qualities="")
        .select_related("user")
        .order_by("user__name")
    )
    return [(p.user_id, p.user.name, p.qualities) for p in profiles if text_matches(query, p.qualities)]


def board_scope(school, area_keys):
    """(current school-year ids, area ids) of the board's other schools for these area keys: two small queries.

    Resolving these first lets the entry query use its (school_year, area) index instead of
    joining and filtering 20,000 entries of a 40-school board.
    """
    from gespreid.core.models import SchoolYear

    today = timezone.localdate()
    others = {"school__board_id": school.board_id}
    year_ids = list(
        SchoolYear.objects.filter(**others, starts_on__lte=today, ends_on__gte=today)
        .exclude(school_id=school.id)
        .values_list("id", flat=True)
    )
    area_ids = list(
        Area.objects.filter(**others, key__in=list(area_keys), retired_at__isnull=True)
        .exclude(school_id=school.id)
        .values_list("id", flat=True)
    )
    return year_ids, area_ids


def board_entries(school, area_keys, min_level: int = 1, scope=None):
    """Entries (with a level) of visible, active colleagues in the board's other schools, best level first."""
    from gespreid.core.models import Membership

    year_ids, area_ids = scope or board_scope(school, area_keys)
    if not year_ids or not area_ids:
        return ExpertiseEntry.objects.none()
    visible = Profile.objects.filter(
        school_year_id=OuterRef("school_year_id"), user_id=OuterRef("user_id"), visible_to_board=True
    )
    active = Membership.objects.filter(school_id=OuterRef("school_id"), user_id=OuterRef("user_id"), is_active=True)
    return (
        ExpertiseEntry.objects.filter(school_year_id__in=year_ids, area_id__in=area_ids, level__gte=min_level)
        .filter(Exists(visible), Exists(active))
        .order_by("-level", "user__name")
    )


def search_board(school, area_keys, limit: int = 50) -> list[Hit]:
    """Colleagues in the board's other schools with expertise (level) in these areas, when allowed.

    Only when the board allows it, only people who did not opt out (Profile.visible_to_board),
    only active members, only each school's current school year, only levels (not growth wishes).
    One query per level, best first, until ``limit`` is reached: on a 40-school board the experts
    alone usually fill the page, and SQLite then checks a quarter of the rows (measured 5 ms vs 17 ms).
    """
    if not area_keys or not school.board.allow_cross_school_search:
        return []
    scope = board_scope(school, area_keys)
    if not scope[0] or not scope[1]:
        return []
    hits: list[Hit] = []
    for level in (4, 3, 2, 1):
        rows = (
            board_entries(school, area_keys, scope=scope)
            .filter(level=level)
            .values_list("user_id", "user__name", "area__name", "level", "school__name", "school__slug")[
                : limit - len(hits)
            ]
        )
        hits += [
            Hit(uid, name, area, lv, False, None, school_name, slug) for uid, name, area, lv, school_name, slug in rows
        ]
        if len(hits) >= limit:
            break
    return hits


def active_areas(school):
    return Area.objects.filter(school=school, retired_at__isnull=True).select_related("domain")
