"""English is complete: every Dutch text in every app has an English translation."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
APPS = sorted(p.parent.name for p in (ROOT / "gespreid").glob("*/locale"))


def _po(app: str) -> Path:
    return ROOT / "gespreid" / app / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("app", APPS)
def test_every_entry_is_translated(app):
    po = polib.pofile(str(_po(app)))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries() if not e.obsolete]
    assert not missing, f"{app}: untranslated {missing[:10]} — run `make messages` and `scripts/po.py todo {app}`"


@pytest.mark.parametrize("app", APPS)
def test_translation_file_is_up_to_date_with_the_code(app, tmp_path):
    """Run makemessages on a copy of the app: no Dutch text in the code may be missing from the .po file."""
    copy = tmp_path / app
    shutil.copytree(ROOT / "gespreid" / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    django_admin = Path(sys.executable).parent / "django-admin"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([str(django_admin), "makemessages", "-l", "en", "-v0"], cwd=copy, check=True, env=env)
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")) if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(_po(app))) if not e.obsolete}
    assert not (fresh - committed), (
        f"{app}: new texts not in the .po file — run `make messages`: {sorted(fresh - committed)[:10]}"
    )
