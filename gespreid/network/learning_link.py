"""Advice counts per expertise area from the learning app (asking colleagues), if that app is installed.

Network does not depend on learning: it asks Django whether the app is there and uses its
``requests.advice_counts_by_area(school, year)`` only then.
"""

from django.apps import apps


def available() -> bool:
    if not apps.is_installed("gespreid.learning"):
        return False
    try:
        from gespreid.learning import requests  # noqa: F401
    except ImportError:
        return False
    return hasattr(requests, "advice_counts_by_area")


def advice_counts(school, year) -> list[tuple[str, int]]:
    """[(area name, number of advice requests)] for the year, most asked first; [] when not available."""
    if year is None or not available():
        return []
    from gespreid.learning import requests

    counts = requests.advice_counts_by_area(school, year)
    items = counts.items() if hasattr(counts, "items") else counts
    return sorted(((str(area), int(n)) for area, n in items), key=lambda row: (-row[1], row[0]))
