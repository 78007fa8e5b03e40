"""mypy with django-stubs passes on the domain modules listed in pyproject.toml ([tool.mypy] files)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_mypy_passes_on_the_checked_modules():
    from mypy import api

    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental"])
    assert status == 0, stdout + stderr
