"""Films and large photos are processed by the worker (django-tasks' database backend), after commit."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from gespreid.core.models import BackgroundJob
from gespreid.highlights import media, moderation, processing
from gespreid.highlights.models import MediaState, PostMedia

from .conftest import film_bytes, gps_exif, jpeg_bytes, upload

# The worker closes its database connection between tasks: these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def db_tasks(settings, transactional_db, _media_root):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def work():
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def files(media_root):
    folder = media_root / "highlights"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def post_page(client, post):
    return client.get(reverse("highlights:post-detail", args=[post.school.slug, post.pk])).content.decode()


def test_a_film_waits_for_the_worker_then_gets_its_poster(db_tasks, school, member, client, _media_root):
    pending = media.check_film(upload("film.mp4", film_bytes(metadata={"location": "+52.37+004.89/"})))
    post = moderation.submit(school, member, text="Onze film.", files=[pending])
    item = PostMedia.objects.get(post=post)
    assert item.state == MediaState.PROCESSING and not item.poster and not item.file
    assert [name.split("/")[0] for name in files(_media_root)] == ["incoming"]
    client.force_login(member)
    page = post_page(client, post)
    assert "De film wordt verwerkt" in page and 'hx-trigger="every 3s"' in page
    # The original is never served while it waits.
    assert client.get(reverse("highlights:media-file", args=[school.slug, item.key])).status_code == 404

    work()

    item.refresh_from_db()
    assert item.state == MediaState.READY and item.poster and item.file and not item.source
    assert not any(name.startswith("incoming/") for name in files(_media_root))
    assert len(files(_media_root)) == 2
    poster = client.get(reverse("highlights:media-poster", args=[school.slug, item.key]))
    assert poster.status_code == 200 and poster["Content-Type"] == "image/jpeg"
    page = post_page(client, post)
    assert "wordt verwerkt" not in page and 'hx-trigger="every 3s"' not in page
    assert BackgroundJob.objects.get(kind=processing.KIND, target_id=post.pk).status == "done"


def test_a_large_photo_is_cleaned_by_the_worker_small_ones_at_once(db_tasks, school, member, _media_root):
    small = media.check_image(upload("klein.jpg", jpeg_bytes()))
    assert isinstance(small, media.CleanFile)
    large = media.check_image(upload("groot.jpg", jpeg_bytes(size=(3000, 2000), exif=gps_exif())))
    assert isinstance(large, media.PendingFile)
    post = moderation.submit(school, member, text="Groot en klein.", files=[small, large])
    states = list(PostMedia.objects.filter(post=post).values_list("state", flat=True))
    assert states == [MediaState.READY, MediaState.PROCESSING]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1

    work()

    item = PostMedia.objects.get(post=post, position=1)
    assert item.state == MediaState.READY and max(item.width, item.height) == media.IMAGE_MAX_SIDE
    with open(_media_root / item.file, "rb") as handle:
        data = handle.read()
    assert not Image.open(io.BytesIO(data)).getexif() and b"GeheimeCamera" not in data


def test_a_film_that_does_not_decode_fails_with_a_reason_and_cannot_be_approved(
    db_tasks, school, member, moderators, leader, _media_root, monkeypatch
):
    pending = media.check_film(upload("film.mp4", film_bytes()))
    post = moderation.submit(school, member, text="Stuk.", files=[pending])
    with pytest.raises(moderation.ModerationError, match="nog verwerkt"):
        moderation.approve(post, leader)

    def no_frame(source, video):
        raise ValueError("no frame")

    monkeypatch.setattr(media, "_poster", no_frame)
    work()

    item = PostMedia.objects.get(post=post)
    assert item.state == MediaState.FAILED and "geen film die we kunnen lezen" in item.error
    assert files(_media_root) == []  # the original is gone too
    with pytest.raises(moderation.ModerationError, match="niet verwerkt"):
        moderation.approve(post, leader)


def test_a_failing_worker_is_retried_then_the_author_sees_it_failed(
    db_tasks, school, member, client, _media_root, monkeypatch
):
    pending = media.check_film(upload("film.mp4", film_bytes()))
    post = moderation.submit(school, member, text="Opslag stuk.", files=[pending])
    calls = []

    def broken_store(clean):
        calls.append(1)
        media._remove(clean.path)
        raise OSError("schijf vol")

    monkeypatch.setattr(media, "store", broken_store)
    work()
    item = PostMedia.objects.get(post=post)
    job = BackgroundJob.objects.get(kind=processing.KIND, target_id=post.pk)
    # Every try but the last leaves it waiting; the worker runs the retries it enqueued.
    while job.status != "failed":
        assert item.state == MediaState.PROCESSING
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        work()
        job.refresh_from_db()
        item.refresh_from_db()
        assert len(calls) <= 3
    assert len(calls) == 3 and job.attempts == 3
    assert item.state == MediaState.FAILED and not item.source
    client.force_login(member)
    assert "De film kon niet verwerkt worden" in post_page(client, post)
