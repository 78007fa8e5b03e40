"""Back-ups round trip: restored into an empty database and media folder, every table and file is the same."""

import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from bench import country
from gespreid.core import backups


@pytest.fixture
def filled(transactional_db, settings, tmp_path):
    """Two generated schools with a year of activity (posts with image files included) and the demo school."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    country.generate(schools=2, boards=1, staff=50, seed=3, log=None)
    return Path(settings.MEDIA_ROOT)


def restored_connection(name):
    settings_dict = {**connection.settings_dict, "NAME": name}
    return type(connections["default"])(settings_dict, alias=f"restored-{uuid.uuid4().hex[:6]}")


def test_a_backup_restores_every_table_and_every_media_file(filled, tmp_path):
    folder = backups.backup(tmp_path / "backups")
    assert len(list(filled.rglob("*.png"))) == 6  # the posts' images are part of what is checked

    if connection.vendor == "sqlite":
        target = {**connection.settings_dict, "NAME": str(tmp_path / "restored.sqlite3")}
        backups.restore(folder, target, tmp_path / "restored-media")
        restored = restored_connection(target["NAME"])
    else:
        name = f"restored_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        backups.restore(folder, {**connection.settings_dict, "NAME": name}, tmp_path / "restored-media")
        restored = restored_connection(name)
    try:
        assert backups.table_digests(restored) == backups.table_digests(connection)
        assert backups.differences(folder, restored, tmp_path / "restored-media") == []
        manifest_tables = backups.table_digests(restored)
        assert manifest_tables["core_school"][0] == 2 and manifest_tables["highlights_postmedia"][0] == 6
    finally:
        restored.close()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE {restored.settings_dict['NAME']}")


def test_a_changed_file_or_row_is_reported(filled, tmp_path):
    folder = backups.backup(tmp_path / "backups")
    next(filled.rglob("*.png")).write_bytes(b"anders")
    from gespreid.core.models import School

    School.objects.filter(slug="land-00001").update(name="Veranderd")
    found = backups.differences(folder, connection, filled)
    assert any(f.startswith("tabel core_school") for f in found)
    assert any(f.startswith("bestand highlights/") for f in found)


def test_restore_refuses_a_full_media_folder_or_database_and_writes_nothing(filled, tmp_path):
    folder = backups.backup(tmp_path / "backups")
    target = tmp_path / "new.sqlite3"
    with pytest.raises(backups.BackupError, match="niet leeg"):
        backups.restore(folder, {**connection.settings_dict, "NAME": str(target)}, filled)
    assert not target.exists()
    if connection.vendor == "sqlite":
        target.write_bytes(b"x" * 10)
        with pytest.raises(backups.BackupError, match="lege database"):
            backups.restore(folder, {**connection.settings_dict, "NAME": str(target)}, tmp_path / "empty")
        assert not (tmp_path / "empty").exists()


def test_the_restore_command_says_what_is_wrong_in_dutch(filled, tmp_path):
    folder = backups.backup(tmp_path / "backups")
    with pytest.raises(CommandError, match="niet leeg"):
        call_command("restore", str(folder))  # the configured media folder holds the files already
