"""highlights: the feed of a school with 2,000 published posts, and uploading a 12-megapixel photo."""

import io
import random
import re
import statistics
import time
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bench.common import compare_with_bare_view, emit, ensure_schools, logged_in_client, member_of, page_stats

POSTS = 2000


def run():
    school = ensure_schools()
    ensure_posts(school, POSTS)
    small = ensure_small(school)
    client = logged_in_client(member_of(school))
    url = reverse("highlights:feed", args=[school.slug])
    stats = page_stats(client, url)
    emit(
        "feed_p95_ms",
        stats["p95_ms"],
        "ms",
        compared_to=f"page of 20 posts, {POSTS} published posts in the school, 500 schools",
    )
    small_stats = page_stats(logged_in_client(member_of(small)), reverse("highlights:feed", args=[small.slug]), n=10)
    emit(
        "feed_queries",
        stats["queries"],
        "queries",
        compared_to=f"{small_stats['queries']} queries for a school with 3 posts",
        ratio=round(stats["queries"] / small_stats["queries"], 3),
    )
    emit(
        "image_upload_seconds",
        upload_seconds(school),
        "s",
        compared_to="4000×3000 JPEG posted through the form: checked, re-encoded, stored (median of 3)",
    )
    compare_with_bare_view("feed", url, client)


def _photo_name():
    from PIL import Image

    from gespreid.highlights import media

    clean = media._encode(Image.linear_gradient("L").resize((800, 600)).convert("RGB"))
    return media.store(clean)[0]


def ensure_posts(school, count, seed=1):
    from gespreid.core.models import Membership
    from gespreid.highlights.models import Appreciation, Post, PostMedia, Status

    existing = Post.objects.filter(school=school, status=Status.PUBLISHED).count()
    if existing >= count:
        return
    rng = random.Random(seed)
    users = [m.user for m in Membership.objects.filter(school=school).select_related("user")]
    name = _photo_name()
    now = timezone.now()
    posts = Post.objects.bulk_create(
        [
            Post(
                school=school,
                author=users[i % len(users)],
                text=f"Highlight {i}: de werkgroep probeerde iets nieuws uit.",
                status=Status.PUBLISHED,
                consent_confirmed_at=now,
                submitted_at=now - timedelta(hours=i),
                published_at=now - timedelta(hours=i),
            )
            for i in range(existing, count)
        ],
        batch_size=500,
    )
    PostMedia.objects.bulk_create(
        [
            PostMedia(post=p, kind="foto", file=name, content_type="image/jpeg", width=800, height=600, position=j)
            for p in posts
            for j in range(1 + p.pk % 3)
        ],
        batch_size=1000,
    )
    Appreciation.objects.bulk_create(
        [Appreciation(post=p, user=u) for p in posts for u in rng.sample(users, k=rng.randrange(0, 6))], batch_size=1000
    )


def ensure_small(school):
    from gespreid.core.models import School

    small = School.objects.get(slug="bench-0002")
    ensure_posts(small, 3, seed=2)
    return small


def twelve_megapixels() -> bytes:
    from PIL import Image

    base = Image.merge(
        "RGB",
        [
            Image.linear_gradient("L").resize((4000, 3000)),
            Image.effect_noise((4000, 3000), 40).convert("L"),
            Image.linear_gradient("L").rotate(90).resize((4000, 3000)),
        ],
    )
    out = io.BytesIO()
    base.save(out, "JPEG", quality=90)
    return out.getvalue()


def upload_seconds(school) -> float:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gespreid.highlights import media
    from gespreid.highlights.models import Post

    data = twelve_megapixels()
    author = member_of(school, 2)
    client = logged_in_client(author)
    url = reverse("highlights:post-create", args=[school.slug])
    times = []
    for _ in range(3):
        photo = SimpleUploadedFile("camera.jpg", data, "image/jpeg")
        t0 = time.perf_counter()
        fields = {"text": "Bench", "consent": "on", "photos": [photo]}
        # A school with priorities or groups asks every post to name one.
        priority = school.priorities.filter(is_active=True).first()
        group = school.work_groups.first()
        if priority is not None:
            fields["priority"] = priority.pk
        elif group is not None:
            fields["group"] = group.pk
        response = client.post(url, fields)
        times.append(time.perf_counter() - t0)
        assert response.status_code == 302, (
            re.findall(rb"<small class=\"error\"[^>]*>([^<]*)", response.content) or response.content[-3000:]
        )
    created = Post.objects.filter(school=school, author=author, text="Bench")
    media.delete_files([m.file for p in created for m in p.media.all()])
    created.delete()
    print(f"# 12 MP test photo: {len(data) / 1e6:.1f} MB", flush=True)
    return round(statistics.median(times), 3)
