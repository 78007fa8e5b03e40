"""Large photos among a group's files are re-encoded by the worker (database backend, in-process)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from gespreid.core.models import BackgroundJob
from gespreid.groups import processing
from gespreid.groups.models import CycleEntry

# The worker closes its database connection between tasks: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def db_tasks(settings, transactional_db, _media_root):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work():
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def url(name, school, *args):
    return reverse(f"groups:{name}", args=[school.slug, *args])


def large_photo(size=(2600, 1800)):
    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("bord.jpg", out.getvalue())


def stored_files(media_root):
    return [p for p in (media_root / "groups").rglob("*") if p.is_file()]


def test_a_large_photo_waits_for_the_worker_and_is_then_served_without_metadata(
    db_tasks, tl_client, member_client, school, group, _media_root
):
    response = tl_client.post(
        url("entry-create", school, group.pk), {"stage": "weten", "text": "Foto", "file": large_photo()}
    )
    assert response.status_code == 302
    entry = CycleEntry.objects.get()
    assert entry.file_state == "verwerken"
    assert member_client.get(url("entry-file", school, group.pk, entry.pk)).status_code == 404
    page_url = url("group-detail", school, group.pk) + "?fase=weten"
    waiting = member_client.get(page_url).content.decode()
    assert "de foto wordt verwerkt" in waiting
    # The entry's file line polls the page (htmx) until the worker is done, then shows the link.
    assert f'id="entry-file-{entry.pk}" hx-get="{page_url}" hx-trigger="every 3s"' in waiting

    work()

    done = member_client.get(page_url).content.decode()
    assert f'<p id="entry-file-{entry.pk}"><a href="{url("entry-file", school, group.pk, entry.pk)}">' in done
    entry.refresh_from_db()
    assert entry.file_state == "klaar" and len(stored_files(_media_root)) == 1  # the original is gone
    stored = b"".join(member_client.get(url("entry-file", school, group.pk, entry.pk)).streaming_content)
    assert b"GeheimeCamera" not in stored and Image.open(io.BytesIO(stored)).size == (2600, 1800)
    assert BackgroundJob.objects.get(kind=processing.KIND, target_id=entry.pk).status == "done"


def test_a_small_photo_is_cleaned_at_once(db_tasks, tl_client, school, group):
    response = tl_client.post(
        url("entry-create", school, group.pk), {"stage": "weten", "text": "Foto", "file": large_photo((400, 300))}
    )
    assert response.status_code == 302 and CycleEntry.objects.get().file_state == "klaar"
    assert not DBTaskResult.objects.exists()


def test_a_failing_worker_is_retried_then_the_entry_says_so(
    db_tasks, tl_client, member_client, school, group, _media_root, monkeypatch
):
    tl_client.post(url("entry-create", school, group.pk), {"stage": "weten", "text": "Foto", "file": large_photo()})
    calls = []

    def broken(handle, fmt):
        calls.append(fmt)
        raise OSError("schijf vol")

    monkeypatch.setattr(processing, "without_metadata", broken)
    job = None
    for _attempt in range(3):
        work()
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    job = BackgroundJob.objects.get(kind=processing.KIND)
    entry = CycleEntry.objects.get()
    assert len(calls) == 3 and job.status == "failed"
    assert entry.file_state == "mislukt" and not entry.file and stored_files(_media_root) == []
    page = member_client.get(url("group-detail", school, group.pk) + "?fase=weten").content.decode()
    assert "de foto kon niet verwerkt worden" in page
