"""Team-level network measures with networkx, as school network research uses them.

Density, reciprocity, the number of people nobody named, subgroups (Louvain, seeded), how far
advice leans on a few people (in-degree centralisation), ties between bouwen and between
subgroups, and the change between two rounds. Pure functions on plain data: never a measure
per person, so nothing here can rank colleagues.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

SEED = 42  # Louvain and the layout are seeded: the same answers give the same picture
MIN_RESPONDENTS = 5  # results only over at least five respondents (PRODUCT: aggregate over >= 5 people)
NO_BOUW = ""


def build_graph(people: Iterable[int], ties: Iterable[tuple[int, int, int]]) -> nx.DiGraph:
    """A directed graph on ``people`` with one edge per (source, target); weight = the highest frequency."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(set(people)))
    for source, target, weight in ties:
        if source == target:
            continue
        if graph.has_edge(source, target):
            graph[source][target]["weight"] = max(graph[source][target]["weight"], weight)
        else:
            graph.add_edge(source, target, weight=weight)
    return graph


def density(graph: nx.DiGraph) -> float:
    """Ties present / ties possible, n(n-1) for a directed network."""
    return nx.density(graph) if graph.number_of_nodes() > 1 else 0.0


def reciprocity(graph: nx.DiGraph) -> float:
    """Share of ties that are returned (A→B and B→A)."""
    edges = graph.number_of_edges()
    if not edges:
        return 0.0
    return sum(1 for u, v in graph.edges() if graph.has_edge(v, u)) / edges


def unnamed_count(graph: nx.DiGraph) -> int:
    """How many people nobody named (in-degree 0). A count; who they are is never shown."""
    return sum(1 for _node, degree in graph.in_degree() if degree == 0)


def in_degree_centralisation(graph: nx.DiGraph) -> float:
    """Freeman's in-degree centralisation: 1 when everyone goes to one person, 0 when all are named equally."""
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _node, d in graph.in_degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) ** 2)


def top_share(graph: nx.DiGraph, k: int = 2) -> float:
    """The share of all ties that go to the ``k`` most named people together (a team figure: no names)."""
    total = graph.number_of_edges()
    if not total:
        return 0.0
    degrees = sorted((d for _node, d in graph.in_degree()), reverse=True)
    return sum(degrees[:k]) / total


def subgroups(graph: nx.DiGraph, seed: int = SEED) -> list[set]:
    """Louvain communities of the undirected network (seeded), largest first; people without ties left out."""
    if graph.number_of_edges() == 0:
        return []
    undirected = nx.Graph()
    for s, t, w in graph.edges(data="weight", default=1):
        if undirected.has_edge(s, t):
            undirected[s][t]["weight"] += w
        else:
            undirected.add_edge(s, t, weight=w)
    found = nx.community.louvain_communities(undirected, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(c)))


def ties_between_groups(graph: nx.DiGraph, groups: list[set]) -> int:
    where = {node: i for i, group in enumerate(groups) for node in group}
    return sum(1 for s, t in graph.edges() if s in where and t in where and where[s] != where[t])


def mixing(graph: nx.DiGraph, label: dict) -> Counter:
    """Ties counted per (label of source, label of target), e.g. per pair of bouwen.

    People whose label is None (or who have none) are left out: see ``group_labels``.
    """
    return Counter(
        (label[s], label[t]) for s, t in graph.edges() if label.get(s) is not None and label.get(t) is not None
    )


def group_labels(labels: dict, min_size: int = 3) -> dict:
    """Labels safe to show in a table: a group of fewer than ``min_size`` people joins the unlabelled
    (""), and if those are still fewer than ``min_size`` they are left out (None). Otherwise a row
    'geen bouw' with one person in it would show that person's ties."""
    counts = Counter(labels.values())
    merged = {node: (value if value and counts[value] >= min_size else NO_BOUW) for node, value in labels.items()}
    rest = sum(1 for value in merged.values() if value == NO_BOUW)
    return {node: (None if value == NO_BOUW and rest < min_size else value) for node, value in merged.items()}


def crossing_share(graph: nx.DiGraph, label: dict) -> float | None:
    """Share of ties between people with different known labels (ties with an unknown label not counted)."""
    known = [(label.get(s), label.get(t)) for s, t in graph.edges() if label.get(s) and label.get(t)]
    if not known:
        return None
    return sum(1 for a, b in known if a != b) / len(known)


def dependency_level(centralisation: float) -> str:
    """'hoog' when advice leans on a few people, 'midden', or 'laag' (on the in-degree centralisation).

    The share of the two most asked is shown beside it, not used here: in a small team two people
    always hold a large share.
    """
    if centralisation >= 0.4:
        return "hoog"
    if centralisation >= 0.2:
        return "midden"
    return "laag"


@dataclass
class QuestionMeasures:
    key: str
    ties: int
    density: float
    reciprocity: float
    unnamed: int


@dataclass
class TeamPicture:
    people: int
    respondents: int
    ties: int
    density: float
    reciprocity: float
    unnamed: int
    per_question: list[QuestionMeasures] = field(default_factory=list)
    subgroup_sizes: list[int] = field(default_factory=list)
    between_subgroup_ties: int = 0
    advice_centralisation: float | None = None
    advice_top_share: float | None = None
    dependency: str | None = None
    bouw_mixing: dict = field(default_factory=dict)
    between_bouw_share: float | None = None

    def as_row(self) -> dict:
        return {
            "density": self.density,
            "reciprocity": self.reciprocity,
            "unnamed": self.unnamed,
            "subgroups": len(self.subgroup_sizes),
            "advice_centralisation": self.advice_centralisation,
            "between_bouw_share": self.between_bouw_share,
        }


def team_picture(
    people: Iterable[int],
    respondents: int,
    ties_by_question: dict[str, list[tuple[int, int, int]]],
    bouw: dict[int, str],
    advice_key: str = "advies",
) -> TeamPicture:
    """All team measures of one round: the combined network (any question) and one row per question."""
    people = sorted(set(people))
    combined = build_graph(people, (tie for ties in ties_by_question.values() for tie in ties))
    per_question = []
    for key, ties in ties_by_question.items():
        g = build_graph(people, ties)
        per_question.append(QuestionMeasures(key, g.number_of_edges(), density(g), reciprocity(g), unnamed_count(g)))
    groups = subgroups(combined)
    picture = TeamPicture(
        people=len(people),
        respondents=respondents,
        ties=combined.number_of_edges(),
        density=density(combined),
        reciprocity=reciprocity(combined),
        unnamed=unnamed_count(combined),
        per_question=per_question,
        subgroup_sizes=[len(g) for g in groups],
        between_subgroup_ties=ties_between_groups(combined, groups),
        bouw_mixing=dict(mixing(combined, group_labels(bouw))),
        between_bouw_share=crossing_share(combined, bouw),
    )
    if advice_key in ties_by_question:
        advice = build_graph(people, ties_by_question[advice_key])
        picture.advice_centralisation = in_degree_centralisation(advice)
        picture.advice_top_share = top_share(advice)
        if advice.number_of_edges():
            picture.dependency = dependency_level(picture.advice_centralisation)
    return picture


CHANGE_FIELDS = ("density", "reciprocity", "unnamed", "subgroups", "advice_centralisation", "between_bouw_share")


def change(before: TeamPicture, now: TeamPicture) -> list[dict]:
    """Per measure: before, now and the difference (None where either round lacks it)."""
    old, new = before.as_row(), now.as_row()
    rows = []
    for name in CHANGE_FIELDS:
        a, b = old[name], new[name]
        rows.append({"name": name, "before": a, "now": b, "delta": None if a is None or b is None else b - a})
    return rows


@dataclass
class BoardPicture:
    schools: int
    people: int
    respondents: int
    ties: int
    density: float
    reciprocity: float
    unnamed: int
    subgroups: int
    largest_subgroup: int
    advice_centralisation: float | None
    crossing_ties: int
    crossing_share: float | None
    per_school: list[dict] = field(default_factory=list)


def board_picture(
    people_by_school: dict[int, set[int]],
    respondents: int,
    ties: list[tuple[int, int, int, int, str]],
    advice_key: str = "advies",
) -> BoardPicture:
    """The board's network: ``ties`` are (school of the round, source, target, frequency, question).

    A tie crosses schools when its target is not in the team of the round's school. Totals only:
    per school the team size, its ties and the ties it sends to other schools.
    """
    people = set().union(*people_by_school.values()) if people_by_school else set()
    combined = build_graph(people, ((s, t, w) for _school, s, t, w, _q in ties))
    advice = build_graph(people, ((s, t, w) for _school, s, t, w, q in ties if q == advice_key))
    crossing = {(s, t) for school, s, t, _w, _q in ties if t not in people_by_school.get(school, ())}
    groups = subgroups(combined)
    per_school = []
    for school, team in people_by_school.items():
        own = {(s, t) for sc, s, t, _w, _q in ties if sc == school}
        out = {(s, t) for s, t in own if (s, t) in crossing}
        per_school.append({"school": school, "people": len(team), "ties": len(own), "crossing": len(out)})
    return BoardPicture(
        schools=len(people_by_school),
        people=len(people),
        respondents=respondents,
        ties=combined.number_of_edges(),
        density=density(combined),
        reciprocity=reciprocity(combined),
        unnamed=unnamed_count(combined),
        subgroups=len(groups),
        largest_subgroup=len(groups[0]) if groups else 0,
        advice_centralisation=in_degree_centralisation(advice) if advice.number_of_edges() else None,
        crossing_ties=len(crossing),
        crossing_share=len(crossing) / combined.number_of_edges() if combined.number_of_edges() else None,
        per_school=per_school,
    )
