"""Back-ups that can be restored: the database and the media files, with a manifest to check against.

``manage.py backup DIR`` writes ``DIR/gespreid-<time>/``:
- ``db.sqlite3`` (SQLite's online backup API: consistent while the app keeps running), or
  ``db.dump`` (``pg_dump --format=custom``, restored with ``pg_restore``) on PostgreSQL;
- ``media.tar`` with every uploaded file;
- ``manifest.json``: per table the number of rows and a digest of all of them, per media file its SHA-256.

``manage.py restore DIR`` puts both back into an empty database and media folder and checks every
table and file against the manifest. See docs/deploy.md ("Back-ups").
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection as default_connection


class BackupError(Exception):
    pass


def table_digests(connection=None) -> dict[str, list]:
    """Per table: [number of rows, SHA-256 over all rows in primary-key order]."""
    connection = connection or default_connection
    digests = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY 1")
            digest, count = hashlib.sha256(), 0
            for row in cursor.fetchall():
                digest.update(repr(tuple(str(value) for value in row)).encode())
                count += 1
            digests[table] = [count, digest.hexdigest()]
    return digests


def media_digests(root: Path) -> dict[str, str]:
    root = Path(root)
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _pg_env(db: dict) -> dict:
    env = {**os.environ, "PGHOST": db.get("HOST") or "127.0.0.1", "PGPORT": str(db.get("PORT") or 5432)}
    env["PGUSER"] = db.get("USER") or ""
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def backup(target_dir, connection=None, media_root=None) -> Path:
    """Write a back-up folder under ``target_dir``; returns its path."""
    connection = connection or default_connection
    media_root = Path(media_root or settings.MEDIA_ROOT)
    folder = Path(target_dir) / f"gespreid-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}"
    folder.mkdir(parents=True)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(folder / "db.sqlite3") as target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(folder / "db.dump"),
                db["NAME"],
            ],
            env=_pg_env(db),
            check=True,
        )
    else:
        raise BackupError(f"Geen back-up voor database {connection.vendor}.")
    with tarfile.open(folder / "media.tar", "w") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "created_at": datetime.now(UTC).isoformat(),
        "vendor": connection.vendor,
        "tables": table_digests(connection),
        "media": media_digests(media_root),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return folder


def restore(folder, database: dict, media_root) -> None:
    """Put a back-up into the (empty) database ``database`` (a settings dict) and ``media_root``."""
    folder, media_root = Path(folder), Path(media_root)
    manifest = json.loads((folder / "manifest.json").read_text())
    # Check both targets before writing anything: never half a restore on top of other data.
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"{media_root} is niet leeg: zet media alleen terug in een lege map.")
    if manifest["vendor"] == "sqlite":
        target = Path(database["NAME"])
        if target.exists() and target.stat().st_size:
            raise BackupError(f"{target} bestaat al: zet een back-up alleen terug in een lege database.")
        shutil.copyfile(folder / "db.sqlite3", target)
    else:
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--dbname",
                database["NAME"],
                str(folder / "db.dump"),
            ],
            env=_pg_env(database),
            check=True,
        )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "media.tar") as tar:
        for member in tar.getmembers():
            if not member.name.startswith("media"):
                continue
            member.name = member.name[len("media") :].lstrip("/")
            if member.name:
                tar.extract(member, media_root, filter="data")


def differences(folder, connection, media_root) -> list[str]:
    """What differs between a back-up's manifest and a database plus media folder (empty: identical)."""
    manifest = json.loads((Path(folder) / "manifest.json").read_text())
    found = []
    tables = table_digests(connection)
    for table, expected in manifest["tables"].items():
        if tables.get(table) != expected:
            found.append(f"tabel {table}: {tables.get(table)} in plaats van {expected}")
    media = media_digests(media_root)
    for name, digest in manifest["media"].items():
        if media.get(name) != digest:
            found.append(f"bestand {name}: {'anders' if name in media else 'ontbreekt'}")
    return found
