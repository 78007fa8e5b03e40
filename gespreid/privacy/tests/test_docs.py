"""docs/privacy.md tells schools every retention term the job applies, with its default."""

from pathlib import Path

from django.utils import translation

from gespreid.privacy import rules

DOC = (Path(__file__).resolve().parents[3] / "docs" / "privacy.md").read_text()


def test_every_retention_term_is_in_the_privacy_doc_with_its_default():
    lines = DOC.splitlines()
    with translation.override("en"):
        for rule in {r.key: r for r in rules.RETENTION}.values():
            label = str(rule.label).lower()
            row = [line for line in lines if line.startswith(f"| {label}")]
            assert any(f"| {rule.months} months |" in line for line in row), f"{label}: {rule.months} months missing"
