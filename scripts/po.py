#!/usr/bin/env python
"""Help keep English complete.

scripts/po.py todo APP            print the untranslated or fuzzy entries of APP as JSON {msgid: ""}
scripts/po.py fill APP FILE.json  write translations from FILE.json ({msgid: msgstr} or,
                                  for plurals, {msgid: [singular, plural]}) into APP's en .po
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def po_file(app: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "gespreid" / app / "locale" / "en" / "LC_MESSAGES" / "django.po"))


def todo(app: str) -> None:
    po = po_file(app)
    missing = {}
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if "fuzzy" in entry.flags or not all(entry.msgstr_plural.values()):
                missing[entry.msgid] = ["", ""]
        elif "fuzzy" in entry.flags or not entry.msgstr:
            missing[entry.msgid] = ""
    print(json.dumps(missing, ensure_ascii=False, indent=1))


def fill(app: str, path: str) -> None:
    po = po_file(app)
    mapping = json.loads(Path(path).read_text())
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save()


if __name__ == "__main__":
    command, app, *rest = sys.argv[1:]
    todo(app) if command == "todo" else fill(app, rest[0])
