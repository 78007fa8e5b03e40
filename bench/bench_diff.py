"""version_diff_worst_ms: comparing two versions of a proposal, on the worst inputs we could build at the field limits.

The inputs are what made difflib take many seconds (repeated words, alternating words, two random texts
over a small vocabulary, one word changed everywhere), each at the limit of every field (title 200,
problem 5,000, body 20,000 characters). The figure is the slowest input's median of five runs of
``decisions.diff.compare`` (all three fields, as the version page does). Target: ≤ 200 ms.
"""

import random
import statistics
import time
from types import SimpleNamespace

from bench.common import emit

LIMITS = {"title": 200, "problem": 5000, "body": 20000}


def _fit(text: str, limit: int) -> str:
    return text[:limit]


def worst_inputs() -> dict[str, tuple[str, str]]:
    rng = random.Random(13)
    small = ["de", "het", "een", "kind", "les"]
    two = ["a", "b"]
    return {
        "repeated_vs_other_repeated": ("woord " * 4000, "ander " * 4000),
        "800_repeated_words_one_changed": ("aap " * 5000, "aap " * 2500 + "noot " + "aap " * 2499),
        "alternating_shifted": ("a b " * 5000, "b a " * 5000),
        "random_two_words": (
            " ".join(rng.choice(two) for _ in range(10000)),
            " ".join(rng.choice(two) for _ in range(10000)),
        ),
        "random_five_words": (
            " ".join(rng.choice(small) for _ in range(6000)),
            " ".join(rng.choice(small) for _ in range(6000)),
        ),
        "every_other_word_changed": (
            " ".join("x" if i % 2 else "y" for i in range(10000)),
            " ".join("x" if i % 2 else "z" for i in range(10000)),
        ),
    }


def versions(old: str, new: str):
    make = lambda text: SimpleNamespace(**{f: _fit(text, limit) for f, limit in LIMITS.items()})  # noqa: E731
    return make(old), make(new)


def run():
    from gespreid.decisions.diff import compare

    worst_name, worst_ms = "", 0.0
    for name, (old, new) in worst_inputs().items():
        a, b = versions(old, new)
        times = []
        for _ in range(5):
            started = time.perf_counter()
            compare(a, b)
            times.append((time.perf_counter() - started) * 1000)
        ms = statistics.median(times)
        if ms > worst_ms:
            worst_name, worst_ms = name, ms
    emit(
        "version_diff_worst_ms",
        round(worst_ms, 1),
        "ms",
        compared_to=f"target 200 ms; slowest input '{worst_name}' at the field limits (title 200, problem 5,000, body 20,000 characters); difflib took 17 s on 800 repeated words",
        ratio=round(worst_ms / 200, 3),
    )
