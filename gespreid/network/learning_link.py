"""Advice counts per expertise area from the learning app (asking colleagues): counts only, no names."""

from gespreid.learning.advice import advice_counts_by_area


def available() -> bool:
    return True


def advice_counts(school, year) -> list[tuple[str, int]]:
    """[(area name, number of times colleagues were asked)] for the year, most asked first."""
    if year is None:
        return []
    names = dict(school.expertise_areas.values_list("key", "name"))
    counts = advice_counts_by_area(school, year)
    rows = ((names.get(key, key), int(n)) for key, n in counts.items() if n)
    return sorted(rows, key=lambda row: (-row[1], row[0]))
